/**
 * Builds the core input of `epic|task|subtask create` and `update` from
 * parsed options, reading `--description-file` / `--append-file` first.
 *
 * @module
 */
import type { Status, UpdateInput } from "../../core/mod.ts";
import type { CliContext } from "../context.ts";
import type { Input } from "../spec.ts";
import { textOption } from "../text_input.ts";

/** The fields of one `create` command line (an option the kind lacks stays undefined). */
export async function createInput(ctx: CliContext, opts: Record<string, unknown>) {
  return {
    title: opts.title as string,
    description: await textOption(ctx, opts, "description"),
    status: opts.status as Status | undefined,
    priority: opts.priority as number | undefined,
    owner: opts.owner as string | undefined,
    before: opts.before as string | undefined,
    after: opts.after as string | undefined,
  };
}

/** The update input of one command line. */
export async function updateInput(
  ctx: CliContext,
  kind: string,
  { args, opts }: Input,
): Promise<UpdateInput> {
  return {
    id: args[kind] as string | undefined,
    ids: opts.ids as string[] | undefined,
    title: opts.title as string | undefined,
    description: await textOption(ctx, opts, "description"),
    append: await textOption(ctx, opts, "append"),
    status: opts.status as Status | undefined,
    priority: opts.priority as number | undefined,
    owner: opts.owner as string | undefined,
    force: opts.force as boolean | undefined,
    cascade: opts.cascade as boolean | undefined,
  };
}
