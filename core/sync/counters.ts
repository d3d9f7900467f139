/**
 * Sync counters without network or git processes (SPEC §14.9), cheap enough
 * for `session`, `suggest` and `events prune`.
 *
 * @module
 */
import { resolveRef } from "../git_files.ts";
import type { Store } from "../store/store.ts";

/** The local sync ref. */
export const SYNC_REF = "refs/cairn/events";

/** A `meta` value, or null. */
export function metaValue(store: Store, key: string): string | null {
  return store.get<{ value: string }>("SELECT value FROM meta WHERE key = ?", key)?.value ?? null;
}

/** This replica's exportable events not yet exported (`seq > sync_exported_seq`). */
export function unexportedCount(store: Store): number {
  const replica = metaValue(store, "replica_id") ?? "";
  const since = Number(metaValue(store, "sync_exported_seq") ?? 0);
  return Number(
    store.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM events WHERE replica = ? AND seq > ? AND op <> 'heartbeat'",
      replica,
      since,
    )?.n ?? 0,
  );
}

/** Whether sync was ever set up: a local sync ref (read from files) or a `sync_remotes` row. */
export function syncConfigured(store: Store): boolean {
  if (store.get("SELECT 1 FROM sync_remotes LIMIT 1")) return true;
  const git = store.location.git;
  return git !== null && resolveRef(git, SYNC_REF) !== null;
}

/** Counters as of the last sync command, for hot-path readers (never spawns git). */
export interface OfflineCounters {
  configured: boolean;
  unexported: number;
  /** `unexported` + ref lines not yet on the remote, as stored by the last sync command. */
  unpushed: number;
  /** Remote lines not yet applied, as of the last fetch. */
  unpulled: number;
}

/** Sync counters from the database and ref files only (SPEC §14.9). */
export function offlineSyncCounters(store: Store, remote = "origin"): OfflineCounters {
  const row = store.get<{ unpushed_lines: number; unpulled: number }>(
    "SELECT unpushed_lines, unpulled FROM sync_remotes WHERE remote = ?",
    remote,
  );
  const unexported = unexportedCount(store);
  return {
    configured: syncConfigured(store),
    unexported,
    unpushed: unexported + Number(row?.unpushed_lines ?? 0),
    unpulled: Number(row?.unpulled ?? 0),
  };
}
