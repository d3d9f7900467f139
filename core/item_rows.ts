/**
 * Claimable items (tasks and subtasks) for the agent loop: their rows, read
 * through core/items/rows.ts, and their records.
 *
 * @module
 */
import { subtaskRecord, type SubtaskRow, taskRecord, type TaskRow } from "./records.ts";
import { checkIfMatch } from "./items/guard.ts";
import { loadRow, rowOf } from "./items/rows.ts";
import type { Store } from "./store/store.ts";
import type { Tx } from "./store/tx.ts";

/** Kinds that can be claimed, heartbeated, released and completed. */
export type ClaimKind = "task" | "subtask";

/** A task or subtask row. */
export type ItemRow = TaskRow | SubtaskRow;

/** The row of a full task or subtask id, or undefined. */
export function readItem(store: Store, kind: ClaimKind, id: string): ItemRow | undefined {
  return rowOf(store, kind, id);
}

/** Resolves an id argument (prefix allowed) of one kind and reads its row. */
export function resolveItem(store: Store, kind: ClaimKind, raw: string): ItemRow {
  return loadRow(store, kind, raw);
}

/** The record of a task or subtask row. */
export function itemRecord(kind: ClaimKind, row: ItemRow, now: number) {
  return kind === "task" ? taskRecord(row as TaskRow, now) : subtaskRecord(row as SubtaskRow, now);
}

/**
 * Resolves an id argument of one kind inside `tx` and checks the board's
 * `If-Match` (SPEC §15.3) against that row; no check when `ifMatch` is undefined.
 */
export function resolveItemMatching(
  tx: Tx,
  kind: ClaimKind,
  o: { id: string; ifMatch?: number },
): ItemRow {
  const row = resolveItem(tx.store, kind, o.id);
  checkIfMatch(tx.store, kind, row.id, o.ifMatch, () => itemRecord(kind, row, tx.now));
  return row;
}
