/**
 * Applying one remote event (SPEC §14.6): deleted targets, creates, field-by-
 * field last-writer-wins with conflict records, and remote resolutions.
 * Deletes and edges live in their own modules.
 *
 * @module
 */
import {
  COLUMN_OF,
  outputValue,
  QUIET_COLUMNS,
  type RowKind,
  storedValue,
} from "../items/tables.ts";
import { fromIso } from "../time.ts";
import { applyDelete } from "./apply_delete.ts";
import { applyEdge } from "./apply_edge.ts";
import {
  insertRaw,
  isLive,
  KIND_COLUMNS,
  parentColumn,
  rowKindOf,
  rowOf,
  type Tombstone,
  tombstoneOf,
  updateRaw,
} from "./apply_rows.ts";
import { clockOf, clockStamp, raiseLamport, setClock } from "./clocks.ts";
import { setClocks } from "../store/field_clock.ts";
import { resolveRemotely } from "./conflict_rows.ts";
import { type ApplyState, storeRemoteEvent } from "./apply_state.ts";
import type { WireEvent } from "./jsonl.ts";
import { compareStamps } from "./stamp.ts";
import { validValue } from "./values.ts";

/** What happened to one event. */
export type Outcome = "applied" | "dropped" | "deferred";

/** The `{deleted, by, at}` side of a `delete_edit` conflict. */
export function deletedSide(t: Tombstone) {
  return {
    deleted: true,
    by: t.actor,
    at: new Date(t.deleted_at).toISOString(),
    event: t.event_id,
  };
}

/** The new values an event carried, by field. */
export function newValues(e: WireEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(e.changes).map(([f, c]) => [f, c?.new ?? null]));
}

function drop(st: ApplyState, e: WireEvent): Outcome {
  storeRemoteEvent(st.store, e, { dropped: true });
  return "dropped";
}

/** Applies one remote event inside the caller's write transaction. */
export function applyRemote(st: ApplyState, e: WireEvent): Outcome {
  raiseLamport(st.store, e.lamport);
  if (e.op === "heartbeat") return drop(st, e);
  if (e.kind === "dependency") return applyEdge(st, e);
  const kind = rowKindOf(e.item);
  if (!kind || kind !== e.kind) {
    st.warn("invalid_remote_value", `Events for an unknown item kind were not applied`, [e.id]);
    return drop(st, e);
  }
  const tomb = tombstoneOf(st.store, e.item);
  if (tomb) {
    if (e.op === "delete") {
      storeRemoteEvent(st.store, e);
      return "applied";
    }
    st.conflict({
      kind: "delete_edit",
      itemId: e.item,
      itemKind: kind,
      field: null,
      ours: deletedSide(tomb),
      oursEvent: tomb.event_id,
      theirs: newValues(e),
      theirsEvent: e.id,
      details: { fields: Object.keys(e.changes) },
    });
    return drop(st, e);
  }
  switch (e.op) {
    case "create":
      return applyCreate(st, e, kind);
    case "update":
    case "resolve": {
      const row = rowOf(st.store, kind, e.item);
      if (!row) return "deferred";
      storeRemoteEvent(st.store, e);
      applyFields(st, e, kind, row);
      return "applied";
    }
    case "delete":
      return applyDelete(st, e, kind);
    default:
      st.warn("invalid_remote_value", `Events with an unknown operation were not applied`, [e.id]);
      return drop(st, e);
  }
}

function applyCreate(st: ApplyState, e: WireEvent, kind: RowKind): Outcome {
  const parentCol = parentColumn(kind);
  if (parentCol) {
    const parentId = e.changes[parentCol === "epic_id" ? "epicId" : "taskId"]?.new;
    const parentTomb = typeof parentId === "string" ? tombstoneOf(st.store, parentId) : undefined;
    if (parentTomb) {
      st.conflict({
        kind: "delete_edit",
        itemId: e.item,
        itemKind: kind,
        field: null,
        ours: deletedSide(parentTomb),
        oursEvent: parentTomb.event_id,
        theirs: newValues(e),
        theirsEvent: e.id,
        details: { parentId, fields: Object.keys(e.changes) },
      });
      return drop(st, e);
    }
    if (typeof parentId !== "string" || !isLive(st.store, parentId)) return "deferred";
  }
  const existing = rowOf(st.store, kind, e.item);
  if (existing) {
    storeRemoteEvent(st.store, e);
    applyFields(st, e, kind, existing);
    return "applied";
  }
  const cols: Record<string, unknown> = { status: "todo", description: "" };
  if (kind === "epic" || kind === "task") cols.priority = 2;
  if (kind === "criterion") {
    delete cols.status;
    delete cols.description;
    cols.checked = 0;
  }
  for (const [field, c] of Object.entries(e.changes)) {
    const col = COLUMN_OF[field];
    if (!col || !KIND_COLUMNS[kind].has(col)) continue;
    const value = storedValue(col, c?.new ?? null);
    if (!validValue(col, value)) {
      st.warn("invalid_remote_value", `Remote values that break the field rules were not applied`, [
        e.item,
      ]);
      continue;
    }
    cols[col] = value;
  }
  cols.created_at ??= fromIso(e.at);
  cols.position ??= nextPosition(st, kind, parentCol ? String(cols[parentCol]) : null);
  if (
    !validValue(
      kind === "criterion" ? "text" : "title",
      cols[kind === "criterion" ? "text" : "title"],
    )
  ) {
    st.warn("invalid_remote_value", `Remote values that break the field rules were not applied`, [
      e.item,
    ]);
    return drop(st, e);
  }
  storeRemoteEvent(st.store, e);
  insertRaw(st.store, kind, e.item, cols, cols.created_at as number);
  setClocks(st.store, e.item, Object.keys(e.changes), e);
  st.touched.add(e.item);
  return "applied";
}

function nextPosition(st: ApplyState, kind: RowKind, parentId: string | null): number {
  const table = { epic: "epics", task: "tasks", subtask: "subtasks", criterion: "criteria" }[kind];
  const col = parentColumn(kind);
  const row = st.store.get<{ p: number | null }>(
    `SELECT MAX(position) AS p FROM ${table}${col ? ` WHERE ${col} = ?` : ""}`,
    ...(col ? [parentId!] : []),
  );
  return row?.p == null ? 1 : Math.floor(row.p) + 1;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Field-by-field last-writer-wins with conflict records (SPEC §14.6 rule 4). */
export function applyFields(
  st: ApplyState,
  e: WireEvent,
  kind: RowKind,
  row: Record<string, unknown>,
): void {
  const set: Record<string, unknown> = {};
  const resolves = e.resolves ?? [];
  for (const [field, c] of Object.entries(e.changes)) {
    const col = COLUMN_OF[field];
    if (!col || !KIND_COLUMNS[kind].has(col) || !c) continue;
    const value = storedValue(col, c.new ?? null);
    if (!validValue(col, value)) {
      st.warn("invalid_remote_value", `Remote values that break the field rules were not applied`, [
        e.item,
      ]);
      continue;
    }
    const cur = clockOf(st.store, e.item, field);
    const current = outputValue(col, row[col]);
    const concurrent = cur !== undefined && cur.event_id !== (c.base ?? null) &&
      !resolves.includes(cur.event_id);
    if (concurrent && !QUIET_COLUMNS.has(col) && !same(current, c.new)) {
      st.conflict({
        kind: "field",
        itemId: e.item,
        itemKind: kind,
        field,
        ours: current,
        oursEvent: cur!.event_id,
        theirs: c.new ?? null,
        theirsEvent: e.id,
      });
    }
    if (cur && compareStamps(e, clockStamp(cur)) <= 0) continue;
    if (col === "epic_id" || col === "task_id") {
      const tomb = tombstoneOf(st.store, value as string);
      if (tomb) {
        st.conflict({
          kind: "delete_edit",
          itemId: e.item,
          itemKind: kind,
          field,
          ours: deletedSide(tomb),
          oursEvent: tomb.event_id,
          theirs: c.new,
          theirsEvent: e.id,
        });
        continue;
      }
      if (!isLive(st.store, value as string)) {
        st.warn("missing_parent", `Moves to a parent that never arrived were not applied`, [
          e.item,
        ]);
        continue;
      }
    }
    set[col] = value;
    setClock(st.store, e.item, field, e);
  }
  const changed = Object.keys(set).filter((col) => !same(row[col], set[col]));
  const bump = changed.some((col) => !QUIET_COLUMNS.has(col));
  updateRaw(
    st.store,
    kind,
    e.item,
    Object.fromEntries(changed.map((c) => [c, set[c]])),
    bump,
    st.now,
  );
  if (changed.length) st.touched.add(e.item);
  st.stats.resolvedRemotely += resolveRemotely(st.store, resolves, e.actor, e.id, st.now);
}
