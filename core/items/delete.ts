/**
 * Deleting items with their descendants and edges (SPEC §9.3.9, §9.4.7,
 * §9.5, §7 rule 10): doomed ids are collected first, then edges are removed
 * (`dep_remove`), then rows children first (`delete` events, tombstones).
 * Every event names the root delete event as its `cause`.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError, type Warning } from "../errors.ts";
import { newEventId } from "../ids.ts";
import { epicRecord, subtaskRecord, taskRecord } from "../records.ts";
import type { Tx } from "../store/tx.ts";
import { write } from "../store/tx.ts";
import { deleteEdge } from "./insert.ts";
import type { RowOf } from "./rows.ts";
import { loadGuarded } from "./update.ts";
import { FIELD_OF, outputValue, type RowKind, TABLE_OF } from "./tables.ts";

/** Ids removed by one delete. */
export interface DeletedSet {
  epics: string[];
  tasks: string[];
  subtasks: string[];
  criteria: string[];
  /** Number of edges removed. */
  dependencies: number;
}

const ORDER = "ORDER BY x.position, x.created_at, x.id";

function collect(tx: Tx, kind: RowKind, id: string): DeletedSet {
  const ids = (sql: string) => tx.store.all<{ id: string }>(sql, id).map((r) => r.id);
  const set: DeletedSet = { epics: [], tasks: [], subtasks: [], criteria: [], dependencies: 0 };
  if (kind === "epic") {
    set.epics = [id];
    set.tasks = ids(`SELECT x.id FROM tasks x WHERE x.epic_id = ? ${ORDER}`);
    set.subtasks = ids(
      `SELECT x.id FROM subtasks x JOIN tasks t ON t.id = x.task_id WHERE t.epic_id = ?
        ORDER BY t.position, t.created_at, t.id, x.position, x.created_at, x.id`,
    );
    set.criteria = ids(
      `SELECT x.id FROM criteria x JOIN tasks t ON t.id = x.task_id WHERE t.epic_id = ?
        ORDER BY t.position, t.created_at, t.id, x.position, x.created_at, x.id`,
    );
  } else if (kind === "task") {
    set.tasks = [id];
    set.subtasks = ids(`SELECT x.id FROM subtasks x WHERE x.task_id = ? ${ORDER}`);
    set.criteria = ids(`SELECT x.id FROM criteria x WHERE x.task_id = ? ${ORDER}`);
  } else if (kind === "subtask") set.subtasks = [id];
  else set.criteria = [id];
  return set;
}

function deleteRow(
  tx: Tx,
  kind: RowKind,
  id: string,
  o: { eventId?: string; cause: string | null; flags?: Record<string, unknown> },
): void {
  const row = tx.store.get<Record<string, unknown>>(
    `SELECT * FROM ${TABLE_OF[kind]} WHERE id = ?`,
    id,
  );
  if (!row) return;
  const columns = Object.keys(row).filter((c) => !["id", "updated_at", "version"].includes(c));
  const event = tx.event({
    id: o.eventId,
    itemId: id,
    itemKind: kind,
    op: "delete",
    changes: columns.map((c) => ({
      field: FIELD_OF[c] ?? c,
      old: outputValue(c, row[c]),
      new: null,
    })),
    cause: o.cause,
    flags: o.flags,
  });
  tx.store.run(`DELETE FROM ${TABLE_OF[kind]} WHERE id = ?`, id);
  tx.store.run(
    `INSERT OR REPLACE INTO tombstones (item_id, item_kind, title, deleted_at, event_id, actor)
     VALUES (?, ?, ?, ?, ?, ?)`,
    id,
    kind,
    (row.title ?? row.text ?? null) as string | null,
    tx.now,
    event.id,
    tx.ctx.actor(),
  );
}

/**
 * Deletes an item and everything under it in the caller's transaction:
 * edges touching any doomed task or subtask first, then criteria, subtasks,
 * tasks and the epic. The root `delete` event is `cause` of every other
 * event; its own cause is `o.cause`. Sync and import reuse this.
 */
export function deleteItemTree(
  tx: Tx,
  kind: RowKind,
  id: string,
  o: { cause?: string | null; flags?: Record<string, unknown> } = {},
): { deleted: DeletedSet; eventId: string } {
  const set = collect(tx, kind, id);
  const root = newEventId();
  const nodes = JSON.stringify([...set.tasks, ...set.subtasks]);
  const edges = tx.store.all<{ s: string; d: string }>(
    `SELECT source_id AS s, depends_on_id AS d FROM dependencies
      WHERE source_id IN (SELECT value FROM json_each(?1))
         OR depends_on_id IN (SELECT value FROM json_each(?1))
      ORDER BY source_id, depends_on_id`,
    nodes,
  );
  for (const e of edges) {
    if (deleteEdge(tx, e.s, e.d, { cause: root, flags: o.flags })) set.dependencies++;
  }
  const one = (k: RowKind, itemId: string) =>
    deleteRow(
      tx,
      k,
      itemId,
      itemId === id
        ? { eventId: root, cause: o.cause ?? null, flags: o.flags }
        : { cause: root, flags: o.flags },
    );
  for (const c of set.criteria) one("criterion", c);
  for (const s of set.subtasks) one("subtask", s);
  for (const t of set.tasks) one("task", t);
  for (const e of set.epics) one("epic", e);
  return { deleted: set, eventId: root };
}

type DeleteKind = "epic" | "task" | "subtask";

/**
 * Deletes one item the caller names (prefix allowed, `If-Match` checked)
 * with its tree, in one write; `check` may refuse before anything is removed.
 */
function deleteGuarded<K extends DeleteKind>(
  ctx: Ctx,
  kind: K,
  input: { id: string; ifMatch?: number },
  o: { record: (row: RowOf[K], now: number) => unknown; check?: (tx: Tx, row: RowOf[K]) => void },
): DeletedSet {
  return write(ctx, (tx) => {
    const row = loadGuarded(tx.store, kind, input.id, input.ifMatch, (r) => o.record(r, tx.now));
    o.check?.(tx, row);
    return deleteItemTree(tx, kind, row.id).deleted;
  });
}

function refuseTasks(tx: Tx, epic: RowOf["epic"]): void {
  const tasks = tx.store.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM tasks WHERE epic_id = ?",
    epic.id,
  )!.n;
  if (tasks > 0) {
    throw new CairnError(
      "has_children",
      `Epic "${epic.id}" still has ${tasks} task${
        tasks === 1 ? "" : "s"
      }; pass --cascade to delete them too`,
      { id: epic.id, tasks, hint: `cairn epic delete ${epic.id} --cascade` },
    );
  }
}

/** `epic delete`: an epic with tasks requires `cascade` (else `has_children`). */
export function deleteEpic(ctx: Ctx, input: { id: string; cascade?: boolean; ifMatch?: number }) {
  const deleted = deleteGuarded(ctx, "epic", input, {
    record: (r) => epicRecord(r),
    check: input.cascade ? undefined : refuseTasks,
  });
  return { deleted, warnings: [] as Warning[] };
}

/** `task delete`: the task, its subtasks and criteria, and every touching edge. */
export function deleteTask(ctx: Ctx, input: { id: string; ifMatch?: number }) {
  const d = deleteGuarded(ctx, "task", input, { record: taskRecord });
  return {
    deleted: {
      tasks: d.tasks,
      subtasks: d.subtasks,
      criteria: d.criteria,
      dependencies: d.dependencies,
    },
    warnings: [] as Warning[],
  };
}

/** `subtask delete`: the subtask and every touching edge. */
export function deleteSubtask(ctx: Ctx, input: { id: string; ifMatch?: number }) {
  const d = deleteGuarded(ctx, "subtask", input, { record: subtaskRecord });
  return {
    deleted: { subtasks: d.subtasks, dependencies: d.dependencies },
    warnings: [] as Warning[],
  };
}
