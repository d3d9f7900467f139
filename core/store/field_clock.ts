/**
 * Writing field clocks (SPEC §14.2): the event that last wrote each synced
 * field. Local writes and sync both move them through here.
 *
 * @module
 */
import type { Stamp } from "../sync/stamp.ts";
import type { Store } from "./store.ts";

// One statement text for any number of fields: prepared once per process.
const SET_CLOCKS = `INSERT INTO field_clock (item_id, field, event_id, lamport, actor)
  SELECT ?1, value, ?2, ?3, ?4 FROM json_each(?5) WHERE true
  ON CONFLICT (item_id, field) DO UPDATE SET event_id = excluded.event_id,
    lamport = excluded.lamport, actor = excluded.actor`;

/** Makes `e` the owner of several fields of one item, in one statement. */
export function setClocks(store: Store, itemId: string, fields: string[], e: Stamp): void {
  if (fields.length === 0) return;
  store.run(SET_CLOCKS, itemId, e.id, e.lamport, e.actor, JSON.stringify(fields));
}
