/**
 * Text given inline or through a file option (`--description-file`,
 * `--append-file`; `-` = stdin), SPEC §4.7. Read before the write
 * transaction starts.
 *
 * @module
 */
import { CairnError } from "../core/mod.ts";
import type { CliContext } from "./context.ts";

/** Reads a file option as UTF-8 text; `-` reads stdin. */
export async function readTextFile(ctx: CliContext, path: string, field: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    if (path === "-") bytes = await ctx.io.readStdin();
    else {
      const full = path.startsWith("/") ? path : `${ctx.cwd}/${path}`;
      if (Deno.statSync(full).isDirectory) throw new Deno.errors.IsADirectory(full);
      bytes = Deno.readFileSync(full);
    }
  } catch (err) {
    const denied = err instanceof Deno.errors.PermissionDenied;
    throw new CairnError(
      denied ? "permission_denied" : "invalid_path",
      `Cannot read ${path}: ${(err as Error).message}`,
      { path },
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CairnError("invalid_input", `${path} is not valid UTF-8`, { field, path });
  }
}

/** The value of `--<name>` or, when given, the content of `--<name>-file`. */
export async function textOption(
  ctx: CliContext,
  opts: Record<string, unknown>,
  name: "description" | "append",
): Promise<string | undefined> {
  const inline = opts[name] as string | undefined;
  if (inline !== undefined) return inline;
  const path = opts[`${name}File`] as string | undefined;
  return path === undefined ? undefined : await readTextFile(ctx, path, name);
}
