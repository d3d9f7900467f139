/**
 * `task done` and `subtask done` (SPEC §6.7): jump to done from any open
 * status, gated on prerequisites and (tasks) criteria, and report what the
 * completion unblocked and what to do next.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError, type Warning } from "./errors.ts";
import { patchRow } from "./items/patch.ts";
import { type ClaimKind, itemRecord, type ItemRow, resolveItemMatching } from "./item_rows.ts";
import { ref, type Status, taskRef, type TaskRow } from "./records.ts";
import { applyEpicRules, checkCriteriaGate, checkDependencyGate, heldByOther } from "./status.ts";
import type { Store } from "./store/store.ts";
import type { Tx } from "./store/tx.ts";
import { checkLength, cleanAppend, cleanOwner, LIMITS } from "./text.ts";
import { iso } from "./time.ts";
import { effectiveOwner, writeAs } from "./owner.ts";
import { unblockedBy } from "./deps.ts";
import { classifyTasks, loadOpenGraph } from "./open_graph.ts";
import { chooseNext, nextTaskOf } from "./next_task.ts";

/** Input of `task|subtask done`. */
export interface CompleteInput {
  id: string;
  kind: ClaimKind;
  /** Explicit `--owner` only: the ownership check is never implied by the environment. */
  owner?: string | null;
  force?: boolean;
  append?: string | null;
  ifMatch?: number;
}

/** `{epicId, total, done, percent, complete}` of an epic (SPEC §6.7). */
export function epicTaskCounts(store: Store, epicId: string) {
  const r = store.get<{ total: number; done: number }>(
    "SELECT COUNT(*) AS total, COALESCE(SUM(status = 'done'), 0) AS done FROM tasks WHERE epic_id = ?",
    epicId,
  )!;
  return {
    epicId,
    total: r.total,
    done: r.done,
    percent: r.total === 0 ? 0 : Math.floor((100 * r.done) / r.total),
    complete: r.total > 0 && r.done === r.total,
  };
}

/** The next task after a completion: the epic's first, else the global one (SPEC §6.7 step 9). */
function nextAfter(store: Store, epicId: string, owner: string | null, now: number) {
  const graph = loadOpenGraph(store);
  for (const scope of [epicId, null]) {
    const a = classifyTasks(graph, { epicId: scope, owner, now });
    const pick = chooseNext(a);
    if (pick) {
      return {
        next: nextTaskOf(store, a, pick.row.id),
        nextScope: scope === null ? "global" as const : "epic" as const,
      };
    }
  }
  return { next: null, nextScope: null };
}

/** Validates and writes the completion of one row; returns its event id and forced criteria. */
function completeRow(
  tx: Tx,
  kind: ClaimKind,
  row: ItemRow,
  input: CompleteInput,
  owner: string | null,
) {
  if (row.status === "done") {
    throw new CairnError("already_done", `The ${kind} "${row.id}" is already done`, {
      id: row.id,
      completedAt: iso(row.completed_at),
    });
  }
  if (owner !== null && heldByOther(row, owner, tx.now)) {
    throw new CairnError(
      "not_owner",
      `Cannot complete ${kind} "${row.id}": it is held by ${row.owner}`,
      {
        id: row.id,
        owner: row.owner,
        leaseExpiresAt: iso(row.lease_expires_at),
        hint: `cairn ${kind} show ${row.id}`,
      },
    );
  }
  checkDependencyGate(tx.store, kind, row.id, "done");
  const forced = kind === "task" ? checkCriteriaGate(tx.store, row.id, input.force === true) : [];
  const set: Record<string, unknown> = {
    status: "done",
    completed_at: tx.now,
    lease_expires_at: null,
    lease_ms: null,
  };
  if (input.append !== undefined && input.append !== null) {
    const text = cleanAppend(input.append);
    const description = row.description === "" ? text : `${row.description}\n${text}`;
    checkLength("description", description, LIMITS.description);
    set.description = description;
  }
  const { event } = patchRow(tx, {
    kind,
    id: row.id,
    before: row as unknown as Record<string, unknown>,
    set,
    flags: forced.length ? { forced: true, openCriteria: forced } : undefined,
  });
  const auto = applyEpicRules(tx, row.epic_id, "done", event?.id ?? null);
  return { forced, auto };
}

/**
 * `task done` / `subtask done` (SPEC §6.7), in one write transaction: the
 * completion, epic auto-start, and what it unblocked; for tasks also the
 * next task and the epic's progress.
 */
export function completeItem(ctx: Ctx, input: CompleteInput) {
  const explicit = input.owner === undefined || input.owner === null
    ? null
    : cleanOwner(input.owner);
  const nextOwner = explicit ?? effectiveOwner(ctx, null);
  return writeAs(ctx, explicit, (tx) => {
    const row = resolveItemMatching(tx, input.kind, input);
    const { forced, auto } = completeRow(tx, input.kind, row, input, explicit);
    const unblocked = unblockedBy(tx.store, [row.id]);
    if (input.kind === "subtask") return subtaskDone(tx, row, unblocked, auto);
    const warnings: Warning[] = [];
    if (forced.length) {
      warnings.push({
        code: "criteria_forced",
        message: `Task "${row.id}" was completed with ${forced.length} unchecked criteria`,
        ids: forced,
      });
    }
    const openSubtasks = openSubtasksOf(tx.store, row.id);
    if (openSubtasks.length) {
      warnings.push({
        code: "open_subtasks",
        message: `Task "${row.id}" has ${openSubtasks.length} open subtask${
          openSubtasks.length === 1 ? "" : "s"
        }`,
        ids: openSubtasks.map((s) => s.id),
      });
    }
    return {
      task: itemRecord("task", row, tx.now),
      unblocked,
      ...nextAfter(tx.store, row.epic_id, nextOwner, tx.now),
      openSubtasks,
      epicProgress: epicTaskCounts(tx.store, row.epic_id),
      auto,
      warnings,
    };
  });
}

function openSubtasksOf(store: Store, taskId: string) {
  return store.all<{ id: string; title: string; status: Status }>(
    "SELECT id, title, status FROM subtasks WHERE task_id = ? AND status <> 'done' ORDER BY position, created_at, id",
    taskId,
  ).map(ref);
}

function subtaskDone(
  tx: Tx,
  row: ItemRow,
  unblocked: ReturnType<typeof unblockedBy>,
  auto: ReturnType<typeof applyEpicRules>,
) {
  const taskId = (row as { task_id: string }).task_id;
  const task = tx.store.get<TaskRow>("SELECT * FROM tasks WHERE id = ?", taskId)!;
  const siblings = tx.store.all<{ id: string; title: string; status: Status }>(
    "SELECT id, title, status FROM subtasks WHERE task_id = ? ORDER BY position, created_at, id",
    taskId,
  );
  const done = siblings.filter((s) => s.status === "done").length;
  const nextOpen = siblings.find((s) => s.status !== "done");
  const allSubtasksDone = done === siblings.length;
  return {
    subtask: itemRecord("subtask", row, tx.now),
    task: taskRef(task),
    unblocked,
    siblings: { total: siblings.length, done },
    allSubtasksDone,
    nextSubtask: nextOpen ? ref(nextOpen) : null,
    auto,
    warnings: [] as Warning[],
    ...(allSubtasksDone ? { hint: `cairn task done ${taskId}` } : {}),
  };
}
