/**
 * Applying `epic|task|subtask update` to one row (SPEC §6.2–§6.6): the
 * columns to set, the status machine and its gates, the patch, then the
 * effects of a task or subtask status change.
 *
 * @module
 */
import type { Tx } from "../store/tx.ts";
import { patchRow } from "./patch.ts";
import type { RowOf } from "./rows.ts";
import { statusColumns, statusEffects } from "./status_set.ts";
import {
  type Applied,
  type ApplyFn,
  inRecordOrder,
  textColumns,
  type UpdateInput,
  type UpdateKind,
} from "./update.ts";

/** Columns an owner change clears: the claim (and its lease) belonged to the previous holder. */
const CLAIM_CLEARED = { claimed_at: null, lease_expires_at: null, lease_ms: null };

/**
 * Validates and writes one item's update. Priority is for epics and tasks;
 * a changed owner clears the claim; epics have no dependents to unblock.
 */
export function applyItemUpdate<K extends UpdateKind>(
  tx: Tx,
  kind: K,
  row: RowOf[K],
  input: UpdateInput,
): Applied {
  const set = textColumns(tx, kind, row.id, input);
  if (kind !== "subtask" && input.priority !== undefined) set.priority = input.priority;
  if (kind !== "epic" && "owner" in set && set.owner !== (row as RowOf["task"]).owner) {
    Object.assign(set, CLAIM_CLEARED);
  }
  const status = statusColumns(tx, kind, row, input.status, input.force);
  Object.assign(set, status.set);
  const before = { ...row } as Record<string, unknown>;
  const { changed, event } = patchRow(tx, {
    kind,
    id: row.id,
    before,
    set: inRecordOrder(set),
    flags: status.flags,
  });
  if (kind === "epic") return { changed, unblocked: [], reblocked: [], auto: [], warnings: [] };
  const effects = statusEffects(
    tx,
    kind as "task" | "subtask",
    row as RowOf["task" | "subtask"],
    row.status,
    before.status as RowOf[K]["status"],
    event?.id ?? null,
  );
  return {
    changed,
    unblocked: effects.unblocked,
    reblocked: effects.reblocked,
    auto: effects.auto,
    warnings: [...status.warnings, ...effects.warnings],
  };
}

/** `applyItemUpdate` for one kind, as the update runners take it. */
export function applyUpdateOf<K extends UpdateKind>(kind: K): ApplyFn<K> {
  return (tx, row, input) => applyItemUpdate(tx, kind, row, input);
}
