/**
 * `wipe` (SPEC §9.2.6): remove the database (after a `pre-wipe` backup), or
 * the whole storage directory with `all`.
 *
 * @module
 */
import { CairnError } from "./errors.ts";
import type { StorageLocation } from "./store/location.ts";
import { fileError, takeBackup } from "./store/open.ts";
import type { Store } from "./store/store.ts";

/** Input of `wipe`. */
export interface WipeInput {
  yes?: boolean;
  all?: boolean;
  /** The open store (needed for the backup when `yes` without `all`). */
  store?: Store | null;
  now: number;
}

const DB_FILES = ["cairn.db", "cairn.db-wal", "cairn.db-shm"];
const KEPT = ["backups", "archive", "config.toml", ".gitignore"];

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wipes the storage. Without `yes` nothing is touched and the answer is
 * `confirmation_required` listing what would go. The next command recreates
 * an empty database with a new replica id.
 */
export async function wipeStorage(location: StorageLocation, input: WipeInput) {
  const dir = location.dir;
  const dbFiles = DB_FILES.map((f) => `${dir}/${f}`).filter(exists);
  const kept = input.all ? [] : KEPT.map((f) => `${dir}/${f}`).filter(exists);
  const wouldRemove = input.all ? (exists(dir) ? [dir] : []) : dbFiles;
  if (!input.yes) {
    throw new CairnError(
      "confirmation_required",
      `wipe deletes ${
        input.all ? "the whole storage directory" : "the database"
      } at ${dir}; pass --yes to confirm`,
      {
        storageDir: dir,
        wouldRemove,
        wouldKeep: kept,
        backupFirst: !input.all && exists(`${dir}/cairn.db`),
        hint: `cairn wipe --yes${input.all ? " --all" : ""}`,
      },
    );
  }
  let backup: string | null = null;
  if (!input.all && input.store && exists(`${dir}/cairn.db`)) {
    backup = await takeBackup(input.store, "pre-wipe", input.now);
  }
  input.store?.close();
  const removed: string[] = [];
  for (const path of wouldRemove) {
    try {
      Deno.removeSync(path, { recursive: true });
      removed.push(path);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw fileError(err, path);
    }
  }
  // Closing the last connection may have removed the WAL files already.
  for (const path of DB_FILES.map((f) => `${dir}/${f}`)) {
    if (!input.all && exists(path)) {
      Deno.removeSync(path);
      if (!removed.includes(path)) removed.push(path);
    }
  }
  return { removed, kept, backup };
}
