/**
 * `migrate restore <file>` (SPEC §13.7): validate a backup, keep the current
 * database as a `pre-restore` backup, copy the file into the live database
 * with the online backup API (other processes see the old or the new state,
 * never a mix), migrate it, and give it a new replica identity.
 *
 * @module
 */
import { backup, DatabaseSync } from "node:sqlite";
import { CairnError } from "../errors.ts";
import { newReplicaId } from "../ids.ts";
import type { StorageLocation } from "../store/location.ts";
import { type Migration, MIGRATIONS } from "../store/migrations.ts";
import { ensureStorageDir, isCorrupt, openStore, pruneBackups, takeBackup } from "../store/open.ts";
import { isBusy } from "../store/store.ts";
import { fileSize } from "../probe.ts";
import { fileStamp, freeInstant } from "./list.ts";

/** Input of a restore. */
export interface RestoreInput {
  location: StorageLocation;
  /** A path (relative to `cwd`) or the bare name of a file in `backups/`. */
  file: string;
  cwd: string;
  now: () => number;
  migrations?: readonly Migration[];
}

/** Data of `migrate restore`. */
export interface RestoreResult {
  restoredFrom: string;
  previousBackup: string | null;
  schemaVersion: number;
  migrated: { from: number; to: number; backup: string | null } | null;
  replicaId: string;
}

/** Restores a backup into the live database. */
export async function restoreBackup(input: RestoreInput): Promise<RestoreResult> {
  const { location } = input;
  const migrations = input.migrations ?? MIGRATIONS;
  const source = findSource(input);
  const sourceVersion = inspect(source, migrations[migrations.length - 1]!.version);
  ensureStorageDir(location);
  const previousBackup = await keepCurrent(location, input.now());
  await copyInto(source, location.database);
  const { store, report } = await openStore(location, { migrations, now: input.now });
  try {
    const replicaId = newReplicaId();
    store.transaction(() => {
      const seq = store.get<{ s: number | null }>("SELECT MAX(seq) AS s FROM events")?.s ?? 0;
      for (const [key, value] of [["replica_id", replicaId], ["sync_exported_seq", String(seq)]]) {
        store.run(
          "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          key!,
          value!,
        );
      }
    });
    pruneBackups(`${location.dir}/backups`, 10);
    return {
      restoredFrom: source,
      previousBackup,
      schemaVersion: report.migrated?.to ?? sourceVersion,
      migrated: report.migrated,
      replicaId,
    };
  } finally {
    store.close();
  }
}

function findSource(input: RestoreInput): string {
  const { file, cwd, location } = input;
  const candidates = file.includes("/")
    ? [file.startsWith("/") ? file : `${cwd}/${file}`]
    : [`${cwd}/${file}`, `${location.dir}/backups/${file}`];
  for (const path of candidates) {
    try {
      const st = Deno.statSync(path);
      if (st.isFile) return Deno.realPathSync(path);
      throw new CairnError("invalid_path", `"${file}" is a directory, not a backup file`, {
        path: file,
      });
    } catch (err) {
      if (err instanceof CairnError) throw err;
    }
  }
  throw new CairnError("invalid_path", `Backup file "${file}" does not exist`, { path: file });
}

/** Checks the file is an intact cairn database the program can read; returns its version. */
function inspect(path: string, latest: number): number {
  let db: DatabaseSync | null = null;
  let version: number;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    const check = db.prepare("PRAGMA quick_check").get() as { quick_check: string };
    if (check.quick_check !== "ok") throw new Error(`quick_check: ${check.quick_check}`);
    version = Number(
      (db.prepare("PRAGMA user_version").get() as { user_version: number })
        .user_version,
    );
    const table = db.prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    ).get();
    if (!table || version < 1) throw new Error("not a cairn database (no schema_migrations)");
  } catch (err) {
    throw new CairnError("restore_failed", `${path} is not a valid cairn database`, {
      path,
      cause: (err as Error).message,
    });
  } finally {
    db?.close();
  }
  if (version > latest) {
    throw new CairnError(
      "schema_too_new",
      `The backup's schema v${version} is newer than this program (v${latest}); upgrade cairn`,
      { databaseVersion: version, programVersion: latest },
    );
  }
  return version;
}

/**
 * Keeps the current database as a `pre-restore` backup. A database that
 * cannot be read is kept byte for byte (`.db.damaged`) so nothing is lost.
 */
async function keepCurrent(location: StorageLocation, now: number): Promise<string | null> {
  if (fileSize(location.database) === 0) return null;
  const dir = `${location.dir}/backups`;
  let opened: Awaited<ReturnType<typeof openStore>> | null = null;
  try {
    opened = await openStore(location, { noMigrate: true });
    return await takeBackup(
      opened.store,
      "pre-restore",
      freeInstant(dir, "pre-restore", now),
      Number.MAX_SAFE_INTEGER,
    );
  } catch (err) {
    if (opened || (err instanceof CairnError && err.code !== "database_corrupt")) throw err;
    Deno.mkdirSync(dir, { recursive: true });
    const path = `${dir}/cairn-${fileStamp(now)}-pre-restore.db.damaged`;
    Deno.copyFileSync(location.database, path);
    return path;
  } finally {
    opened?.store.close();
  }
}

/** Copies `source` over the live database in one backup step, retrying while it is busy. */
async function copyInto(source: string, target: string): Promise<void> {
  const src = new DatabaseSync(source, { readOnly: true });
  try {
    for (let attempt = 0;; attempt++) {
      try {
        await backup(src, target, { rate: 2_000_000_000 });
        return;
      } catch (err) {
        if (isCorrupt(err) && attempt === 0) {
          // A damaged live file (already kept aside) is replaced, not merged into.
          for (const suffix of ["", "-wal", "-shm"]) removeIfPresent(target + suffix);
          continue;
        }
        if (!isBusy(err) || attempt >= 20) {
          throw new CairnError("restore_failed", `Could not copy ${source} into the database`, {
            path: source,
            cause: (err as Error).message,
          });
        }
        await new Promise((r) => setTimeout(r, 50 + attempt * 50));
      }
    }
  } finally {
    src.close();
  }
}

function removeIfPresent(path: string): void {
  try {
    Deno.removeSync(path);
  } catch { /* absent */ }
}
