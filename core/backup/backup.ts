/**
 * `migrate backup` (SPEC §13.6–13.7): a verified snapshot with the online
 * backup API, then retention.
 *
 * @module
 */
import type { Store } from "../store/store.ts";
import { pruneBackups, takeBackup, userVersion } from "../store/open.ts";
import { freeInstant } from "./list.ts";

/** Data of `migrate backup`. */
export interface BackupResult {
  path: string;
  bytes: number;
  schemaVersion: number;
  /** Backups kept after retention. */
  retained: number;
  pruned: string[];
}

/**
 * Writes a backup named for `reason` (default `manual`) and keeps only the
 * newest `retain` backups. Throws `backup_failed` or `io_error`.
 */
export async function backupNow(
  store: Store,
  o: { now: number; retain?: number; reason?: string },
): Promise<BackupResult> {
  const dir = `${store.location.dir}/backups`;
  const reason = o.reason ?? "manual";
  const at = freeInstant(dir, reason, o.now);
  const path = await takeBackup(store, reason, at, Number.MAX_SAFE_INTEGER);
  const retain = o.retain ?? 10;
  const pruned = pruneBackups(dir, retain);
  const left = [...Deno.readDirSync(dir)].filter((e) => e.isFile && /^cairn-.*\.db$/.test(e.name));
  return {
    path,
    bytes: Deno.statSync(path).size,
    schemaVersion: userVersion(store),
    retained: left.length,
    pruned,
  };
}
