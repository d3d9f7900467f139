/**
 * `show`, `epic show`, `task show`, `subtask show` (SPEC §9.2.4): one item
 * with its context, dispatched on the resolved kind.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { progressOf } from "./progress.ts";
import { readinessOf } from "./readiness.ts";
import { nodeRef, nodesInOrder } from "./graph_nodes.ts";
import type { IdKind } from "./ids.ts";
import { rowOf } from "./items/rows.ts";
import {
  CRITERION_COLUMNS,
  criterionRecord,
  type CriterionRow,
  epicRecord,
  ref,
  SUBTASK_COLUMNS,
  subtaskRecord,
  type SubtaskRow,
  TASK_COLUMNS,
  taskRecord,
  taskRef,
  type TaskRow,
} from "./records.ts";
import { resolveId } from "./resolve.ts";
import type { Store } from "./store/store.ts";
import { read } from "./store/tx.ts";

/** SQL: whether the task `<alias>.id` has a prerequisite that is not done. */
function waitingSql(alias: string): string {
  return `EXISTS (SELECT 1 FROM dependencies d
    LEFT JOIN tasks pt ON pt.id = d.depends_on_id LEFT JOIN subtasks ps ON ps.id = d.depends_on_id
    WHERE d.source_id = ${alias}.id AND COALESCE(pt.status, ps.status) <> 'done')`;
}

function edgesOf(store: Store, id: string) {
  const side = (sql: string) =>
    nodesInOrder(store, store.all<{ o: string }>(sql, id).map((r) => r.o)).map(nodeRef);
  return {
    dependsOn: side("SELECT depends_on_id AS o FROM dependencies WHERE source_id = ?"),
    dependents: side("SELECT source_id AS o FROM dependencies WHERE depends_on_id = ?"),
  };
}

/** `TaskDetail` of a task (SPEC §9.2.4). */
export function taskDetail(store: Store, task: TaskRow, now: number) {
  const epic = rowOf(store, "epic", task.epic_id)!;
  const subtasks = store.all<SubtaskRow>(
    `SELECT ${SUBTASK_COLUMNS} FROM subtasks s WHERE s.task_id = ? ORDER BY s.position, s.created_at, s.id`,
    task.id,
  );
  const criteria = store.all<CriterionRow>(
    `SELECT ${CRITERION_COLUMNS} FROM criteria c WHERE c.task_id = ? ORDER BY c.position, c.created_at, c.id`,
    task.id,
  );
  return {
    task: taskRecord(task, now),
    epic: ref(epic),
    subtasks: subtasks.map((s) => subtaskRecord(s, now)),
    criteria: criteria.map(criterionRecord),
    ...edgesOf(store, task.id),
    readiness: readinessOf(store, task.id),
  };
}

function epicDetail(store: Store, epicId: string, all: boolean, now: number) {
  const epic = rowOf(store, "epic", epicId)!;
  const order = "ORDER BY t.position, t.created_at, t.id";
  let tasks: unknown[];
  if (all) {
    tasks = store.all<TaskRow>(
      `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.epic_id = ? ${order}`,
      epicId,
    )
      .map((t) => taskDetail(store, t, now));
  } else {
    const rows = store.all<
      TaskRow & { waiting: number; st: number; sd: number; ct: number; cc: number }
    >(
      `SELECT ${TASK_COLUMNS}, ${waitingSql("t")} AS waiting,
         (SELECT COUNT(*) FROM subtasks WHERE task_id = t.id) AS st,
         (SELECT COUNT(*) FROM subtasks WHERE task_id = t.id AND status = 'done') AS sd,
         (SELECT COUNT(*) FROM criteria WHERE task_id = t.id) AS ct,
         (SELECT COUNT(*) FROM criteria WHERE task_id = t.id AND checked = 1) AS cc
         FROM tasks t WHERE t.epic_id = ? ${order}`,
      epicId,
    );
    tasks = rows.map((t) => ({
      ...taskRef(t),
      readiness: t.status === "done" || t.status === "blocked"
        ? t.status
        : t.waiting
        ? "waiting"
        : "ready",
      subtasks: { total: t.st, done: t.sd },
      criteria: { total: t.ct, checked: t.cc },
    }));
  }
  return { epic: epicRecord(epic), progress: progressOf(store, epicId, now), tasks };
}

function subtaskDetail(store: Store, subtask: SubtaskRow, now: number) {
  const task = rowOf(store, "task", subtask.task_id)!;
  return {
    subtask: subtaskRecord(subtask, now),
    task: taskRef(task),
    epic: ref(rowOf(store, "epic", task.epic_id)!),
    ...edgesOf(store, subtask.id),
    readiness: readinessOf(store, subtask.id),
  };
}

/**
 * Shows one item of the accepted kinds (default: epic, task, subtask,
 * criterion). `all` expands an epic's tasks into full `TaskDetail`s.
 */
export function showItem(
  ctx: Ctx,
  input: { id: string; kinds?: readonly IdKind[]; all?: boolean },
) {
  return read(ctx, () => {
    const store = ctx.store;
    const now = ctx.now();
    const { id, kind } = resolveId(
      store,
      input.id,
      input.kinds ?? ["epic", "task", "subtask", "criterion"],
    );
    if (kind === "epic") return epicDetail(store, id, !!input.all, now);
    if (kind === "task") return taskDetail(store, rowOf(store, "task", id)!, now);
    if (kind === "subtask") return subtaskDetail(store, rowOf(store, "subtask", id)!, now);
    const criterion = rowOf(store, "criterion", id)!;
    return {
      criterion: criterionRecord(criterion),
      task: taskRef(rowOf(store, "task", criterion.task_id)!),
    };
  });
}
