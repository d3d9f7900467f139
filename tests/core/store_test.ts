import { DatabaseSync } from "node:sqlite";
import { CairnError } from "../../core/errors.ts";
import type { StorageLocation } from "../../core/store/location.ts";
import { MIGRATIONS } from "../../core/store/migrations.ts";
import { openStore } from "../../core/store/open.ts";
import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";

async function location(): Promise<StorageLocation> {
  const root = await Deno.makeTempDir({ prefix: "cairn-store-" });
  const dir = `${root}/.cairn`;
  return { mode: "override", root, dir, database: `${dir}/cairn.db`, exists: false, git: null };
}

const V2 = [...MIGRATIONS, {
  version: 2,
  name: "0002_notes",
  up: "CREATE TABLE notes (id TEXT PRIMARY KEY);",
}];

async function rejectsWith(fn: () => Promise<unknown>, code: string): Promise<CairnError> {
  try {
    await fn();
  } catch (err) {
    assert(err instanceof CairnError, String(err));
    assertEquals(err.code, code);
    return err;
  }
  throw new Error(`expected ${code}`);
}

Deno.test("store: every connection pragma is in effect", async () => {
  const loc = await location();
  const { store } = await openStore(loc);
  const one = (p: string) => Object.values(store.get<Record<string, unknown>>(`PRAGMA ${p}`)!)[0];
  try {
    assertEquals(one("journal_mode"), "wal");
    assertEquals(one("synchronous"), 1);
    assertEquals(one("foreign_keys"), 1);
    assertEquals(one("busy_timeout"), 5000);
    assertEquals(one("temp_store"), 2);
    assertEquals(one("mmap_size"), 268435456);
    assertEquals(one("cache_size"), -65536);
    assertEquals(one("wal_autocheckpoint"), 1000);
  } finally {
    store.close();
  }
  const tuned = await openStore(loc, { durability: "full", cacheMib: 8 });
  try {
    assertEquals(
      Object.values(tuned.store.get<Record<string, unknown>>("PRAGMA synchronous")!)[0],
      2,
    );
    assertEquals(
      Object.values(tuned.store.get<Record<string, unknown>>("PRAGMA cache_size")!)[0],
      -8192,
    );
  } finally {
    tuned.store.close();
  }
});

Deno.test("store: an empty database gets the latest schema, meta rows and no backup", async () => {
  const loc = await location();
  const { store, report } = await openStore(loc);
  try {
    assertEquals([report.createdDatabase, report.migrated], [true, null]);
    assertEquals(store.get<{ user_version: number }>("PRAGMA user_version")!.user_version, 1);
    const applied = store.all<{ version: number; name: string }>(
      "SELECT version, name FROM schema_migrations",
    );
    assertEquals(applied.map((r) => [r.version, r.name]), [[1, "0001_initial"]]);
    const keys = store.all<{ key: string }>("SELECT key FROM meta ORDER BY key").map((r) => r.key);
    assertEquals(keys, ["created_at", "lamport", "replica_id", "sync_exported_seq"]);
  } finally {
    store.close();
  }
  let backups = true;
  try {
    Deno.statSync(`${loc.dir}/backups`);
  } catch {
    backups = false;
  }
  assertEquals(backups, false);
});

Deno.test("store: migrating from a previous version backs up first, then applies the step", async () => {
  const loc = await location();
  (await openStore(loc)).store.close();
  const { store, report } = await openStore(loc, {
    migrations: V2,
    now: () => Date.UTC(2026, 4, 2, 13, 45, 30, 123),
  });
  try {
    assertEquals(report.migrated?.from, 1);
    assertEquals(report.migrated?.to, 2);
    assertEquals(
      report.migrated?.backup,
      `${loc.dir}/backups/cairn-20260502T134530123Z-pre-migrate-v1-to-v2.db`,
    );
    assertEquals(store.get<{ user_version: number }>("PRAGMA user_version")!.user_version, 2);
    assert(store.get("SELECT 1 FROM sqlite_master WHERE name = 'notes'"));
  } finally {
    store.close();
  }
  const old = new DatabaseSync(report.migrated!.backup!, { readOnly: true });
  try {
    assertEquals(
      (old.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
      1,
    );
    assertEquals(old.prepare("SELECT 1 FROM sqlite_master WHERE name = 'notes'").get(), undefined);
  } finally {
    old.close();
  }
});

Deno.test("store: a failing migration rolls back and reports migration_failed with the backup", async () => {
  const loc = await location();
  (await openStore(loc)).store.close();
  const broken = [...MIGRATIONS, {
    version: 2,
    name: "0002_broken",
    up: "CREATE TABLE x (a); SELECT * FROM nope;",
  }];
  const err = await rejectsWith(() => openStore(loc, { migrations: broken }), "migration_failed");
  assertEquals([err.details.from, err.details.to, err.details.failedVersion], [1, 2, 2]);
  assert(Deno.statSync(err.details.backup as string).isFile);
  const { store } = await openStore(loc);
  try {
    assertEquals(store.get<{ user_version: number }>("PRAGMA user_version")!.user_version, 1);
    assertEquals(store.get("SELECT 1 FROM sqlite_master WHERE name = 'x'"), undefined);
  } finally {
    store.close();
  }
});

Deno.test("store: a schema newer than the program is schema_too_new, untouched", async () => {
  const loc = await location();
  (await openStore(loc, { migrations: V2 })).store.close();
  const err = await rejectsWith(() => openStore(loc), "schema_too_new");
  assertEquals(err.details, { databaseVersion: 2, programVersion: 1 });
});

Deno.test("store: a file that is not a database is database_corrupt", async () => {
  const loc = await location();
  Deno.mkdirSync(loc.dir, { recursive: true });
  Deno.writeTextFileSync(
    loc.database,
    "this is not a sqlite database, just some text ".repeat(100),
  );
  const err = await rejectsWith(() => openStore(loc), "database_corrupt");
  assertEquals(err.details.path, loc.database);
  await assertRejects(() => openStore(loc));
});
