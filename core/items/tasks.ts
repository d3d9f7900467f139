/**
 * `task create` and `task update` (SPEC §9.4.1, §9.4.5).
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import type { Warning } from "../errors.ts";
import { type Status, taskRecord } from "../records.ts";
import { write } from "../store/tx.ts";
import { applyUpdateOf } from "./apply_update.ts";
import { insertNewItem } from "./create_item.ts";
import type { Placement } from "./place.ts";
import { type UpdateInput, updateMany, updateOne } from "./update.ts";

/** Input of `task create`. */
export interface CreateTaskInput extends Placement {
  epic: string;
  title: string;
  description?: string;
  status?: Status;
  priority?: number;
  owner?: string;
}

/** Creates one task in an epic (appended, or placed before/after a task of that epic). */
export function createTask(ctx: Ctx, input: CreateTaskInput) {
  return write(ctx, (tx) => {
    const { row, auto } = insertNewItem(tx, "task", { ...input, parent: input.epic });
    return { task: taskRecord(row, tx.now), auto, warnings: [] as Warning[] };
  });
}

const applyTaskUpdate = applyUpdateOf("task");

/**
 * `task update`: a single task (`id`) or an atomic bulk (`ids`). Status goes
 * through the machine and its gates; `owner: ""` clears the owner; leaving
 * `in_progress` clears the lease. The `cascade` form is `cascadeComplete`.
 */
export function updateTask(ctx: Ctx, input: UpdateInput) {
  if (input.ids !== undefined) {
    const { rows, changed, auto, warnings } = updateMany(ctx, "task", input, applyTaskUpdate);
    const now = ctx.now();
    return { tasks: rows.map((t) => taskRecord(t, now)), changed, auto, warnings };
  }
  const r = updateOne(ctx, "task", input, applyTaskUpdate, taskRecord);
  const { changed, unblocked, reblocked, auto, warnings } = r;
  return { task: taskRecord(r.row, ctx.now()), changed, unblocked, reblocked, auto, warnings };
}
