/**
 * `import <file | ->` (SPEC §12.4): validate everything, then apply in one
 * write transaction (events with source `import`), or report what would
 * happen with `--dry-run`. Importing the same file twice writes nothing.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError, type Warning } from "../errors.ts";
import { write } from "../store/tx.ts";
import { applyImport, type ImportCounts } from "./import_apply.ts";
import { checkAgainstDb } from "./import_check.ts";
import { checkShape, Issues } from "./import_shape.ts";

/** Largest import file (SPEC §19.1). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Data of `import`. */
export interface ImportResult {
  dryRun: boolean;
  counts: ImportCounts;
  warnings: Warning[];
}

function invalid(issues: Issues): CairnError {
  return new CairnError(
    "invalid_import",
    `The import file has ${issues.total} problem${
      issues.total === 1 ? "" : "s"
    }; nothing was written`,
    { issues: issues.list, total: issues.total },
  );
}

/** Reads an import file (relative to `cwd`) as UTF-8 text. */
export function readImportFile(path: string, cwd: string): string {
  const abs = path.startsWith("/") ? path : `${cwd}/${path}`;
  let size: number;
  try {
    const st = Deno.statSync(abs);
    if (st.isDirectory) throw new CairnError("invalid_path", `${path} is a directory`, { path });
    size = st.size;
  } catch (err) {
    if (err instanceof CairnError) throw err;
    throw new CairnError("invalid_path", `Import file "${path}" does not exist`, { path });
  }
  if (size > MAX_IMPORT_BYTES) return tooLarge(size);
  return decode(Deno.readFileSync(abs));
}

/** Decodes import bytes (stdin or file); invalid UTF-8 or oversize is `invalid_import`. */
export function decode(bytes: Uint8Array): string {
  if (bytes.length > MAX_IMPORT_BYTES) return tooLarge(bytes.length);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const issues = new Issues();
    issues.add("", null, "bad_format", "The file is not valid UTF-8");
    throw invalid(issues);
  }
}

function tooLarge(size: number): never {
  const issues = new Issues();
  issues.add("", null, "bad_shape", `The file is ${size} bytes; the limit is ${MAX_IMPORT_BYTES}`);
  throw invalid(issues);
}

class DryRun {
  constructor(readonly result: ImportResult) {}
}

/** Validates and imports an export document. */
export function importExport(ctx: Ctx, input: { text: string; dryRun?: boolean }): ImportResult {
  const issues = new Issues();
  const doc = checkShape(input.text, issues);
  if (!doc) throw invalid(issues);
  const importCtx: Ctx = { ...ctx, source: "import" };
  try {
    return write(importCtx, (tx) => {
      checkAgainstDb(tx.store, doc, issues);
      if (issues.total) throw invalid(issues);
      const { counts, warnings } = applyImport(tx, doc);
      const result = { dryRun: input.dryRun === true, counts, warnings };
      if (input.dryRun) throw new DryRun(result); // rolls the transaction back
      return result;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.result;
    throw err;
  }
}
