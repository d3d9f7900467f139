/**
 * `subtask create` and `subtask update` (SPEC §9.5).
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import type { Warning } from "../errors.ts";
import { type Status, subtaskRecord } from "../records.ts";
import { applyEpicRules } from "../status.ts";
import { write } from "../store/tx.ts";
import type { Tx } from "../store/tx.ts";
import { cleanBlock, cleanLine, cleanOwner, LIMITS } from "../text.ts";
import { insertSubtask } from "./insert.ts";
import { patchRow } from "./patch.ts";
import { type Placement, placementPosition } from "./place.ts";
import { loadRow, type RowOf, rowOf } from "./rows.ts";
import { statusColumns, statusEffects } from "./status_set.ts";
import {
  type Applied,
  inRecordOrder,
  textColumns,
  type UpdateInput,
  updateMany,
  updateOne,
} from "./update.ts";

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
    const task = loadRow(tx.store, "task", input.task);
    const title = cleanLine("title", input.title, LIMITS.title);
    const description = cleanBlock("description", input.description ?? "", LIMITS.description);
    const owner = input.owner === undefined ? null : cleanOwner(input.owner);
    const status = input.status ?? "todo";
    const plan = placementPosition(
      tx,
      { kind: "subtask", parentColumn: "task_id", parentId: task.id },
      input,
    );
    const row = insertSubtask(tx, {
      taskId: task.id,
      title,
      description,
      status,
      owner,
      position: plan?.position,
    });
    const created = tx.written.at(-1)!.id;
    plan?.renumber?.(created);
    const epic = tx.store.get<{ status: Status }>(
      "SELECT status FROM epics WHERE id = ?",
      task.epic_id,
    );
    // Subtasks only auto-start an epic; they never reopen one (SPEC §6.6).
    const auto = epic?.status === "todo" ? applyEpicRules(tx, task.epic_id, status, created) : [];
    const subtask = rowOf(tx.store, "subtask", row.id as string)!;
    return { subtask: subtaskRecord(subtask, tx.now), auto, warnings: [] as Warning[] };
  });
}

/** Validates and writes one subtask's update. */
export function applySubtaskUpdate(tx: Tx, row: RowOf["subtask"], input: UpdateInput): Applied {
  const set = textColumns(tx, "subtask", row.id, input);
  if ("owner" in set && set.owner !== row.owner) {
    Object.assign(set, { claimed_at: null, lease_expires_at: null, lease_ms: null });
  }
  const status = statusColumns(tx, "subtask", row, input.status);
  Object.assign(set, status.set);
  const from = row.status;
  const before = { ...row } as Record<string, unknown>;
  delete before.epic_id;
  const { changed, event } = patchRow(tx, {
    kind: "subtask",
    id: row.id,
    before,
    set: inRecordOrder(set),
  });
  const effects = statusEffects(
    tx,
    "subtask",
    row,
    from,
    before.status as Status,
    event?.id ?? null,
  );
  return {
    changed,
    auto: effects.auto,
    warnings: [...status.warnings, ...effects.warnings],
    unblocked: effects.unblocked,
    reblocked: effects.reblocked,
  };
}

/** `subtask update`: single (`id`) or atomic bulk (`ids`); machine and dependency gating. */
export function updateSubtask(ctx: Ctx, input: UpdateInput) {
  if (input.ids !== undefined) {
    const r = updateMany(ctx, "subtask", input, applySubtaskUpdate);
    const now = ctx.now();
    return {
      subtasks: r.rows.map((s) => subtaskRecord(s, now)),
      changed: r.changed,
      auto: r.auto,
      warnings: r.warnings,
    };
  }
  const r = updateOne(ctx, "subtask", input, applySubtaskUpdate, (s, now) => subtaskRecord(s, now));
  return {
    subtask: subtaskRecord(r.row, ctx.now()),
    changed: r.changed,
    unblocked: r.unblocked,
    reblocked: r.reblocked,
    auto: r.auto,
    warnings: r.warnings,
  };
}
