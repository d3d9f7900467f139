/**
 * The default owner "me" (SPEC §4.9): `--owner`, else `CAIRN_ACTOR`.
 *
 * @module
 */
import { actorFromEnv } from "./actor.ts";
import type { Ctx } from "./context.ts";
import { CairnError } from "./errors.ts";
import { type Tx, write } from "./store/tx.ts";
import { cleanOwner } from "./text.ts";

/**
 * The effective owner: `given`, else `CAIRN_ACTOR`, else null. When
 * `required` and neither is set → `missing_argument`, details
 * `{option:"--owner", env:"CAIRN_ACTOR"}`.
 */
export function effectiveOwner(
  ctx: Pick<Ctx, "env">,
  given: string | null | undefined,
  required = false,
): string | null {
  if (given !== undefined && given !== null) return cleanOwner(given);
  const fromEnv = actorFromEnv(ctx.env);
  if (fromEnv !== null || !required) return fromEnv;
  throw new CairnError(
    "missing_argument",
    "An owner is required: pass --owner or set CAIRN_ACTOR",
    {
      option: "--owner",
      env: "CAIRN_ACTOR",
    },
  );
}

/**
 * Runs a write whose events are recorded with `owner` as actor (SPEC §5.10
 * rule 1); with no owner, the context's own actor.
 */
export function writeAs<T>(ctx: Ctx, owner: string | null, fn: (tx: Tx) => T): T {
  return write(owner === null ? ctx : { ...ctx, actor: () => owner }, fn);
}
