/**
 * The JSON export document (SPEC §12.3): full record shapes without derived
 * or transient fields, so two exports of the same data differ only in
 * `exportedAt`.
 *
 * @module
 */
import { criterionRecord, edgeRecord, epicRecord, subtaskRecord, taskRecord } from "../records.ts";
import { iso } from "../time.ts";
import { VERSION } from "../version.ts";
import type { ExportRows } from "./read.ts";

/** Scope of an export. */
export type ExportScope = { kind: "epic"; id: string } | { kind: "all" };

function omit<T extends Record<string, unknown>>(record: T, keys: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!keys.includes(k)) out[k] = v;
  return out;
}

const STORED_ONLY = ["version", "updatedAt"] as const;
const TRANSIENT = ["leaseExpired", "leaseExpiresAt", ...STORED_ONLY] as const;

/** The export records of some rows (shared by the document and by import comparisons). */
export function exportRecords(rows: ExportRows) {
  return {
    epics: rows.epics.map((r) => omit(epicRecord(r), STORED_ONLY)),
    tasks: rows.tasks.map((r) => omit(taskRecord(r, 0), TRANSIENT)),
    subtasks: rows.subtasks.map((r) => omit(subtaskRecord(r, 0), [...TRANSIENT, "epicId"])),
    criteria: rows.criteria.map((r) => omit(criterionRecord(r), STORED_ONLY)),
    dependencies: rows.edges.map(edgeRecord),
  };
}

/** The pretty-printed document (two-space indentation, trailing newline). */
export function renderJson(rows: ExportRows, scope: ExportScope, exportedAt: number): string {
  const doc = {
    format: "cairn-export",
    version: 1,
    exportedAt: iso(exportedAt),
    program: `cairn ${VERSION}`,
    scope,
    ...exportRecords(rows),
    external: rows.external,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
