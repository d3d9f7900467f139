/**
 * `epic export` and `export --all` (SPEC §12.1–12.3): read in one snapshot,
 * render, then write the file after the read has ended.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError } from "../errors.ts";
import { resolveId } from "../resolve.ts";
import { read } from "../store/tx.ts";
import { renderJson } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";
import { readExportRows } from "./read.ts";
import { resolveTarget, slugify, writeTarget } from "./target.ts";

/** Where an export is written: a path, `-` for the caller to print, or the default. */
export interface ExportTarget {
  /** `--path`; `-` returns the text instead of writing it. */
  path?: string;
  overwrite?: boolean;
  /** The directory `--path` is relative to. */
  cwd: string;
}

/** An export's data, and its text when it goes to stdout. */
export interface ExportOutcome<T> {
  data: T;
  /** The document, when `path` was `-`. */
  text: string | null;
}

function worktreeRoot(ctx: Ctx): string {
  const loc = ctx.store.location;
  return loc.git?.worktreeRoot ?? loc.root;
}

function emit(text: string, target: ExportTarget, defaultDir: string, name: string) {
  if (target.path === "-") {
    return { path: "-", bytes: new TextEncoder().encode(text).length, overwritten: false };
  }
  const path = resolveTarget({ path: target.path, cwd: target.cwd, defaultDir, name });
  return writeTarget(path, text, target.overwrite === true);
}

/** Exports one epic as Markdown (default) or JSON. */
export function exportEpic(
  ctx: Ctx,
  input: { epic: string; format?: "md" | "json" } & ExportTarget,
) {
  const format = input.format ?? "md";
  const now = ctx.now();
  const rows = read(ctx, () => {
    const { id } = resolveId(ctx.store, input.epic, ["epic"]);
    return readExportRows(ctx.store, id);
  });
  const epic = rows.epics[0]!;
  const text = format === "md"
    ? renderMarkdown(rows, now)
    : renderJson(rows, { kind: "epic", id: epic.id }, now);
  const name = `${slugify(epic.title, epic.id)}.${format}`;
  const written = emit(text, input, `${worktreeRoot(ctx)}/plans`, name);
  return {
    data: {
      epicId: epic.id,
      format,
      path: written.path,
      bytes: written.bytes,
      overwritten: written.overwritten,
      summary: {
        tasks: rows.tasks.length,
        subtasks: rows.subtasks.length,
        criteria: rows.criteria.length,
        dependencies: rows.edges.length,
        external: rows.external.length,
      },
    },
    text: input.path === "-" ? text : null,
  };
}

/** Exports everything as JSON (`export --all`). */
export function exportAll(
  ctx: Ctx,
  input: { all?: boolean; format?: "md" | "json" } & ExportTarget,
) {
  if (!input.all) {
    throw new CairnError("missing_argument", "export needs --all (it names the scope)", {
      option: "--all",
    });
  }
  if (input.format === "md") {
    throw new CairnError("invalid_value", "export --all writes JSON only; use --format json", {
      option: "--format",
      value: "md",
      allowed: ["json"],
    });
  }
  const now = ctx.now();
  const rows = read(ctx, () => readExportRows(ctx.store, null));
  const text = renderJson(rows, { kind: "all" }, now);
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const written = emit(text, input, worktreeRoot(ctx), `cairn-export-${stamp}.json`);
  return {
    data: {
      format: "json",
      path: written.path,
      bytes: written.bytes,
      counts: {
        epics: rows.epics.length,
        tasks: rows.tasks.length,
        subtasks: rows.subtasks.length,
        criteria: rows.criteria.length,
        dependencies: rows.edges.length,
      },
    },
    text: input.path === "-" ? text : null,
  };
}
