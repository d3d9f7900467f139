/**
 * Backups, restore and schema status (SPEC §13.6–13.7), loaded lazily by
 * `migrate` commands.
 *
 * @module
 */
export { type BackupFile, listBackups } from "./list.ts";
export { type MigrateStatus, migrateStatus } from "./status.ts";
export { backupNow, type BackupResult } from "./backup.ts";
export { restoreBackup, type RestoreInput, type RestoreResult } from "./restore.ts";
