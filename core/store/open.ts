/**
 * Opening the database (SPEC §13.2, §13.6): create the storage directory and
 * its `.gitignore`, apply the pragmas, create or migrate the schema.
 *
 * @module
 */
import { backup, DatabaseSync } from "node:sqlite";
import { CairnError } from "../errors.ts";
import { newReplicaId } from "../ids.ts";
import type { StorageLocation } from "./location.ts";
import { type Migration, MIGRATIONS } from "./migrations.ts";
import { isBusy, Store } from "./store.ts";
import { fileSize } from "../probe.ts";

/** Options of one open. */
export interface OpenOptions {
  durability?: "normal" | "full";
  cacheMib?: number;
  /** Migrations to apply (tests inject extra ones). */
  migrations?: readonly Migration[];
  /** Open without migrating (`migrate status`). */
  noMigrate?: boolean;
  now?: () => number;
}

/** What happened while opening. */
export interface OpenReport {
  createdDir: boolean;
  createdDatabase: boolean;
  migrated: { from: number; to: number; backup: string | null } | null;
}

const GITIGNORE = "*\n";

/** Creates the storage directory (and its `.gitignore`) when missing. */
export function ensureStorageDir(
  location: StorageLocation,
): { created: boolean; gitignore: "created" | "unchanged" | "repaired" } {
  let created = false;
  try {
    Deno.statSync(location.dir);
  } catch {
    try {
      Deno.mkdirSync(location.dir, { recursive: true });
    } catch (err) {
      throw fileError(err, location.dir);
    }
    created = true;
  }
  const path = `${location.dir}/.gitignore`;
  let current: string | null = null;
  try {
    current = Deno.readTextFileSync(path);
  } catch { /* missing */ }
  if (current === GITIGNORE) return { created, gitignore: "unchanged" };
  try {
    Deno.writeTextFileSync(path, GITIGNORE);
  } catch (err) {
    throw fileError(err, path);
  }
  return { created, gitignore: current === null ? "created" : "repaired" };
}

/** Maps a file-system error to `permission_denied` or `io_error`. */
export function fileError(err: unknown, path: string): CairnError {
  if (err instanceof CairnError) return err;
  if (err instanceof Deno.errors.PermissionDenied) {
    return new CairnError("permission_denied", `Permission denied: ${path}`, { path });
  }
  return new CairnError("io_error", `Cannot access ${path}: ${(err as Error).message}`, {
    path,
    cause: (err as Error).message,
  });
}

function corrupt(path: string): CairnError {
  return new CairnError("database_corrupt", `${path} is not a cairn database or is damaged`, {
    path,
    hint: "cairn migrate restore <backup>",
  });
}

/** Whether an error means "not a database" or "corrupt". */
export function isCorrupt(err: unknown): boolean {
  const code = (err as { errcode?: number })?.errcode;
  return code === 26 || code === 11 || /file is not a database|malformed/i.test(String(err));
}

/** Opens (creating or migrating as needed) the database at a location. */
export async function openStore(
  location: StorageLocation,
  options: OpenOptions = {},
): Promise<{ store: Store; report: OpenReport }> {
  const dir = ensureStorageDir(location);
  const existed = fileSize(location.database) > 0;
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(location.database);
  } catch (err) {
    throw isCorrupt(err) ? corrupt(location.database) : fileError(err, location.database);
  }
  const store = new Store(db, location);
  try {
    applyPragmas(store, options);
    const migrated = options.noMigrate ? null : await migrate(store, options, existed);
    return {
      store,
      report: { createdDir: dir.created, createdDatabase: !existed, migrated },
    };
  } catch (err) {
    store.close();
    if (err instanceof CairnError) throw err;
    if (isCorrupt(err)) throw corrupt(location.database);
    throw err;
  }
}

function applyPragmas(store: Store, options: OpenOptions): void {
  const cache = -(options.cacheMib ?? 64) * 1024;
  // Prepared statements, so that busy and "not a database" errors carry errcode.
  store.prepare("PRAGMA busy_timeout = 5000").get();
  for (let attempt = 0;; attempt++) {
    try {
      store.prepare("PRAGMA journal_mode = WAL").get();
      break;
    } catch (err) {
      if (!isBusy(err) || attempt > 5) throw err;
    }
  }
  store.prepare(`PRAGMA synchronous = ${options.durability === "full" ? "FULL" : "NORMAL"}`).run();
  store.prepare("PRAGMA foreign_keys = ON").run();
  store.prepare("PRAGMA temp_store = MEMORY").run();
  store.prepare("PRAGMA mmap_size = 268435456").get();
  store.prepare(`PRAGMA cache_size = ${cache}`).run();
  store.prepare("PRAGMA wal_autocheckpoint = 1000").get();
}

/** The schema version stored in the database. */
export function userVersion(store: Store): number {
  return Number(store.get<{ user_version: number }>("PRAGMA user_version")!.user_version);
}

async function migrate(
  store: Store,
  options: OpenOptions,
  existed: boolean,
): Promise<OpenReport["migrated"]> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]!.version;
  const current = userVersion(store);
  if (current === latest) return null;
  if (current > latest) {
    throw new CairnError(
      "schema_too_new",
      `The database schema v${current} is newer than this program (v${latest}); upgrade cairn`,
      {
        databaseVersion: current,
        programVersion: latest,
      },
    );
  }
  const now = options.now ?? Date.now;
  let backupPath: string | null = null;
  if (current > 0 && existed) {
    backupPath = await takeBackup(store, `pre-migrate-v${current}-to-v${latest}`, now());
  }
  let failedVersion = 0;
  try {
    store.transaction(() => {
      const from = userVersion(store); // a concurrent process may have migrated meanwhile
      if (from >= latest) return;
      if (from === 0 && store.get("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1")) {
        throw new Error("database has tables but no schema version");
      }
      for (const m of migrations) {
        if (m.version <= from) continue;
        failedVersion = m.version;
        store.db.exec(m.up);
        store.run(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
          m.version,
          m.name,
          now(),
        );
      }
      if (from === 0) {
        const t = String(now());
        for (
          const [key, value] of [["replica_id", newReplicaId()], ["lamport", "0"], [
            "created_at",
            t,
          ], ["sync_exported_seq", "0"]]
        ) {
          store.run("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", key!, value!);
        }
      }
      store.db.exec(`PRAGMA user_version = ${latest}`);
    });
  } catch (err) {
    if (err instanceof CairnError) throw err;
    if (isCorrupt(err)) throw err;
    throw new CairnError(
      "migration_failed",
      `Migration to schema v${latest} failed and was rolled back`,
      {
        from: current,
        to: latest,
        failedVersion,
        backup: backupPath,
        cause: (err as Error).message,
      },
    );
  }
  return current === 0 ? null : { from: current, to: latest, backup: backupPath };
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(".", "");
}

/**
 * Writes a verified backup with SQLite's online backup API into
 * `<storage>/backups/cairn-<stamp>-<reason>.db`, keeping the newest `retain`.
 */
export async function takeBackup(
  store: Store,
  reason: string,
  nowMs: number,
  retain = 10,
): Promise<string> {
  const dir = `${store.location.dir}/backups`;
  const path = `${dir}/cairn-${stamp(nowMs)}-${reason}.db`;
  try {
    Deno.mkdirSync(dir, { recursive: true });
    await backup(store.db, path);
    const check = new DatabaseSync(path);
    try {
      // A self-contained file: no -wal/-shm beside it once it is closed.
      check.prepare("PRAGMA journal_mode = DELETE").get();
      const row = check.prepare("PRAGMA quick_check").get() as { quick_check: string };
      if (row.quick_check !== "ok") throw new Error(`quick_check: ${row.quick_check}`);
    } finally {
      check.close();
    }
  } catch (err) {
    try {
      Deno.removeSync(path);
    } catch { /* nothing written */ }
    throw new CairnError("backup_failed", `Backup ${path} could not be written or verified`, {
      path,
      cause: (err as Error).message,
    });
  }
  pruneBackups(dir, retain);
  return path;
}

/** Keeps only the newest `retain` backups (by name); returns the removed paths. */
export function pruneBackups(dir: string, retain: number): string[] {
  const names = [...Deno.readDirSync(dir)].filter((e) => e.isFile && /^cairn-.*\.db$/.test(e.name))
    .map((e) => e.name).sort();
  const removed: string[] = [];
  for (const name of names.slice(0, Math.max(0, names.length - retain))) {
    Deno.removeSync(`${dir}/${name}`);
    for (const side of ["-wal", "-shm"]) {
      try {
        Deno.removeSync(`${dir}/${name}${side}`);
      } catch { /* none */ }
    }
    removed.push(`${dir}/${name}`);
  }
  return removed;
}
