/**
 * The next task (SPEC §9.2.2, §9.4.10): the owner's own in-progress task,
 * else the top-ranked ready task; `task next --claim` picks and claims it in
 * one write transaction.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import {
  CRITERION_COLUMNS,
  criterionRecord,
  type CriterionRow,
  EPIC_COLUMNS,
  type EpicRow,
  ref,
  SUBTASK_COLUMNS,
  subtaskRecord,
  type SubtaskRow,
  TASK_COLUMNS,
  taskRecord,
  type TaskRow,
} from "./records.ts";
import type { Store } from "./store/store.ts";
import { write } from "./store/tx.ts";
import { readinessOf, readinessSummary, resolveEpic } from "./readiness.ts";
import { analyzeReadiness, type OpenTask, type ReadinessAnalysis } from "./open_graph.ts";
import { checkLease, claimData, claimRow, type LeaseInput } from "./claims.ts";
import { effectiveOwner } from "./owner.ts";
import { readItem } from "./item_rows.ts";

/**
 * NextTask (SPEC §9.2.2): the task with everything needed to work on it.
 * `rank`/`unblocks` are null when the task is not in the ready ranking.
 */
export function buildNextTask(
  store: Store,
  taskId: string,
  o: { rank: number | null; unblocks: number | null; now: number },
) {
  const task = store.get<TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ?`, taskId)!;
  const epic = store.get<EpicRow>(
    `SELECT ${EPIC_COLUMNS} FROM epics e WHERE e.id = ?`,
    task.epic_id,
  )!;
  const subtasks = store.all<SubtaskRow>(
    `SELECT ${SUBTASK_COLUMNS} FROM subtasks s WHERE s.task_id = ? ORDER BY s.position, s.created_at, s.id`,
    taskId,
  );
  const criteria = store.all<CriterionRow>(
    `SELECT ${CRITERION_COLUMNS} FROM criteria c WHERE c.task_id = ? ORDER BY c.position, c.created_at, c.id`,
    taskId,
  );
  const dependsOn = store.all<{ id: string; title: string; status: string }>(
    `SELECT d.depends_on_id AS id, COALESCE(t.title, s.title) AS title,
            COALESCE(t.status, s.status) AS status
       FROM dependencies d
       LEFT JOIN tasks t ON t.id = d.depends_on_id LEFT JOIN subtasks s ON s.id = d.depends_on_id
      WHERE d.source_id = ? AND COALESCE(t.id, s.id) IS NOT NULL
      ORDER BY COALESCE(t.position, s.position), COALESCE(t.created_at, s.created_at), d.depends_on_id`,
    taskId,
  );
  return {
    rank: o.rank,
    unblocks: o.unblocks,
    task: taskRecord(task, o.now),
    epic: ref(epic),
    subtasks: subtasks.map((s) => subtaskRecord(s, o.now)),
    criteria: criteria.map(criterionRecord),
    dependsOn: dependsOn.map(ref),
    readiness: readinessOf(store, taskId),
  };
}

/** NextTask output type. */
export type NextTask = ReturnType<typeof buildNextTask>;

/** The choice of §9.2.2: the owner's first in-progress task in scope, else the top-ranked ready task. */
export function chooseNext(
  a: ReadinessAnalysis,
): { row: OpenTask; reason: "continue" | "ready" } | null {
  if (a.owner !== null) {
    const mine = a.inScope.find((t) => t.status === "in_progress" && t.owner === a.owner);
    if (mine) return { row: mine, reason: "continue" };
  }
  const top = a.ready[0];
  return top ? { row: top.row, reason: "ready" } : null;
}

/** NextTask of an analysis' choice (with its rank and unblocks when ranked). */
export function nextTaskOf(store: Store, a: ReadinessAnalysis, id: string) {
  const ranked = a.ready.find((r) => r.row.id === id);
  return buildNextTask(store, id, {
    rank: ranked?.rank ?? null,
    unblocks: ranked?.unblocks ?? null,
    now: a.now,
  });
}

/** Input of `task next`. */
export interface NextTaskInput {
  epic?: string | null;
  owner?: string | null;
  claim?: boolean;
  lease?: LeaseInput;
}

/**
 * `task next` (SPEC §9.4.10). Read-only without `claim`; with `claim`, picks
 * and claims in one write transaction, so concurrent callers never both win
 * the same task.
 */
export function nextTask(ctx: Ctx, input: NextTaskInput) {
  const owner = effectiveOwner(ctx, input.owner, input.claim === true);
  if (!input.claim) {
    return ctx.store.read(() => {
      const a = analyze(ctx, input.epic, owner);
      const pick = chooseNext(a);
      return {
        task: pick ? nextTaskOf(ctx.store, a, pick.row.id) : null,
        reason: pick?.reason ?? null,
        summary: readinessSummary(a),
      };
    });
  }
  const lease = checkLease(input.lease);
  return write({ ...ctx, actor: () => owner! }, (tx) => {
    const a = analyze(ctx, input.epic, owner);
    const pick = chooseNext(a);
    const summary = readinessSummary(a);
    if (!pick) {
      return {
        task: null,
        claimed: false,
        reentrant: false,
        lease: null,
        takeover: null,
        reason: null,
        summary,
        auto: [],
      };
    }
    const outcome = claimRow(tx, "task", readItem(tx.store, "task", pick.row.id)!, owner!, lease);
    const data = claimData("task", outcome, tx.now);
    return {
      task: nextTaskOf(tx.store, a, pick.row.id),
      claimed: data.claimed,
      reentrant: data.reentrant,
      lease: data.lease,
      takeover: data.takeover,
      reason: pick.reason,
      summary,
      auto: data.auto,
    };
  });
}

function analyze(ctx: Ctx, epic: string | null | undefined, owner: string | null) {
  const epicId = epic ? resolveEpic(ctx.store, epic) : null;
  return analyzeReadiness(ctx.store, { epicId, owner, now: ctx.now() });
}
