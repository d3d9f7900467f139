/**
 * `task create` and `task update` (SPEC §9.4.1, §9.4.5).
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import type { Warning } from "../errors.ts";
import { type Status, taskRecord } from "../records.ts";
import { applyEpicRules } from "../status.ts";
import { write } from "../store/tx.ts";
import type { Tx } from "../store/tx.ts";
import { cleanBlock, cleanLine, cleanOwner, LIMITS } from "../text.ts";
import { insertTask } from "./insert.ts";
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
    const epic = loadRow(tx.store, "epic", input.epic);
    const title = cleanLine("title", input.title, LIMITS.title);
    const description = cleanBlock("description", input.description ?? "", LIMITS.description);
    const owner = input.owner === undefined ? null : cleanOwner(input.owner);
    const status = input.status ?? "todo";
    const plan = placementPosition(
      tx,
      { kind: "task", parentColumn: "epic_id", parentId: epic.id },
      input,
    );
    const row = insertTask(tx, {
      epicId: epic.id,
      title,
      description,
      status,
      priority: input.priority,
      owner,
      position: plan?.position,
    });
    const created = tx.written.at(-1)!.id;
    plan?.renumber?.(created);
    const auto = applyEpicRules(tx, epic.id, status, created);
    const task = rowOf(tx.store, "task", row.id as string)!;
    return { task: taskRecord(task, tx.now), auto, warnings: [] as Warning[] };
  });
}

/** Validates and writes one task's update (SPEC §6.2–§6.6). */
export function applyTaskUpdate(tx: Tx, row: RowOf["task"], input: UpdateInput): Applied {
  const set = textColumns(tx, "task", row.id, input);
  if (input.priority !== undefined) set.priority = input.priority;
  if ("owner" in set && set.owner !== row.owner) {
    // The claim (and its lease) belonged to the previous holder.
    Object.assign(set, { claimed_at: null, lease_expires_at: null, lease_ms: null });
  }
  const status = statusColumns(tx, "task", row, input.status, input.force);
  Object.assign(set, status.set);
  const from = row.status;
  const { changed, event } = patchRow(tx, {
    kind: "task",
    id: row.id,
    before: row as unknown as Record<string, unknown>,
    set: inRecordOrder(set),
    flags: status.flags,
  });
  const effects = statusEffects(tx, "task", row, from, row.status, event?.id ?? null);
  return {
    changed,
    auto: effects.auto,
    warnings: [...status.warnings, ...effects.warnings],
    unblocked: effects.unblocked,
    reblocked: effects.reblocked,
  };
}

/**
 * `task update`: a single task (`id`) or an atomic bulk (`ids`). Status goes
 * through the machine and its gates; `owner: ""` clears the owner; leaving
 * `in_progress` clears the lease. The `cascade` form is `cascadeComplete`.
 */
export function updateTask(ctx: Ctx, input: UpdateInput) {
  if (input.ids !== undefined) {
    const r = updateMany(ctx, "task", input, applyTaskUpdate);
    const now = ctx.now();
    return {
      tasks: r.rows.map((t) => taskRecord(t, now)),
      changed: r.changed,
      auto: r.auto,
      warnings: r.warnings,
    };
  }
  const r = updateOne(ctx, "task", input, applyTaskUpdate, (t, now) => taskRecord(t, now));
  return {
    task: taskRecord(r.row, ctx.now()),
    changed: r.changed,
    unblocked: r.unblocked,
    reblocked: r.reblocked,
    auto: r.auto,
    warnings: r.warnings,
  };
}
