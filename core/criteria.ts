/**
 * Acceptance criteria of a task (SPEC §9.7): add, list, check, uncheck,
 * update, move, remove.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError, type Warning } from "./errors.ts";
import { insertCriterion } from "./items/insert.ts";
import { deleteItemTree } from "./items/delete.ts";
import { checkIfMatch } from "./items/guard.ts";
import { patchRow } from "./items/patch.ts";
import { alreadyPlaced } from "./moves.ts";
import { planRelative, type Siblings } from "./positions.ts";
import {
  CRITERION_COLUMNS,
  criterionRecord,
  type CriterionRow,
  TASK_COLUMNS,
  taskRef,
  type TaskRow,
} from "./records.ts";
import { resolveId } from "./resolve.ts";
import type { Store } from "./store/store.ts";
import { read, type Tx, write } from "./store/tx.ts";
import { cleanBlock, cleanLine, LIMITS } from "./text.ts";

/** Counts of a task's criteria. */
export interface CriteriaSummary {
  total: number;
  checked: number;
  open: number;
}

function summaryOf(store: Store, taskId: string): CriteriaSummary {
  const r = store.get<{ total: number; checked: number | null }>(
    "SELECT COUNT(*) AS total, SUM(checked) AS checked FROM criteria WHERE task_id = ?",
    taskId,
  )!;
  const checked = Number(r.checked ?? 0);
  return { total: Number(r.total), checked, open: Number(r.total) - checked };
}

function taskRow(store: Store, id: string): TaskRow {
  return store.get<TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ?`, id)!;
}

function criterionRow(store: Store, id: string): CriterionRow {
  return store.get<CriterionRow>(`SELECT ${CRITERION_COLUMNS} FROM criteria c WHERE c.id = ?`, id)!;
}

/** Resolves a criterion and checks `ifMatch` inside the transaction. */
function loadCriterion(tx: Tx, raw: string, ifMatch: number | undefined): CriterionRow {
  const id = resolveId(tx.store, raw, ["criterion"]).id;
  const row = criterionRow(tx.store, id);
  checkIfMatch(tx.store, "criterion", id, ifMatch, () => criterionRecord(row));
  return row;
}

function siblingsOf(taskId: string): Siblings {
  return { kind: "criterion", parentColumn: "task_id", parentId: taskId };
}

function taskDone(task: TaskRow, what: string): Warning[] {
  return task.status === "done"
    ? [{ code: "task_done", message: `Task "${task.id}" is done; ${what}`, ids: [task.id] }]
    : [];
}

/** Resolves a `--before/--after` criterion; it must belong to `taskId`. */
function anchorOf(tx: Tx, raw: string, taskId: string, movingId: string | null): string {
  const anchor = resolveId(tx.store, raw, ["criterion"]).id;
  const row = criterionRow(tx.store, anchor);
  if (row.task_id !== taskId || anchor === movingId) {
    throw new CairnError(
      "invalid_input",
      anchor === movingId
        ? `Cannot place criterion "${anchor}" relative to itself`
        : `Criterion "${anchor}" belongs to task "${row.task_id}", not to "${taskId}"`,
      { id: anchor, taskId: row.task_id, expectedTaskId: taskId },
    );
  }
  return anchor;
}

function exactlyOne(before: string | undefined, after: string | undefined) {
  if (before !== undefined && after !== undefined) {
    throw new CairnError("conflicting_options", "Options --before and --after cannot be combined", {
      options: ["--before", "--after"],
    });
  }
  if (before === undefined && after === undefined) {
    throw new CairnError("missing_argument", "Give --before or --after", {
      anyOf: ["--before", "--after"],
    });
  }
}

/**
 * `criteria add`: appends (or places before/after a criterion of the same
 * task) a new unchecked criterion. A done task gets warning `task_done`.
 */
export function addCriterion(
  ctx: Ctx,
  input: { task: string; text: string; before?: string; after?: string },
) {
  const text = cleanLine("text", input.text, LIMITS.criterion);
  if (input.before !== undefined && input.after !== undefined) {
    exactlyOne(input.before, input.after);
  }
  return write(ctx, (tx) => {
    const task = taskRow(tx.store, resolveId(tx.store, input.task, ["task"]).id);
    const raw = input.before ?? input.after;
    const place = raw === undefined ? null : planRelative(
      tx,
      siblingsOf(task.id),
      anchorOf(tx, raw, task.id, null),
      input.before !== undefined ? "before" : "after",
      null,
    );
    const row = insertCriterion(tx, {
      taskId: task.id,
      text,
      ...(place ? { position: place.position } : {}),
    });
    place?.renumber?.(tx.firstEventId);
    return {
      criterion: criterionRecord(criterionRow(tx.store, row.id as string)),
      task: taskRef(task),
      summary: summaryOf(tx.store, task.id),
      warnings: taskDone(task, "the new criterion is unchecked"),
    };
  });
}

/** `criteria list`: a task's criteria in position order. */
export function listCriteria(ctx: Ctx, input: { task: string }) {
  return read(ctx, () => {
    const store = ctx.store;
    const task = taskRow(store, resolveId(store, input.task, ["task"]).id);
    const rows = store.all<CriterionRow>(
      `SELECT ${CRITERION_COLUMNS} FROM criteria c WHERE c.task_id = ?
        ORDER BY c.position, c.created_at, c.id`,
      task.id,
    );
    return {
      task: taskRef(task),
      criteria: rows.map(criterionRecord),
      summary: summaryOf(store, task.id),
    };
  });
}

/**
 * `criteria check`: checked, with time, actor and evidence (kept when not
 * given). Checking a checked criterion only replaces given evidence.
 */
export function checkCriterion(
  ctx: Ctx,
  input: { id: string; evidence?: string; ifMatch?: number },
) {
  const evidence = input.evidence === undefined
    ? undefined
    : cleanBlock("evidence", input.evidence, LIMITS.evidence);
  return write(ctx, (tx) => {
    const row = loadCriterion(tx, input.id, input.ifMatch);
    const set: Record<string, unknown> = row.checked === 1
      ? evidence === undefined ? {} : { evidence }
      : {
        checked: 1,
        evidence: evidence ?? row.evidence,
        checked_at: tx.now,
        checked_by: ctx.actor(),
      };
    const { changed } = patchRow(tx, { kind: "criterion", id: row.id, before: { ...row }, set });
    return {
      criterion: criterionRecord(criterionRow(tx.store, row.id)),
      changed,
      summary: summaryOf(tx.store, row.task_id),
    };
  });
}

/** `criteria uncheck`: unchecked, evidence and check stamps cleared. */
export function uncheckCriterion(ctx: Ctx, input: { id: string; ifMatch?: number }) {
  return write(ctx, (tx) => {
    const row = loadCriterion(tx, input.id, input.ifMatch);
    const { changed } = patchRow(tx, {
      kind: "criterion",
      id: row.id,
      before: { ...row },
      set: { checked: 0, evidence: null, checked_at: null, checked_by: null },
    });
    const task = taskRow(tx.store, row.task_id);
    return {
      criterion: criterionRecord(criterionRow(tx.store, row.id)),
      changed,
      summary: summaryOf(tx.store, row.task_id),
      warnings: changed.length ? taskDone(task, "it now has an unchecked criterion") : [],
    };
  });
}

/** `criteria update`: new text; checked state and evidence are kept. */
export function updateCriterion(
  ctx: Ctx,
  input: { id: string; text: string; ifMatch?: number },
) {
  const text = cleanLine("text", input.text, LIMITS.criterion);
  return write(ctx, (tx) => {
    const row = loadCriterion(tx, input.id, input.ifMatch);
    const { changed } = patchRow(tx, {
      kind: "criterion",
      id: row.id,
      before: { ...row },
      set: { text },
    });
    return { criterion: criterionRecord(criterionRow(tx.store, row.id)), changed };
  });
}

/** `criteria move`: reorders within the task (SPEC §5.5); a quiet change. */
export function moveCriterion(
  ctx: Ctx,
  input: { id: string; before?: string; after?: string; ifMatch?: number },
) {
  exactlyOne(input.before, input.after);
  return write(ctx, (tx) => {
    const row = loadCriterion(tx, input.id, input.ifMatch);
    const where = input.before !== undefined ? "before" : "after";
    const anchor = anchorOf(tx, (input.before ?? input.after)!, row.task_id, row.id);
    const from = row.position;
    if (alreadyPlaced(tx, siblingsOf(row.task_id), row.id, anchor, where)) {
      return { criterion: criterionRecord(row), position: { from, to: from } };
    }
    const place = planRelative(tx, siblingsOf(row.task_id), anchor, where, row.id);
    const { event } = patchRow(tx, {
      kind: "criterion",
      id: row.id,
      before: { ...row },
      set: { position: place.position },
    });
    place.renumber?.(event?.id ?? null);
    return {
      criterion: criterionRecord(criterionRow(tx.store, row.id)),
      position: { from, to: place.position },
    };
  });
}

/** `criteria remove`: deletes the criterion (tombstone and `delete` event). */
export function removeCriterion(ctx: Ctx, input: { id: string; ifMatch?: number }) {
  return write(ctx, (tx) => {
    const row = loadCriterion(tx, input.id, input.ifMatch);
    deleteItemTree(tx, "criterion", row.id);
    return { removed: row.id, summary: summaryOf(tx.store, row.task_id) };
  });
}
