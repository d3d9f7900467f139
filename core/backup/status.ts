/**
 * `migrate status` (SPEC §13.7): schema version, pending and applied
 * migrations, and the backups on disk. Reads a database opened without
 * migrating it.
 *
 * @module
 */
import type { Store } from "../store/store.ts";
import { type Migration, MIGRATIONS } from "../store/migrations.ts";
import { userVersion } from "../store/open.ts";
import { iso } from "../time.ts";
import { type BackupFile, listBackups } from "./list.ts";

/** Data of `migrate status`. */
export interface MigrateStatus {
  databaseVersion: number;
  programVersion: number;
  pending: { version: number; name: string }[];
  applied: { version: number; name: string; appliedAt: string | null }[];
  backups: BackupFile[];
}

/** Reports the schema state of an open (not migrated) store. */
export function migrateStatus(
  store: Store,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrateStatus {
  const databaseVersion = userVersion(store);
  const programVersion = migrations[migrations.length - 1]!.version;
  const hasTable = store.get(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
  );
  const applied = hasTable
    ? store.all<{ version: number; name: string; applied_at: number }>(
      "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
    ).map((r) => ({ version: r.version, name: r.name, appliedAt: iso(r.applied_at) }))
    : [];
  return {
    databaseVersion,
    programVersion,
    pending: migrations.filter((m) => m.version > databaseVersion).map((m) => ({
      version: m.version,
      name: m.name,
    })),
    applied,
    backups: listBackups(`${store.location.dir}/backups`),
  };
}
