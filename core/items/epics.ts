/**
 * `epic create` (single epic) and `epic update` (SPEC §9.3.1, §9.3.5).
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import type { Warning } from "../errors.ts";
import { epicRecord, type Status } from "../records.ts";
import { write } from "../store/tx.ts";
import type { Tx } from "../store/tx.ts";
import { cleanBlock, cleanLine, LIMITS } from "../text.ts";
import { insertEpic } from "./insert.ts";
import { patchRow } from "./patch.ts";
import { type Placement, placementPosition } from "./place.ts";
import { type RowOf, rowOf } from "./rows.ts";
import { statusColumns } from "./status_set.ts";
import {
  type Applied,
  inRecordOrder,
  textColumns,
  type UpdateInput,
  updateMany,
  updateOne,
} from "./update.ts";

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
    const title = cleanLine("title", input.title, LIMITS.title);
    const description = cleanBlock("description", input.description ?? "", LIMITS.description);
    const plan = placementPosition(tx, { kind: "epic", parentColumn: null, parentId: null }, input);
    const row = insertEpic(tx, {
      title,
      description,
      status: input.status ?? "todo",
      priority: input.priority,
      position: plan?.position,
    });
    const created = tx.written.at(-1)!.id;
    plan?.renumber?.(created);
    return {
      epic: epicRecord(rowOf(tx.store, "epic", row.id as string)!),
      warnings: [] as Warning[],
    };
  });
}

/** Validates and writes one epic's update (machine; done requires every task done). */
export function applyEpicUpdate(tx: Tx, row: RowOf["epic"], input: UpdateInput): Applied {
  const set = textColumns(tx, "epic", row.id, input);
  if (input.priority !== undefined) set.priority = input.priority;
  Object.assign(set, statusColumns(tx, "epic", row, input.status).set);
  const { changed } = patchRow(tx, {
    kind: "epic",
    id: row.id,
    before: row as unknown as Record<string, unknown>,
    set: inRecordOrder(set),
  });
  return { changed, auto: [], warnings: [], unblocked: [], reblocked: [] };
}

/** `epic update`: a single epic (`id`) or an atomic bulk (`ids`). */
export function updateEpic(ctx: Ctx, input: UpdateInput) {
  if (input.ids !== undefined) {
    const r = updateMany(ctx, "epic", input, applyEpicUpdate);
    return { epics: r.rows.map((e) => epicRecord(e)), changed: r.changed, warnings: r.warnings };
  }
  const r = updateOne(ctx, "epic", input, applyEpicUpdate, (e) => epicRecord(e));
  return { epic: epicRecord(r.row), changed: r.changed, auto: r.auto, warnings: r.warnings };
}
