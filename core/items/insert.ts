/**
 * Inserting rows with their `create` events (SPEC §5.2, §5.5, §14.1). Used by
 * single creates, batches, import and sync. Domain rules (epic auto-start,
 * gating) are the callers' business.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import { type IdKind, newId } from "../ids.ts";
import type { EdgeRow, Status } from "../records.ts";
import type { Tx } from "../store/tx.ts";
import { appendPosition } from "../positions.ts";
import { FIELD_OF, outputValue, type RowKind, TABLE_OF } from "./tables.ts";

/** Common insert options. */
interface InsertBase {
  /** Use this id instead of generating one (import, sync). */
  id?: string;
  position?: number;
  createdAt?: number;
  completedAt?: number | null;
  cause?: string | null;
  flags?: Record<string, unknown>;
  /** Skip the event (sync writes the remote event itself). */
  noEvent?: boolean;
}

function insertRow(
  tx: Tx,
  kind: RowKind,
  values: Record<string, unknown>,
  o: InsertBase,
): Record<string, unknown> {
  const columns = Object.keys(values);
  const sql = `INSERT INTO ${TABLE_OF[kind]} (id, ${
    columns.join(", ")
  }, updated_at, version) VALUES (?, ${columns.map(() => "?").join(", ")}, ?, 1)`;
  const row: Record<string, unknown> = {};
  for (let attempt = 0;; attempt++) {
    const id = o.id ?? newId(kind as IdKind);
    const tombstoned = !o.id && tx.store.get("SELECT 1 FROM tombstones WHERE item_id = ?", id);
    try {
      if (tombstoned) throw new Error("UNIQUE constraint failed: tombstone");
      tx.store.run(sql, id, ...columns.map((c) => values[c] as never), values.created_at as never);
      Object.assign(row, { id, ...values, updated_at: values.created_at, version: 1 });
      break;
    } catch (err) {
      const collision = /UNIQUE constraint failed|PRIMARY KEY/i.test(String(err));
      if (!collision || o.id || attempt >= 7) {
        if (collision && !o.id) {
          throw new CairnError("internal_error", "Could not generate a unique id", {
            cause: String(err),
          });
        }
        throw err;
      }
    }
  }
  if (!o.noEvent) {
    tx.event({
      itemId: row.id as string,
      itemKind: kind,
      op: "create",
      changes: columns.map((c) => ({
        field: FIELD_OF[c] ?? c,
        old: null,
        new: outputValue(c, values[c]),
      })),
      cause: o.cause,
      flags: o.flags,
    });
  }
  return row;
}

function timestamps(tx: Tx, status: Status, o: InsertBase) {
  return {
    created_at: o.createdAt ?? tx.now,
    completed_at: o.completedAt !== undefined ? o.completedAt : status === "done" ? tx.now : null,
  };
}

/** Inserts an epic appended after the last epic unless `position` is given. */
export function insertEpic(
  tx: Tx,
  v: { title: string; description?: string; status?: Status; priority?: number } & InsertBase,
) {
  const status = v.status ?? "todo";
  return insertRow(tx, "epic", {
    title: v.title,
    description: v.description ?? "",
    status,
    priority: v.priority ?? 2,
    position: v.position ??
      appendPosition(tx, { kind: "epic", parentColumn: null, parentId: null }),
    ...timestamps(tx, status, v),
  }, v);
}

/** Inserts a task appended to its epic unless `position` is given. */
export function insertTask(
  tx: Tx,
  v: {
    epicId: string;
    title: string;
    description?: string;
    status?: Status;
    priority?: number;
    owner?: string | null;
    /** Restored claim instant (import); omitted from the row and event when undefined. */
    claimedAt?: number | null;
  } & InsertBase,
) {
  const status = v.status ?? "todo";
  return insertRow(tx, "task", {
    epic_id: v.epicId,
    title: v.title,
    description: v.description ?? "",
    status,
    priority: v.priority ?? 2,
    owner: v.owner ?? null,
    ...(v.claimedAt !== undefined ? { claimed_at: v.claimedAt } : {}),
    position: v.position ??
      appendPosition(tx, { kind: "task", parentColumn: "epic_id", parentId: v.epicId }),
    ...timestamps(tx, status, v),
  }, v);
}

/** Inserts a subtask appended to its task unless `position` is given. */
export function insertSubtask(
  tx: Tx,
  v:
    & {
      taskId: string;
      title: string;
      description?: string;
      status?: Status;
      owner?: string | null;
      /** Restored claim instant (import); omitted from the row and event when undefined. */
      claimedAt?: number | null;
    }
    & InsertBase,
) {
  const status = v.status ?? "todo";
  return insertRow(tx, "subtask", {
    task_id: v.taskId,
    title: v.title,
    description: v.description ?? "",
    status,
    owner: v.owner ?? null,
    ...(v.claimedAt !== undefined ? { claimed_at: v.claimedAt } : {}),
    position: v.position ??
      appendPosition(tx, { kind: "subtask", parentColumn: "task_id", parentId: v.taskId }),
    ...timestamps(tx, status, v),
  }, v);
}

/** Inserts an unchecked (or given) criterion appended to its task unless `position` is given. */
export function insertCriterion(
  tx: Tx,
  v: {
    taskId: string;
    text: string;
    checked?: boolean;
    evidence?: string | null;
    checkedAt?: number | null;
    checkedBy?: string | null;
  } & InsertBase,
) {
  return insertRow(tx, "criterion", {
    task_id: v.taskId,
    text: v.text,
    checked: v.checked ? 1 : 0,
    evidence: v.evidence ?? null,
    checked_at: v.checkedAt ?? null,
    checked_by: v.checkedBy ?? null,
    position: v.position ??
      appendPosition(tx, { kind: "criterion", parentColumn: "task_id", parentId: v.taskId }),
    created_at: v.createdAt ?? tx.now,
  }, v);
}

/** The item id of a dependency edge in events: `<source>><dependsOn>`. */
export function edgeItemId(sourceId: string, dependsOnId: string): string {
  return `${sourceId}>${dependsOnId}`;
}

/**
 * Inserts an edge with its `dep_add` event. Returns null when it already
 * exists (idempotent add: nothing written).
 */
export function insertEdge(
  tx: Tx,
  sourceId: string,
  dependsOnId: string,
  o: {
    cause?: string | null;
    createdBy?: string;
    createdAt?: number;
    noEvent?: boolean;
    flags?: Record<string, unknown>;
  } = {},
): EdgeRow | null {
  const row: EdgeRow = {
    source_id: sourceId,
    depends_on_id: dependsOnId,
    created_at: o.createdAt ?? tx.now,
    created_by: o.createdBy ?? tx.ctx.actor(),
  };
  const changes = tx.store.run(
    "INSERT OR IGNORE INTO dependencies (source_id, depends_on_id, created_at, created_by) VALUES (?, ?, ?, ?)",
    row.source_id,
    row.depends_on_id,
    row.created_at,
    row.created_by,
  );
  if (changes === 0) return null;
  if (!o.noEvent) {
    tx.event({
      itemId: edgeItemId(sourceId, dependsOnId),
      itemKind: "dependency",
      op: "dep_add",
      changes: [{ field: "present", old: false, new: true }],
      cause: o.cause,
      flags: o.flags,
    });
  }
  return row;
}

/** Removes an edge with its `dep_remove` event; false when it did not exist. */
export function deleteEdge(
  tx: Tx,
  sourceId: string,
  dependsOnId: string,
  o: { cause?: string | null; flags?: Record<string, unknown>; noEvent?: boolean } = {},
): boolean {
  const n = tx.store.run(
    "DELETE FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
    sourceId,
    dependsOnId,
  );
  if (n === 0) return false;
  if (!o.noEvent) {
    tx.event({
      itemId: edgeItemId(sourceId, dependsOnId),
      itemKind: "dependency",
      op: "dep_remove",
      changes: [{ field: "present", old: true, new: false }],
      cause: o.cause,
      flags: o.flags,
    });
  }
  return true;
}
