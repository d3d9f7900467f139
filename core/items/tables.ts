/**
 * Where each kind lives and how its columns map to record fields (SPEC §5.3,
 * §14.1), so patches and events translate in one place.
 *
 * @module
 */
import { priorityName } from "../records.ts";
import { iso } from "../time.ts";

/** Kinds with rows. */
export type RowKind = "epic" | "task" | "subtask" | "criterion";

/** Table of each kind. */
export const TABLE_OF: Record<RowKind, string> = {
  epic: "epics",
  task: "tasks",
  subtask: "subtasks",
  criterion: "criteria",
};

/** Record field name of each column. */
export const FIELD_OF: Record<string, string> = {
  title: "title",
  description: "description",
  status: "status",
  priority: "priority",
  owner: "owner",
  epic_id: "epicId",
  task_id: "taskId",
  position: "position",
  claimed_at: "claimedAt",
  lease_expires_at: "leaseExpiresAt",
  lease_ms: "leaseMs",
  completed_at: "completedAt",
  created_at: "createdAt",
  text: "text",
  checked: "checked",
  evidence: "evidence",
  checked_at: "checkedAt",
  checked_by: "checkedBy",
};

/** Column of each record field (inverse of FIELD_OF). */
export const COLUMN_OF: Record<string, string> = Object.fromEntries(
  Object.entries(FIELD_OF).map(([c, f]) => [f, c]),
);

/** Columns that never bump `version` by themselves (SPEC §14.1 quiet fields). */
export const QUIET_COLUMNS = new Set([
  "position",
  "claimed_at",
  "lease_expires_at",
  "lease_ms",
  "completed_at",
  "checked_at",
  "checked_by",
  "created_at",
]);

const TIME_COLUMNS = new Set([
  "claimed_at",
  "lease_expires_at",
  "completed_at",
  "checked_at",
  "created_at",
]);

/** A stored value in its output (event) form. */
export function outputValue(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (TIME_COLUMNS.has(column)) return iso(value as number);
  if (column === "priority") return priorityName(value as number);
  if (column === "checked") return value === 1 || value === true;
  return value;
}

/** An output (event) value in its stored form (inverse of outputValue). */
export function storedValue(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (TIME_COLUMNS.has(column)) return Date.parse(value as string);
  if (column === "priority") return Number(String(value).replace(/^p/, ""));
  if (column === "checked") return value === true || value === 1 ? 1 : 0;
  return value;
}
