/**
 * Cascade completion (SPEC §6.10): an epic with all its tasks and subtasks,
 * or a task with its subtasks, completed in one transaction after checking
 * outside prerequisites and criteria all at once.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError, type Warning } from "./errors.ts";
import { newEventId } from "./ids.ts";
import { checkIfMatch } from "./items/guard.ts";
import { patchRow } from "./items/patch.ts";
import { type RowKind } from "./items/tables.ts";
import {
  EPIC_COLUMNS,
  epicRecord,
  type EpicRow,
  ref,
  SUBTASK_COLUMNS,
  type SubtaskRow,
  TASK_COLUMNS,
  taskRecord,
  type TaskRow,
} from "./records.ts";
import { resolveId } from "./resolve.ts";
import { applyEpicRules, type AutoTransition } from "./status.ts";
import type { Store } from "./store/store.ts";
import { type Tx, write } from "./store/tx.ts";
import { unblockedBy } from "./deps.ts";

/** Input of a cascade. */
export interface CascadeInput {
  id: string;
  kind: "epic" | "task";
  force?: boolean;
  ifMatch?: number;
}

type Row = (EpicRow | TaskRow | SubtaskRow) & { kind: RowKind };

/** Every item in scope, in write order: subtasks, then tasks, then the epic (SPEC §6.10). */
function scopeOf(store: Store, kind: "epic" | "task", id: string): Row[] {
  const tag = (k: RowKind) => (r: EpicRow | TaskRow | SubtaskRow): Row => ({ ...r, kind: k });
  if (kind === "task") {
    const subtasks = store.all<SubtaskRow>(
      `SELECT ${SUBTASK_COLUMNS} FROM subtasks s WHERE s.task_id = ? ORDER BY s.position, s.created_at, s.id`,
      id,
    );
    const task = store.get<TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ?`, id)!;
    return [...subtasks.map(tag("subtask")), tag("task")(task)];
  }
  const subtasks = store.all<SubtaskRow>(
    `SELECT ${SUBTASK_COLUMNS} FROM subtasks s JOIN tasks t ON t.id = s.task_id WHERE t.epic_id = ?
      ORDER BY t.position, t.created_at, t.id, s.position, s.created_at, s.id`,
    id,
  );
  const tasks = store.all<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.epic_id = ? ORDER BY t.position, t.created_at, t.id`,
    id,
  );
  const epic = store.get<EpicRow>(`SELECT ${EPIC_COLUMNS} FROM epics e WHERE e.id = ?`, id)!;
  return [...subtasks.map(tag("subtask")), ...tasks.map(tag("task")), tag("epic")(epic)];
}

/** Throws `dependency_blocked` for open prerequisites outside the scope (SPEC §6.10). */
function checkOutsidePrerequisites(
  store: Store,
  rootId: string,
  changing: Row[],
  scope: Set<string>,
) {
  const nodes = changing.filter((r) => r.kind !== "epic").map((r) => r.id);
  const blockers = store.all<{ sourceId: string; dependsOnId: string; dependsOnStatus: string }>(
    `SELECT d.source_id AS sourceId, d.depends_on_id AS dependsOnId,
            COALESCE(pt.status, ps.status) AS dependsOnStatus
       FROM json_each(?) j JOIN dependencies d ON d.source_id = j.value
       LEFT JOIN tasks pt ON pt.id = d.depends_on_id LEFT JOIN subtasks ps ON ps.id = d.depends_on_id
      WHERE COALESCE(pt.status, ps.status) <> 'done' ORDER BY j.key, d.depends_on_id`,
    JSON.stringify(nodes),
  ).filter((b) => !scope.has(b.dependsOnId)).map((b) => ({
    sourceId: b.sourceId,
    dependsOnId: b.dependsOnId,
    dependsOnKind: b.dependsOnId.startsWith("t-") ? "task" : "subtask",
    dependsOnStatus: b.dependsOnStatus,
  }));
  if (blockers.length === 0) return;
  throw new CairnError(
    "dependency_blocked",
    `Cannot complete "${rootId}" with --cascade: ${blockers.length} prerequisite${
      blockers.length === 1 ? " outside it is" : "s outside it are"
    } not done`,
    { id: rootId, cascade: true, count: blockers.length, blockers },
  );
}

/** Open criteria of the changing tasks; throws `criteria_open` unless forced. */
function checkCascadeCriteria(store: Store, rootId: string, changing: Row[], force: boolean) {
  const tasks = changing.filter((r) => r.kind === "task").map((r) => r.id);
  const rows = store.all<{ taskId: string; id: string; text: string }>(
    `SELECT c.task_id AS taskId, c.id, c.text FROM json_each(?) j JOIN criteria c ON c.task_id = j.value
      WHERE c.checked = 0 ORDER BY j.key, c.position, c.created_at, c.id`,
    JSON.stringify(tasks),
  );
  const open = new Map<string, { id: string; text: string }[]>();
  for (const r of rows) {
    open.set(r.taskId, [...open.get(r.taskId) ?? [], { id: r.id, text: r.text }]);
  }
  if (rows.length === 0 || force) return open;
  throw new CairnError(
    "criteria_open",
    `Cannot complete "${rootId}" with --cascade: ${rows.length} acceptance criteria are unchecked`,
    {
      id: rootId,
      cascade: true,
      count: rows.length,
      open: [...open].map(([taskId, criteria]) => ({ taskId, criteria })),
      hint: 'cairn criteria check <criterion-id> --evidence "...", or pass --force',
    },
  );
}

/**
 * `epic|task update <id> --status done --cascade [--force]` (SPEC §6.10):
 * every open item in scope becomes done, subtasks first, then tasks, then
 * the epic; all events name the root item's event as `cause`.
 */
export function cascadeComplete(ctx: Ctx, input: CascadeInput) {
  return write(ctx, (tx) => {
    const rootId = resolveId(tx.store, input.id, [input.kind]).id;
    const scope = scopeOf(tx.store, input.kind, rootId);
    const root = scope.at(-1)!;
    checkIfMatch(tx.store, input.kind, rootId, input.ifMatch, () => rootRecord(root, tx.now));
    const changing = scope.filter((r) => r.status !== "done");
    checkOutsidePrerequisites(tx.store, rootId, changing, new Set(scope.map((r) => r.id)));
    const forced = checkCascadeCriteria(tx.store, rootId, changing, input.force === true);
    const rootEvent = root.status === "done" ? null : newEventId();
    for (const row of changing) {
      const open = forced.get(row.id) ?? [];
      patchRow(tx, {
        kind: row.kind,
        id: row.id,
        before: row as unknown as Record<string, unknown>,
        set: row.kind === "epic"
          ? { status: "done", completed_at: tx.now }
          : { status: "done", completed_at: tx.now, lease_expires_at: null, lease_ms: null },
        cause: row === root ? null : rootEvent,
        eventId: row === root ? rootEvent! : undefined,
        flags: open.length ? { forced: true, openCriteria: open.map((c) => c.id) } : undefined,
      });
    }
    return cascadeData(tx, input.kind, root, scope, changing, forced, rootEvent);
  });
}

function cascadeData(
  tx: Tx,
  kind: "epic" | "task",
  root: Row,
  scope: Row[],
  changing: Row[],
  forced: Map<string, { id: string }[]>,
  rootEvent: string | null,
) {
  const auto: AutoTransition[] = kind === "task" && changing.length
    ? applyEpicRules(tx, (root as TaskRow).epic_id, "done", rootEvent ?? tx.firstEventId)
    : [];
  const count = (k: RowKind) => changing.filter((r) => r.kind === k).length;
  const warnings: Warning[] = [];
  const forcedIds = [...forced.values()].flat().map((c) => c.id);
  if (forcedIds.length) {
    warnings.push({
      code: "criteria_forced",
      message: `${forced.size} task${
        forced.size === 1 ? " was" : "s were"
      } completed with ${forcedIds.length} unchecked criteria`,
      ids: forcedIds,
    });
  }
  return {
    [kind]: rootRecord(root, tx.now),
    changed: changing.map((r) => ref(r)),
    unchanged: scope.filter((r) => !changing.includes(r)).map((r) => r.id),
    counts: { epics: count("epic"), tasks: count("task"), subtasks: count("subtask") },
    unblocked: unblockedBy(tx.store, changing.filter((r) => r.kind !== "epic").map((r) => r.id)),
    auto,
    warnings,
  };
}

function rootRecord(root: Row, now: number) {
  return root.kind === "epic" ? epicRecord(root as EpicRow) : taskRecord(root as TaskRow, now);
}
