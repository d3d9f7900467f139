/**
 * Board API idempotency keys (SPEC §15.3): the key, request fingerprint and
 * response are stored in the mutation's own transaction; a retry with the
 * same key and fingerprint within 24 hours replays the stored answer.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import type { Store } from "../store/store.ts";

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A stored answer. */
export interface StoredAnswer {
  status: number;
  body: string;
}

/**
 * The stored answer for a key, or null when the key is new (or expired).
 * The same key with another fingerprint → `idempotency_key_reused`.
 */
export function findIdempotent(
  store: Store,
  o: { scope: string; key: string; fingerprint: string; now: number },
): StoredAnswer | null {
  const row = store.get<{ fingerprint: string; status: number; body: string; created_at: number }>(
    "SELECT fingerprint, status, body, created_at FROM idempotency WHERE scope = ? AND key = ?",
    o.scope,
    o.key,
  );
  if (!row || o.now - row.created_at > IDEMPOTENCY_TTL_MS) return null;
  if (row.fingerprint !== o.fingerprint) {
    throw new CairnError(
      "idempotency_key_reused",
      `Idempotency key "${o.key}" was already used for a different request`,
      { key: o.key },
    );
  }
  return { status: row.status, body: row.body };
}

/** Stores an answer (inside the mutation's transaction). */
export function saveIdempotent(
  store: Store,
  o: { scope: string; key: string; fingerprint: string; now: number } & StoredAnswer,
): void {
  store.run(
    `INSERT OR REPLACE INTO idempotency (scope, key, fingerprint, status, body, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    o.scope,
    o.key,
    o.fingerprint,
    o.status,
    o.body,
    o.now,
  );
}

/** Removes keys older than 24 hours; returns how many. */
export function purgeIdempotency(store: Store, now: number): number {
  return store.run("DELETE FROM idempotency WHERE created_at < ?", now - IDEMPOTENCY_TTL_MS);
}
