/**
 * `subtask create` and `subtask update` (SPEC §9.5).
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import type { Warning } from "../errors.ts";
import { type Status, subtaskRecord } from "../records.ts";
import { write } from "../store/tx.ts";
import { applyUpdateOf } from "./apply_update.ts";
import { insertNewItem } from "./create_item.ts";
import type { Placement } from "./place.ts";
import { type UpdateInput, updateMany, updateOne } from "./update.ts";

/** Input of `subtask create`. */
export interface CreateSubtaskInput extends Placement {
  task: string;
  title: string;
  description?: string;
  status?: Status;
  owner?: string;
}

/** Creates one subtask under a task (appended, or placed before/after a sibling). */
export function createSubtask(ctx: Ctx, input: CreateSubtaskInput) {
  return write(ctx, (tx) => {
    const { row, auto } = insertNewItem(tx, "subtask", { ...input, parent: input.task });
    return { subtask: subtaskRecord(row, tx.now), auto, warnings: [] as Warning[] };
  });
}

const applySubtaskUpdate = applyUpdateOf("subtask");

/** `subtask update`: single (`id`) or atomic bulk (`ids`); machine and dependency gating. */
export function updateSubtask(ctx: Ctx, input: UpdateInput) {
  if (input.ids !== undefined) {
    const { rows, changed, auto, warnings } = updateMany(ctx, "subtask", input, applySubtaskUpdate);
    const now = ctx.now();
    return { subtasks: rows.map((s) => subtaskRecord(s, now)), changed, auto, warnings };
  }
  const r = updateOne(ctx, "subtask", input, applySubtaskUpdate, subtaskRecord);
  const { changed, unblocked, reblocked, auto, warnings } = r;
  return {
    subtask: subtaskRecord(r.row, ctx.now()),
    changed,
    unblocked,
    reblocked,
    auto,
    warnings,
  };
}
