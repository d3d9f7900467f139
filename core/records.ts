/**
 * Rows → record shapes (SPEC §5.8), in the documented key order.
 *
 * @module
 */
import { iso } from "./time.ts";

/** Item statuses (SPEC §6.1). */
export type Status = "todo" | "in_progress" | "blocked" | "done";

/** Every status, in board column order. */
export const STATUSES: readonly Status[] = ["todo", "in_progress", "blocked", "done"];

/** Item kinds. */
export type ItemKind = "epic" | "task" | "subtask";

/** `p0`..`p4` from the stored integer. */
export function priorityName(p: number): string {
  return `p${p}`;
}

/** An epic row. */
export interface EpicRow {
  id: string;
  title: string;
  description: string;
  status: Status;
  priority: number;
  position: number;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  version: number;
}

/** A task row. */
export interface TaskRow {
  id: string;
  epic_id: string;
  title: string;
  description: string;
  status: Status;
  priority: number;
  owner: string | null;
  claimed_at: number | null;
  lease_expires_at: number | null;
  lease_ms: number | null;
  position: number;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  version: number;
}

/** A subtask row, with the epic of its task. */
export interface SubtaskRow {
  id: string;
  task_id: string;
  epic_id: string;
  title: string;
  description: string;
  status: Status;
  owner: string | null;
  claimed_at: number | null;
  lease_expires_at: number | null;
  lease_ms: number | null;
  position: number;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  version: number;
}

/** A criterion row. */
export interface CriterionRow {
  id: string;
  task_id: string;
  text: string;
  checked: number;
  evidence: string | null;
  checked_at: number | null;
  checked_by: string | null;
  position: number;
  created_at: number;
  updated_at: number;
  version: number;
}

/** A dependency row with the kinds of its endpoints. */
export interface EdgeRow {
  source_id: string;
  depends_on_id: string;
  created_at: number;
  created_by: string;
}

/** Column lists, so every query selects the same shape. */
export const EPIC_COLUMNS =
  "e.id, e.title, e.description, e.status, e.priority, e.position, e.created_at, e.updated_at, e.completed_at, e.version";
export const TASK_COLUMNS =
  "t.id, t.epic_id, t.title, t.description, t.status, t.priority, t.owner, t.claimed_at, t.lease_expires_at, t.lease_ms, t.position, t.created_at, t.updated_at, t.completed_at, t.version";
export const SUBTASK_COLUMNS =
  "s.id, s.task_id, (SELECT epic_id FROM tasks WHERE id = s.task_id) AS epic_id, s.title, s.description, s.status, s.owner, s.claimed_at, s.lease_expires_at, s.lease_ms, s.position, s.created_at, s.updated_at, s.completed_at, s.version";
export const CRITERION_COLUMNS =
  "c.id, c.task_id, c.text, c.checked, c.evidence, c.checked_at, c.checked_by, c.position, c.created_at, c.updated_at, c.version";

/** Options of record rendering. */
export interface RecordOptions {
  /** Include the description (default true; lists omit it unless `--full`). */
  description?: boolean;
}

/** Epic record. */
export function epicRecord(r: EpicRow, o: RecordOptions = {}) {
  return {
    id: r.id,
    kind: "epic" as const,
    title: r.title,
    ...(o.description === false ? {} : { description: r.description }),
    status: r.status,
    priority: priorityName(r.priority),
    position: r.position,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    completedAt: iso(r.completed_at),
    version: r.version,
  };
}

/** Task record; `leaseExpired` is computed against `now`. */
export function taskRecord(r: TaskRow, now: number, o: RecordOptions = {}) {
  return {
    id: r.id,
    kind: "task" as const,
    epicId: r.epic_id,
    title: r.title,
    ...(o.description === false ? {} : { description: r.description }),
    status: r.status,
    priority: priorityName(r.priority),
    owner: r.owner,
    claimedAt: iso(r.claimed_at),
    leaseExpiresAt: iso(r.lease_expires_at),
    leaseExpired: r.lease_expires_at !== null && now > r.lease_expires_at,
    position: r.position,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    completedAt: iso(r.completed_at),
    version: r.version,
  };
}

/** Subtask record. */
export function subtaskRecord(r: SubtaskRow, now: number, o: RecordOptions = {}) {
  return {
    id: r.id,
    kind: "subtask" as const,
    taskId: r.task_id,
    epicId: r.epic_id,
    title: r.title,
    ...(o.description === false ? {} : { description: r.description }),
    status: r.status,
    owner: r.owner,
    claimedAt: iso(r.claimed_at),
    leaseExpiresAt: iso(r.lease_expires_at),
    leaseExpired: r.lease_expires_at !== null && now > r.lease_expires_at,
    position: r.position,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    completedAt: iso(r.completed_at),
    version: r.version,
  };
}

/** Criterion record. */
export function criterionRecord(r: CriterionRow) {
  return {
    id: r.id,
    kind: "criterion" as const,
    taskId: r.task_id,
    text: r.text,
    checked: r.checked === 1,
    evidence: r.evidence,
    checkedAt: iso(r.checked_at),
    checkedBy: r.checked_by,
    position: r.position,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  };
}

/** Edge record. */
export function edgeRecord(r: EdgeRow) {
  return {
    sourceId: r.source_id,
    sourceKind: r.source_id.startsWith("t-") ? "task" : "subtask",
    dependsOnId: r.depends_on_id,
    dependsOnKind: r.depends_on_id.startsWith("t-") ? "task" : "subtask",
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
  };
}

/** Compact reference to any item. */
export function ref(
  r: { id: string; title?: string; text?: string; status?: string; checked?: number },
) {
  const kind = r.id.startsWith("e-")
    ? "epic"
    : r.id.startsWith("t-")
    ? "task"
    : r.id.startsWith("s-")
    ? "subtask"
    : "criterion";
  return {
    id: r.id,
    kind,
    title: r.title ?? r.text ?? "",
    status: r.status ?? (r.checked ? "checked" : "open"),
  };
}

/** TaskRef (SPEC §5.8). */
export function taskRef(r: TaskRow) {
  return {
    id: r.id,
    kind: "task" as const,
    epicId: r.epic_id,
    title: r.title,
    status: r.status,
    priority: priorityName(r.priority),
    owner: r.owner,
  };
}

/** Output types. */
export type Epic = ReturnType<typeof epicRecord>;
export type Task = ReturnType<typeof taskRecord>;
export type Subtask = ReturnType<typeof subtaskRecord>;
export type Criterion = ReturnType<typeof criterionRecord>;
export type Edge = ReturnType<typeof edgeRecord>;
export type Ref = ReturnType<typeof ref>;
export type TaskRef = ReturnType<typeof taskRef>;
