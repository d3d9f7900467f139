/**
 * Applying a remote `delete` (SPEC §14.6 rule 5): concurrent edits that are
 * lost become `delete_edit` conflicts; descendants and edges the deleting
 * replica did not know about are deleted with locally generated events.
 * Deletions are final: tombstones are never removed.
 *
 * @module
 */
import { FIELD_OF, outputValue, QUIET_COLUMNS, type RowKind, TABLE_OF } from "../items/tables.ts";
import { deleteEdge } from "../items/insert.ts";
import { write } from "../store/tx.ts";
import { fromIso } from "../time.ts";
import {
  deleteEdgeRaw,
  deleteRaw,
  descendantsOf,
  edgesTouching,
  insertTombstone,
  rowKindOf,
  rowOf,
} from "./apply_rows.ts";
import { clockOf } from "./clocks.ts";
import { type ApplyState, storeRemoteEvent } from "./apply_state.ts";
import type { WireEvent } from "./jsonl.ts";

function titleOf(row: Record<string, unknown>): string | null {
  return (row.title ?? row.text ?? null) as string | null;
}

function fieldsOf(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, v] of Object.entries(row)) {
    if (FIELD_OF[col]) out[FIELD_OF[col]!] = outputValue(col, v);
  }
  return out;
}

/** Non-quiet fields edited since the deleting replica last saw them. */
function lostEdits(st: ApplyState, e: WireEvent, row: Record<string, unknown>) {
  const lost: Record<string, unknown> = {};
  let event: string | null = null;
  for (const [col, v] of Object.entries(row)) {
    const field = FIELD_OF[col];
    if (!field || QUIET_COLUMNS.has(col)) continue;
    const clock = clockOf(st.store, e.item, field);
    if (!clock || clock.event_id === (e.changes[field]?.base ?? null)) continue;
    lost[field] = outputValue(col, v);
    event ??= clock.event_id;
  }
  return { lost, event };
}

function recordLost(
  st: ApplyState,
  e: WireEvent,
  kind: RowKind,
  row: Record<string, unknown>,
): void {
  const { lost, event } = lostEdits(st, e, row);
  if (Object.keys(lost).length === 0) return;
  st.conflict({
    kind: "delete_edit",
    itemId: e.item,
    itemKind: kind,
    field: null,
    ours: lost,
    oursEvent: event,
    theirs: { deleted: true, by: e.actor, at: e.at },
    theirsEvent: e.id,
    details: { fields: Object.keys(lost) },
  });
}

/** Applies a remote delete inside the caller's write transaction. */
export function applyDelete(st: ApplyState, e: WireEvent, kind: RowKind): "applied" {
  const store = st.store;
  const at = fromIso(e.at) ?? st.now;
  const row = rowOf(store, kind, e.item);
  storeRemoteEvent(store, e);
  if (!row) {
    const title = (e.changes.title?.old ?? e.changes.text?.old ?? null) as string | null;
    insertTombstone(store, {
      item_id: e.item,
      item_kind: kind,
      title,
      deleted_at: at,
      event_id: e.id,
      actor: e.actor,
    });
    return "applied";
  }
  recordLost(st, e, kind, row);
  const doomed = descendantsOf(store, kind, e.item);
  const graphIds = [e.item, ...doomed.map((d) => d.id)].filter((id) => /^[ts]-/.test(id));
  write(st.ctx, (tx) => {
    for (const edge of edgesTouching(store, graphIds)) {
      const edgeId = `${edge.source_id}>${edge.depends_on_id}`;
      if (st.incomingDeletes.has(edgeId)) deleteEdgeRaw(store, edge.source_id, edge.depends_on_id);
      else deleteEdge(tx, edge.source_id, edge.depends_on_id, { cause: e.id });
      st.touched.add(edge.source_id);
    }
    for (const d of doomed) {
      const drow = rowOf(store, d.kind, d.id);
      if (!drow) continue;
      const known = st.incomingDeletes.get(d.id);
      if (known) {
        recordLost(st, known, d.kind, drow);
        deleteRaw(store, d.kind, d.id);
        insertTombstone(store, {
          item_id: d.id,
          item_kind: d.kind,
          title: titleOf(drow),
          deleted_at: fromIso(known.at) ?? at,
          event_id: known.id,
          actor: known.actor,
        });
        continue;
      }
      const local = tx.event({
        itemId: d.id,
        itemKind: d.kind,
        op: "delete",
        changes: Object.entries(fieldsOf(drow)).map(([field, old]) => ({ field, old, new: null })),
        cause: e.id,
      });
      st.conflict({
        kind: "delete_edit",
        itemId: d.id,
        itemKind: d.kind,
        field: null,
        ours: fieldsOf(drow),
        oursEvent: null,
        theirs: { deleted: true, by: e.actor, at: e.at, parentId: e.item },
        theirsEvent: e.id,
        details: { parentId: e.item },
      });
      store.run(`DELETE FROM ${TABLE_OF[d.kind]} WHERE id = ?`, d.id);
      insertTombstone(store, {
        item_id: d.id,
        item_kind: d.kind,
        title: titleOf(drow),
        deleted_at: tx.now,
        event_id: local.id,
        actor: tx.ctx.actor(),
      });
    }
  });
  deleteRaw(store, kind, e.item);
  insertTombstone(store, {
    item_id: e.item,
    item_kind: kind,
    title: titleOf(row),
    deleted_at: at,
    event_id: e.id,
    actor: e.actor,
  });
  if (rowKindOf(e.item)) st.touched.add(e.item);
  return "applied";
}
