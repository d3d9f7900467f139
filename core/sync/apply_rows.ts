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
import type { Stamp } from "./stamp.ts";

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

/** A field clock. */
export interface Clock {
  event_id: string;
  lamport: number;
  actor: string;
}

/** The clock of one field, or undefined. */
export function clockOf(store: Store, itemId: string, field: string): Clock | undefined {
  return store.get<Clock>(
    "SELECT event_id, lamport, actor FROM field_clock WHERE item_id = ? AND field = ?",
    itemId,
    field,
  );
}

/** The stamp of a clock. */
export function clockStamp(c: Clock): Stamp {
  return { lamport: Number(c.lamport), actor: c.actor, id: c.event_id };
}

/** Makes `e` the owner of a field's value. */
export function setClock(store: Store, itemId: string, field: string, e: Stamp): void {
  store.run(
    `INSERT INTO field_clock (item_id, field, event_id, lamport, actor) VALUES (?,?,?,?,?)
     ON CONFLICT (item_id, field) DO UPDATE SET event_id = excluded.event_id,
       lamport = excluded.lamport, actor = excluded.actor`,
    itemId,
    field,
    e.id,
    e.lamport,
    e.actor,
  );
}

/** Makes `e` the owner of several fields of one item, in one statement. */
export function setClocks(store: Store, itemId: string, fields: string[], e: Stamp): void {
  if (fields.length === 0) return;
  store.run(
    `INSERT INTO field_clock (item_id, field, event_id, lamport, actor) VALUES ${
      fields.map(() => "(?,?,?,?,?)").join(",")
    } ON CONFLICT (item_id, field) DO UPDATE SET event_id = excluded.event_id,
       lamport = excluded.lamport, actor = excluded.actor`,
    ...fields.flatMap((f) => [itemId, f, e.id, e.lamport, e.actor]),
  );
}

/** `meta.lamport = max(meta.lamport, lamport)`. */
export function raiseLamport(store: Store, lamport: number): void {
  store.run(
    "UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), ?) AS TEXT) WHERE key = 'lamport'",
    lamport,
  );
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

/** A conflict to record. */
export interface ConflictInput {
  kind: "field" | "delete_edit" | "cycle";
  itemId: string;
  itemKind: string;
  field: string | null;
  ours: unknown;
  oursEvent: string | null;
  theirs: unknown;
  theirsEvent: string | null;
  details?: Record<string, unknown>;
  now: number;
  id: string;
}

/** Records a pending conflict once per pair of events; true when it is new. */
export function recordConflict(store: Store, c: ConflictInput): boolean {
  const dup = store.get(
    `SELECT 1 FROM conflicts WHERE kind = ? AND item_id = ? AND field IS ? AND ours_event IS ? AND theirs_event IS ?`,
    c.kind,
    c.itemId,
    c.field,
    c.oursEvent,
    c.theirsEvent,
  );
  if (dup) return false;
  store.run(
    `INSERT INTO conflicts (id, kind, item_id, item_kind, field, ours, ours_event, theirs, theirs_event,
       details, status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,'pending',?)`,
    c.id,
    c.kind,
    c.itemId,
    c.itemKind,
    c.field,
    JSON.stringify(c.ours ?? null),
    c.oursEvent,
    JSON.stringify(c.theirs ?? null),
    c.theirsEvent,
    JSON.stringify(c.details ?? {}),
    c.now,
  );
  return true;
}

/** Marks pending conflicts resolved by a remote `resolves` list; returns how many. */
export function resolveRemotely(
  store: Store,
  resolves: string[],
  by: string,
  eventId: string,
  now: number,
): number {
  if (resolves.length === 0) return 0;
  const list = JSON.stringify(resolves);
  return store.run(
    `UPDATE conflicts SET status = 'resolved', resolution = 'remote', resolved_by = ?, resolved_at = ?,
       resolution_event = ?
     WHERE status = 'pending' AND ours_event IN (SELECT value FROM json_each(?4))
       AND theirs_event IN (SELECT value FROM json_each(?4))`,
    by,
    now,
    eventId,
    list,
  );
}
