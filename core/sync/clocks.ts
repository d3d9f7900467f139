/**
 * Field clocks and the Lamport clock as sync reads and moves them (SPEC
 * §14.2): every field's value is owned by the stamp of the event that wrote it.
 *
 * @module
 */
import type { Store } from "../store/store.ts";
import type { Stamp } from "./stamp.ts";
import { CREATED, ownerOf, setClocks } from "../store/field_clock.ts";

/** A field clock. */
export interface Clock {
  event_id: string;
  lamport: number;
  actor: string;
}

/** The clock of one field, or undefined. */
export function clockOf(store: Store, itemId: string, field: string): Clock | undefined {
  const rows = store.all<Clock & { field: string }>(
    "SELECT field, event_id, lamport, actor FROM field_clock WHERE item_id = ? AND field IN (?, ?)",
    itemId,
    field,
    CREATED,
  );
  return ownerOf(new Map(rows.map((r) => [r.field, r])), field);
}

/** The stamp of a clock. */
export function clockStamp(c: Clock): Stamp {
  return { lamport: Number(c.lamport), actor: c.actor, id: c.event_id };
}

/** Makes `e` the owner of a field's value. */
export function setClock(store: Store, itemId: string, field: string, e: Stamp): void {
  setClocks(store, itemId, [field], e);
}

/** `meta.lamport = max(meta.lamport, lamport)`. */
export function raiseLamport(store: Store, lamport: number): void {
  store.run(
    "UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), ?) AS TEXT) WHERE key = 'lamport'",
    lamport,
  );
}
