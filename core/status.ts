/**
 * The status machine and its gates (SPEC §6.2–§6.6): transitions,
 * dependency gating, criteria gating, and the automatic epic rules.
 *
 * @module
 */
import { CairnError } from "./errors.ts";
import type { Status } from "./records.ts";
import type { Tx } from "./store/tx.ts";
import type { Store } from "./store/store.ts";
import { patchRow } from "./items/patch.ts";

/** Allowed targets of each status (SPEC §6.2). */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  todo: ["in_progress", "blocked"],
  in_progress: ["done", "blocked", "todo"],
  blocked: ["in_progress", "todo"],
  done: ["in_progress"],
};

/** Whether `from → to` is allowed (a same-status "change" is a no-op, allowed). */
export function canTransition(from: Status, to: Status): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Throws `status_transition_invalid` unless `from → to` is allowed. */
export function checkTransition(
  kind: "epic" | "task" | "subtask",
  id: string,
  from: Status,
  to: Status,
): void {
  if (canTransition(from, to)) return;
  const hint = to === "done" && kind !== "epic" && (from === "todo" || from === "blocked")
    ? `cairn ${kind} done ${id}`
    : `Allowed from ${from}: ${TRANSITIONS[from].join(", ")}`;
  throw new CairnError(
    "status_transition_invalid",
    `Cannot move ${kind} "${id}" from ${from} to ${to}`,
    {
      id,
      kind,
      from,
      to,
      allowed: [...TRANSITIONS[from]],
      hint,
    },
  );
}

/** An unresolved prerequisite. */
export interface Unresolved {
  id: string;
  kind: "task" | "subtask";
  title: string;
  status: Status;
}

/** Prerequisites of an item that are not done, in position order. */
export function unresolvedPrerequisites(store: Store, id: string): Unresolved[] {
  // LEFT JOINs, not a UNION subquery: SQLite would scan every task to build the union.
  return store.all<Unresolved>(
    `SELECT d.depends_on_id AS id, CASE WHEN t.id IS NULL THEN 'subtask' ELSE 'task' END AS kind,
            COALESCE(t.title, s.title) AS title, COALESCE(t.status, s.status) AS status
       FROM dependencies d
       LEFT JOIN tasks t ON t.id = d.depends_on_id LEFT JOIN subtasks s ON s.id = d.depends_on_id
      WHERE d.source_id = ? AND COALESCE(t.status, s.status) <> 'done'
      ORDER BY COALESCE(t.position, s.position), COALESCE(t.created_at, s.created_at), d.depends_on_id`,
    id,
  );
}

/** Throws `dependency_blocked` when an item may not enter `to` (in_progress or done). */
export function checkDependencyGate(
  store: Store,
  kind: "task" | "subtask",
  id: string,
  to: Status,
): void {
  if (to !== "in_progress" && to !== "done") return;
  const unresolved = unresolvedPrerequisites(store, id);
  if (unresolved.length === 0) return;
  throw new CairnError(
    "dependency_blocked",
    `Cannot move ${kind} "${id}" to ${to}: ${unresolved.length} prerequisite${
      unresolved.length === 1 ? " is" : "s are"
    } not done`,
    { id, kind, to, count: unresolved.length, unresolved },
  );
}

/** Unchecked criteria of a task, in position order. */
export function openCriteria(store: Store, taskId: string): { id: string; text: string }[] {
  return store.all<{ id: string; text: string }>(
    "SELECT id, text FROM criteria WHERE task_id = ? AND checked = 0 ORDER BY position, created_at, id",
    taskId,
  );
}

/**
 * Criteria gate for a task entering `done` (SPEC §6.4). Returns the open
 * criterion ids when forced (for `flags.openCriteria`); throws
 * `criteria_open` otherwise.
 */
export function checkCriteriaGate(store: Store, taskId: string, force: boolean): string[] {
  const open = openCriteria(store, taskId);
  if (open.length === 0) return [];
  if (force) return open.map((c) => c.id);
  throw new CairnError(
    "criteria_open",
    `Task ${taskId} has ${open.length} unchecked acceptance criteria`,
    {
      id: taskId,
      count: open.length,
      open,
      hint: `cairn criteria check <criterion-id> --evidence "...", or pass --force`,
    },
  );
}

/** Open tasks of an epic (for `children_open`). */
export function openTasksOf(store: Store, epicId: string) {
  return store.all<
    {
      id: string;
      kind: "task";
      epicId: string;
      title: string;
      status: Status;
      priority: string;
      owner: string | null;
    }
  >(
    `SELECT id, 'task' AS kind, epic_id AS epicId, title, status, 'p' || priority AS priority, owner
       FROM tasks WHERE epic_id = ? AND status <> 'done' ORDER BY position, created_at, id`,
    epicId,
  );
}

/** Throws `children_open` when an epic may not become done (SPEC §6.6 rule 1). */
export function checkEpicDone(store: Store, epicId: string): void {
  const open = openTasksOf(store, epicId);
  if (open.length === 0) return;
  throw new CairnError(
    "children_open",
    `Epic "${epicId}" has ${open.length} open task${open.length === 1 ? "" : "s"}`,
    {
      id: epicId,
      count: open.length,
      open,
      hint: `cairn epic update ${epicId} --status done --cascade`,
    },
  );
}

/** One automatic epic transition (reported in `data.auto`). */
export interface AutoTransition {
  id: string;
  kind: "epic";
  from: Status;
  to: Status;
}

/**
 * Automatic epic rules (SPEC §6.6 rules 2–4) after a task or subtask of
 * `epicId` changed to `status` (or was created in it, or moved in):
 * auto-start a `todo` epic when work starts or finishes; auto-reopen a
 * `done` epic when an open task appears in it.
 */
export function applyEpicRules(
  tx: Tx,
  epicId: string,
  status: Status,
  cause: string | null,
): AutoTransition[] {
  const epic = tx.store.get<Record<string, unknown> & { status: Status }>(
    "SELECT * FROM epics WHERE id = ?",
    epicId,
  );
  if (!epic) return [];
  let to: Status | null = null;
  if (epic.status === "todo" && (status === "in_progress" || status === "done")) to = "in_progress";
  if (epic.status === "done" && status !== "done") to = "in_progress";
  if (!to) return [];
  const from = epic.status;
  patchRow(tx, {
    kind: "epic",
    id: epicId,
    before: epic,
    set: { status: to, completed_at: null },
    cause,
    flags: { auto: true },
  });
  return [{ id: epicId, kind: "epic", from, to }];
}

/** Whether an item is held by somebody other than `owner` (SPEC §6.5). */
export function heldByOther(
  row: { owner: string | null; lease_expires_at: number | null },
  owner: string | null | undefined,
  now: number,
): boolean {
  if (row.owner === null || row.owner === owner) return false;
  return row.lease_expires_at === null || row.lease_expires_at >= now;
}
