/**
 * Conflict rows written by sync (SPEC §14.6–14.7): recorded once per pair of
 * events, closed by remote resolutions.
 *
 * @module
 */
import type { Store } from "../store/store.ts";

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
