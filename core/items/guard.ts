/**
 * Optimistic concurrency for the board (SPEC §15.3): `If-Match` versions
 * checked inside the write transaction.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import type { Store } from "../store/store.ts";
import { iso } from "../time.ts";
import { type RowKind, TABLE_OF } from "./tables.ts";

/**
 * Checks an expected version. No-op when `ifMatch` is undefined. A deleted
 * item → `precondition_failed`; a different version → `version_conflict`
 * carrying the current record built by `current`.
 */
export function checkIfMatch(
  store: Store,
  kind: RowKind,
  id: string,
  ifMatch: number | undefined,
  current: () => unknown,
): void {
  if (ifMatch === undefined) return;
  const row = store.get<{ version: number }>(
    `SELECT version FROM ${TABLE_OF[kind]} WHERE id = ?`,
    id,
  );
  if (!row) {
    const tomb = store.get<{ deleted_at: number; actor: string }>(
      "SELECT deleted_at, actor FROM tombstones WHERE item_id = ?",
      id,
    );
    if (tomb) {
      throw new CairnError("precondition_failed", `The ${kind} "${id}" was deleted`, {
        id,
        deletedAt: iso(tomb.deleted_at),
        deletedBy: tomb.actor,
      });
    }
    throw new CairnError("not_found", `No ${kind} matches "${id}"`, { id, kinds: [kind] });
  }
  if (row.version !== ifMatch) {
    throw new CairnError(
      "version_conflict",
      `The ${kind} "${id}" changed: version ${row.version}, not ${ifMatch}`,
      {
        id,
        currentVersion: row.version,
        providedVersion: ifMatch,
        current: current(),
      },
    );
  }
}
