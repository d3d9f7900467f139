/**
 * Row-level SQL for applying remote events (SPEC §14.6). Remote events carry
 * their own ids, clocks and values, so rows are written directly (no local
 * event, no position arithmetic); local consequences go through `Tx.event`.
 *
 * @module
 */
import { kindOfId } from "../ids.ts";
import { type RowKind, TABLE_OF } from "../items/tables.ts";
import type { Store } from "../store/store.ts";

/** Columns a remote event may set, per kind. */
export const KIND_COLUMNS: Record<RowKind, Set<string>> = {
  epic: new Set([
    "title",
    "description",
    "status",
    "priority",
    "position",
    "created_at",
    "completed_at",
  ]),
  task: new Set([
    "epic_id",
    "title",
    "description",
    "status",
    "priority",
    "owner",
    "claimed_at",
    "lease_expires_at",
    "lease_ms",
    "position",
    "created_at",
    "completed_at",
  ]),
  subtask: new Set([
    "task_id",
    "title",
    "description",
    "status",
    "owner",
    "claimed_at",
    "lease_expires_at",
    "lease_ms",
    "position",
    "created_at",
    "completed_at",
  ]),
  criterion: new Set([
    "task_id",
    "text",
    "checked",
    "evidence",
    "checked_at",
    "checked_by",
    "position",
    "created_at",
  ]),
};

/** The parent column of a kind, or null for epics. */
export function parentColumn(kind: RowKind): "epic_id" | "task_id" | null {
  return kind === "epic" ? null : kind === "task" ? "epic_id" : "task_id";
}

/** The row kind of an item id, or null. */
export function rowKindOf(id: string): RowKind | null {
  const k = kindOfId(id);
  return k === "epic" || k === "task" || k === "subtask" || k === "criterion" ? k : null;
}

/** A live row, or undefined. */
export function rowOf(
  store: Store,
  kind: RowKind,
  id: string,
): Record<string, unknown> | undefined {
  return store.get<Record<string, unknown>>(`SELECT * FROM ${TABLE_OF[kind]} WHERE id = ?`, id);
}

/** Whether an item id is live (any kind). */
export function isLive(store: Store, id: string): boolean {
  const kind = rowKindOf(id);
  return kind !== null &&
    store.get(`SELECT 1 FROM ${TABLE_OF[kind]} WHERE id = ?`, id) !== undefined;
}

/** A tombstone. */
export interface Tombstone {
  item_id: string;
  item_kind: string;
  title: string | null;
  deleted_at: number;
  event_id: string;
  actor: string;
}

/** The tombstone of an id, or undefined. */
export function tombstoneOf(store: Store, id: string): Tombstone | undefined {
  return store.get<Tombstone>("SELECT * FROM tombstones WHERE item_id = ?", id);
}

/** Inserts a tombstone unless one exists. */
export function insertTombstone(store: Store, t: Tombstone): void {
  store.run(
    `INSERT OR IGNORE INTO tombstones (item_id, item_kind, title, deleted_at, event_id, actor)
     VALUES (?, ?, ?, ?, ?, ?)`,
    t.item_id,
    t.item_kind,
    t.title,
    t.deleted_at,
    t.event_id,
    t.actor,
  );
}

/** Inserts a row with the given columns (version 1). */
export function insertRaw(
  store: Store,
  kind: RowKind,
  id: string,
  cols: Record<string, unknown>,
  updatedAt: number,
): void {
  const names = Object.keys(cols);
  store.run(
    `INSERT INTO ${TABLE_OF[kind]} (id, ${names.join(", ")}, updated_at, version)
     VALUES (?, ${names.map(() => "?").join(", ")}, ?, 1)`,
    id,
    ...names.map((c) => cols[c] as never),
    updatedAt,
  );
}

/** Sets columns of a row; bumps `version` and `updated_at` when `bump`. */
export function updateRaw(
  store: Store,
  kind: RowKind,
  id: string,
  cols: Record<string, unknown>,
  bump: boolean,
  now: number,
): void {
  const names = Object.keys(cols);
  if (names.length === 0) return;
  const sets = names.map((c) => `${c} = ?`);
  const values = names.map((c) => cols[c] as never);
  if (bump) sets.push("version = version + 1", `updated_at = ${Number(now)}`);
  store.run(`UPDATE ${TABLE_OF[kind]} SET ${sets.join(", ")} WHERE id = ?`, ...values, id);
}

/** Deletes a row and its field clocks. */
export function deleteRaw(store: Store, kind: RowKind, id: string): void {
  store.run(`DELETE FROM ${TABLE_OF[kind]} WHERE id = ?`, id);
  store.run("DELETE FROM field_clock WHERE item_id = ?", id);
}

/** Whether an edge row exists. */
export function edgeExists(store: Store, sourceId: string, dependsOnId: string): boolean {
  return store.get(
    "SELECT 1 FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
    sourceId,
    dependsOnId,
  ) !== undefined;
}

/** Inserts an edge row (no event). */
export function insertEdgeRaw(
  store: Store,
  sourceId: string,
  dependsOnId: string,
  at: number,
  by: string,
): void {
  store.run(
    "INSERT OR IGNORE INTO dependencies (source_id, depends_on_id, created_at, created_by) VALUES (?, ?, ?, ?)",
    sourceId,
    dependsOnId,
    at,
    by,
  );
}

/** Deletes an edge row (no event). */
export function deleteEdgeRaw(store: Store, sourceId: string, dependsOnId: string): void {
  store.run(
    "DELETE FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
    sourceId,
    dependsOnId,
  );
}

/** Edges touching any of the ids. */
export function edgesTouching(
  store: Store,
  ids: string[],
): { source_id: string; depends_on_id: string }[] {
  const list = JSON.stringify(ids);
  return store.all(
    `SELECT source_id, depends_on_id FROM dependencies
      WHERE source_id IN (SELECT value FROM json_each(?1)) OR depends_on_id IN (SELECT value FROM json_each(?1))
      ORDER BY source_id, depends_on_id`,
    list,
  );
}

/** Descendants of an item, children before parents' siblings: criteria, subtasks, tasks. */
export function descendantsOf(
  store: Store,
  kind: RowKind,
  id: string,
): { kind: RowKind; id: string }[] {
  const ids = (sql: string) => store.all<{ id: string }>(sql, id).map((r) => r.id);
  if (kind === "epic") {
    const tasks = ids("SELECT id FROM tasks WHERE epic_id = ? ORDER BY id");
    return tasks.flatMap((
      t,
    ) => [...descendantsOf(store, "task", t), { kind: "task" as const, id: t }]);
  }
  if (kind === "task") {
    return [
      ...ids("SELECT id FROM criteria WHERE task_id = ? ORDER BY id").map((c) => ({
        kind: "criterion" as const,
        id: c,
      })),
      ...ids("SELECT id FROM subtasks WHERE task_id = ? ORDER BY id").map((s) => ({
        kind: "subtask" as const,
        id: s,
      })),
    ];
  }
  return [];
}
