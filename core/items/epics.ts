/**
 * `epic create` (single epic) and `epic update` (SPEC §9.3.1, §9.3.5).
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import type { Warning } from "../errors.ts";
import { epicRecord, type Status } from "../records.ts";
import { write } from "../store/tx.ts";
import { applyUpdateOf } from "./apply_update.ts";
import { insertNewItem } from "./create_item.ts";
import type { Placement } from "./place.ts";
import { type UpdateInput, updateMany, updateOne } from "./update.ts";

/** Input of `epic create` without batch specs. */
export interface CreateEpicInput extends Placement {
  title: string;
  description?: string;
  status?: Status;
  priority?: number;
}

/** Creates one epic (appended after the last epic, or placed before/after one). */
export function createEpic(ctx: Ctx, input: CreateEpicInput) {
  return write(ctx, (tx) => {
    const { row } = insertNewItem(tx, "epic", input);
    return { epic: epicRecord(row), warnings: [] as Warning[] };
  });
}

const applyEpicUpdate = applyUpdateOf("epic");

/** `epic update`: a single epic (`id`) or an atomic bulk (`ids`); done requires every task done. */
export function updateEpic(ctx: Ctx, input: UpdateInput) {
  if (input.ids !== undefined) {
    const r = updateMany(ctx, "epic", input, applyEpicUpdate);
    return { epics: r.rows.map((e) => epicRecord(e)), changed: r.changed, warnings: r.warnings };
  }
  const r = updateOne(ctx, "epic", input, applyEpicUpdate, (e) => epicRecord(e));
  return { epic: epicRecord(r.row), changed: r.changed, auto: r.auto, warnings: r.warnings };
}
