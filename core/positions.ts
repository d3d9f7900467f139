/**
 * Explicit positions (SPEC §5.5): append, move before/after a sibling, and
 * renumbering when gaps get too small.
 *
 * @module
 */
import type { Tx } from "./store/tx.ts";
import { patchRow } from "./items/patch.ts";
import { type RowKind, TABLE_OF } from "./items/tables.ts";

/** The sibling set of a row: its table and parent column (null for epics). */
export interface Siblings {
  kind: RowKind;
  /** `epic_id` for tasks, `task_id` for subtasks and criteria, null for epics. */
  parentColumn: string | null;
  parentId: string | null;
}

function where(s: Siblings): [string, string[]] {
  return s.parentColumn ? [`WHERE ${s.parentColumn} = ?`, [s.parentId!]] : ["", []];
}

/** `max(position) + 1` among the siblings, or 1 for the first. */
export function appendPosition(tx: Tx, s: Siblings): number {
  const [w, params] = where(s);
  const row = tx.store.get<{ p: number | null }>(
    `SELECT MAX(position) AS p FROM ${TABLE_OF[s.kind]} ${w}`,
    ...params,
  );
  return row?.p === null || row?.p === undefined ? 1 : Math.floor(row.p) + 1;
}

/** Siblings in display order: position, created_at, id. */
export function orderedSiblings(tx: Tx, s: Siblings): { id: string; position: number }[] {
  const [w, params] = where(s);
  return tx.store.all<{ id: string; position: number }>(
    `SELECT id, position FROM ${TABLE_OF[s.kind]} ${w} ORDER BY position, created_at, id`,
    ...params,
  );
}

/**
 * The position for placing an item before or after `anchorId` among its
 * siblings (the moving item excluded). Renumbers the siblings 1, 2, 3, …
 * first when the gap is too small, writing `position` events with `cause`.
 */
export function placeRelative(
  tx: Tx,
  s: Siblings,
  anchorId: string,
  where: "before" | "after",
  movingId: string | null,
  cause: () => string | null,
): number {
  let list = orderedSiblings(tx, s).filter((r) => r.id !== movingId);
  let target = compute(list, anchorId, where);
  if (target === null) {
    renumber(tx, s, list, cause());
    list = orderedSiblings(tx, s).filter((r) => r.id !== movingId);
    target = compute(list, anchorId, where)!;
  }
  return target;
}

/** A relative placement whose renumbering (if any) is applied by the caller. */
export interface RelativePlan {
  position: number;
  /**
   * Renumbers the siblings 1, 2, 3, … (the moving item excluded), or null
   * when no renumbering is needed. Call it after writing the item's own
   * event, so that event can be the renumbering's `cause` (SPEC §5.5).
   */
  renumber: ((cause: string | null) => void) | null;
}

/**
 * Like `placeRelative`, but writes nothing: the returned position already
 * assumes the renumbering, which the caller applies with `renumber(cause)`.
 */
export function planRelative(
  tx: Tx,
  s: Siblings,
  anchorId: string,
  where: "before" | "after",
  movingId: string | null,
): RelativePlan {
  const list = orderedSiblings(tx, s).filter((r) => r.id !== movingId);
  const position = compute(list, anchorId, where);
  if (position !== null) return { position, renumber: null };
  const renumbered = list.map((r, i) => ({ id: r.id, position: i + 1 }));
  return {
    position: compute(renumbered, anchorId, where)!,
    renumber: (cause) => renumber(tx, s, list, cause),
  };
}

function compute(
  list: { id: string; position: number }[],
  anchorId: string,
  where: "before" | "after",
): number | null {
  const i = list.findIndex((r) => r.id === anchorId);
  const anchor = list[i]!;
  const neighbour = where === "before" ? list[i - 1] : list[i + 1];
  if (!neighbour) return where === "before" ? anchor.position - 1 : anchor.position + 1;
  const mid = (anchor.position + neighbour.position) / 2;
  const lo = Math.min(anchor.position, neighbour.position);
  const hi = Math.max(anchor.position, neighbour.position);
  if (!(mid > lo && mid < hi) || mid - lo < 1e-6 || hi - mid < 1e-6) return null;
  return mid;
}

function renumber(
  tx: Tx,
  s: Siblings,
  list: { id: string; position: number }[],
  cause: string | null,
): void {
  list.forEach((r, i) => {
    patchRow(tx, {
      kind: s.kind,
      id: r.id,
      before: { position: r.position },
      set: { position: i + 1 },
      cause,
    });
  });
}
