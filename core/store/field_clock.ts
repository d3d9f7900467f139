/**
 * Field clocks (SPEC §14.2): the event that last wrote each synced field.
 * Local writes and sync both move them through here.
 *
 * A local create owns its fields with one row, field `*`, not a row per
 * field: a batch creates hundreds of items, and their per-field rows were
 * half the pages it wrote. A field's own row, once written, overrides `*`.
 *
 * @module
 */
import type { Stamp } from "../sync/stamp.ts";
import type { Store } from "./store.ts";

/** The field name of the row a create owns its fields with. */
export const CREATED = "*";

/**
 * Fields a create may leave out (SPEC §5.2): a claim instant only import
 * restores, and the lease. A create names every other field of its kind, so
 * `*` stands for exactly the fields the create wrote.
 */
const NOT_IN_EVERY_CREATE = new Set(["claimedAt", "leaseExpiresAt", "leaseMs"]);

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

/** Makes the create `e` the owner of the fields it wrote: `*`, plus any it may leave out. */
export function setCreateClocks(store: Store, itemId: string, fields: string[], e: Stamp): void {
  setClocks(store, itemId, [CREATED, ...fields.filter((f) => NOT_IN_EVERY_CREATE.has(f))], e);
}

/** The row among an item's clock rows (by field) that owns `field`. */
export function ownerOf<T>(rows: Map<string, T>, field: string): T | undefined {
  return rows.get(field) ?? (NOT_IN_EVERY_CREATE.has(field) ? undefined : rows.get(CREATED));
}
