/**
 * Writing a validated batch (SPEC §10.5 step 6): tasks, subtasks, criteria,
 * edges, in spec order, appended per §5.5, every event caused by the
 * command's first event; then the epic rules and the warnings.
 *
 * @module
 */
import type { Warning } from "../errors.ts";
import { insertCriterion, insertEdge, insertSubtask, insertTask } from "../items/insert.ts";
import { appendPosition } from "../positions.ts";
import {
  type Criterion,
  criterionRecord,
  type CriterionRow,
  type Edge,
  edgeRecord,
  type Subtask,
  subtaskRecord,
  type SubtaskRow,
  type Task,
  taskRecord,
  type TaskRow,
} from "../records.ts";
import { applyEpicRules, type AutoTransition } from "../status.ts";
import type { Tx } from "../store/tx.ts";
import { type Plan, type Skipped, triggeringStatuses } from "./plan.ts";
import type { Target } from "./refs.ts";

/** One temp key and the id it became. */
export interface Mapping {
  kind: "task" | "subtask";
  tempKey: string;
  id: string;
}

/** What a batch wrote. */
export interface Applied {
  tasks: Task[];
  subtasks: Subtask[];
  criteria: Criterion[];
  dependencies: Edge[];
  mappings: Mapping[];
  skipped: Skipped[];
  auto: AutoTransition[];
  warnings: Warning[];
}

const CLAIM_COLUMNS = { claimed_at: null, lease_expires_at: null, lease_ms: null };

/** Next position per parent: stored parents append, new parents start at 1. */
function positions(tx: Tx, kind: "subtask" | "criterion") {
  const next = new Map<string, number>();
  return (parent: Target): number => {
    let p = next.get(parent.id);
    if (p === undefined) {
      p = parent.isNew
        ? 1
        : appendPosition(tx, { kind, parentColumn: "task_id", parentId: parent.id });
    }
    next.set(parent.id, p + 1);
    return p;
  };
}

function warningsOf(plan: Plan): Warning[] {
  const warnings: Warning[] = [];
  const doneTasks = [
    ...new Set(plan.criteria.filter((c) => c.task.status === "done").map((c) => c.task.id)),
  ];
  if (doneTasks.length) {
    warnings.push({
      code: "task_done",
      message: `Criteria were added to ${doneTasks.length} done task${
        doneTasks.length === 1 ? "" : "s"
      }: ${doneTasks.join(", ")}`,
      ids: doneTasks,
    });
  }
  const open = plan.edges.filter((e) =>
    (e.source.status === "in_progress" || e.source.status === "done") &&
    e.dependsOn.status !== "done"
  );
  if (open.length) {
    const ids = [...new Set(open.map((e) => e.source.id))];
    warnings.push({
      code: "prerequisite_open",
      message: `Started or done items now depend on open prerequisites: ${ids.join(", ")}`,
      ids,
    });
  }
  return warnings;
}

function insertTasks(tx: Tx, plan: Plan, epicId: string, out: Applied): void {
  let position = appendPosition(tx, { kind: "task", parentColumn: "epic_id", parentId: epicId });
  for (const t of plan.tasks) {
    const row = insertTask(tx, {
      id: t.id,
      epicId,
      title: t.spec.title,
      description: t.spec.description,
      status: t.spec.status,
      priority: t.spec.priority,
      position: position++,
      cause: tx.firstEventId,
    });
    out.tasks.push(taskRecord({ ...CLAIM_COLUMNS, ...row } as unknown as TaskRow, tx.now));
    out.mappings.push({ kind: "task", tempKey: t.spec.key!, id: t.id });
  }
}

function insertSubtasks(tx: Tx, plan: Plan, epicId: string, out: Applied): void {
  const position = positions(tx, "subtask");
  for (const s of plan.subtasks) {
    const row = insertSubtask(tx, {
      id: s.id,
      taskId: s.parent.id,
      title: s.spec.title,
      description: s.spec.description,
      status: s.spec.status,
      position: position(s.parent),
      cause: tx.firstEventId,
    });
    const full = { ...CLAIM_COLUMNS, ...row, epic_id: s.parent.epicId ?? epicId };
    out.subtasks.push(subtaskRecord(full as unknown as SubtaskRow, tx.now));
    out.mappings.push({ kind: "subtask", tempKey: s.spec.key!, id: s.id });
  }
}

/**
 * Inserts a planned batch into `epicId` (the epic of its tasks; for
 * subtask create-many, the parent task's epic; null for dep add-many) and
 * returns the records.
 */
export function applyPlan(tx: Tx, plan: Plan, epicId: string | null): Applied {
  const out: Applied = {
    tasks: [],
    subtasks: [],
    criteria: [],
    dependencies: [],
    mappings: [],
    skipped: plan.skipped,
    auto: [],
    warnings: warningsOf(plan),
  };
  if (epicId !== null) {
    if (plan.tasks.length) insertTasks(tx, plan, epicId, out);
    insertSubtasks(tx, plan, epicId, out);
  }
  const criterionPosition = positions(tx, "criterion");
  for (const c of plan.criteria) {
    const row = insertCriterion(tx, {
      taskId: c.task.id,
      text: c.spec.text,
      position: criterionPosition(c.task),
      cause: tx.firstEventId,
    });
    out.criteria.push(criterionRecord(row as unknown as CriterionRow));
  }
  for (const e of plan.edges) {
    const row = insertEdge(tx, e.source.id, e.dependsOn.id, { cause: tx.firstEventId });
    if (row) out.dependencies.push(edgeRecord(row));
  }
  for (const status of epicId !== null ? triggeringStatuses(plan) : []) {
    out.auto.push(...applyEpicRules(tx, epicId!, status, tx.firstEventId));
  }
  return out;
}
