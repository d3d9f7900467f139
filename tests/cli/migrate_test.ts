import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertMatch, assertRejects } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { openCtx } from "../helpers/core_ctx.ts";
import { insertEpic } from "../../core/items/insert.ts";
import { write } from "../../core/store/tx.ts";
import { MIGRATIONS } from "../../core/store/migrations.ts";
import { locateStorage } from "../../core/store/location.ts";
import { openStore } from "../../core/store/open.ts";
import { migrateStatus } from "../../core/backup/mod.ts";
import { CairnError } from "../../core/errors.ts";

async function seedEpic(dir: string, title: string): Promise<string> {
  const ctx = await openCtx(dir);
  try {
    return write(ctx, (tx) => insertEpic(tx, { title }).id as string);
  } finally {
    ctx.close();
  }
}

function epicTitles(db: string): string[] {
  const d = openDb(db);
  try {
    return (d.prepare("SELECT title FROM epics ORDER BY position").all() as { title: string }[])
      .map((r) => r.title);
  } finally {
    d.close();
  }
}

Deno.test("migrate backup: writes a verified snapshot and keeps only the newest --retain", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const first = await ok(repo, ["migrate", "backup"]);
  assertMatch(first.path, /\/\.cairn\/backups\/cairn-\d{8}T\d{9}Z-manual\.db$/);
  assertEquals(first.schemaVersion, 1);
  assert(first.bytes > 0);
  await ok(repo, ["migrate", "backup"]);
  const third = await ok(repo, ["migrate", "backup", "--retain", "2"]);
  assertEquals(third.retained, 2);
  assertEquals(third.pruned, [first.path]);
  const names = [...Deno.readDirSync(`${repo.dir}/.cairn/backups`)].map((e) => e.name);
  assertEquals(names.length, 2, `no sidecar files expected: ${names}`);
  const check = new DatabaseSync(third.path, { readOnly: true });
  assertEquals(
    (check.prepare("PRAGMA quick_check").get() as { quick_check: string }).quick_check,
    "ok",
  );
  check.close();
  const status = await ok(repo, ["migrate", "status"]);
  assertEquals(status.databaseVersion, 1);
  assertEquals(status.pending, []);
  assertEquals(status.applied.map((a: { name: string }) => a.name), ["0001_initial"]);
  assertEquals(status.backups[0].file, third.path);
  assertEquals(status.backups[0].reason, "manual");
});

Deno.test("migrate backup: --retain out of range is a usage error", async () => {
  const repo = await tempRepo();
  const r = await fails(repo, ["migrate", "backup", "--retain", "0"], "invalid_value");
  assertEquals(r.exitCode, 2);
});

Deno.test("migrate restore: a bad change is undone, with a pre-restore backup and a new replica", async () => {
  const repo = await tempRepo();
  const init = await ok(repo, ["init"]);
  await seedEpic(repo.dir, "Keep me");
  const backup = await ok(repo, ["migrate", "backup"]);
  // The bad change: everything replaced.
  const d = new DatabaseSync(repo.db);
  d.exec("PRAGMA foreign_keys = ON; DELETE FROM epics;");
  d.close();
  await seedEpic(repo.dir, "Wrong");
  assertEquals(epicTitles(repo.db), ["Wrong"]);
  const name = backup.path.slice(backup.path.lastIndexOf("/") + 1);
  const restored = await ok(repo, ["migrate", "restore", name]);
  assertEquals(restored.restoredFrom, backup.path);
  assertEquals(restored.migrated, null);
  assertEquals(restored.schemaVersion, 1);
  assertMatch(restored.previousBackup, /-pre-restore\.db$/);
  assertMatch(restored.replicaId, /^r-[0-9a-z]{8}$/);
  assert(restored.replicaId !== init.replicaId);
  assertEquals(epicTitles(repo.db), ["Keep me"]);
  assertEquals(epicTitles(restored.previousBackup), ["Wrong"]);
  const db = openDb(repo.db);
  const meta = Object.fromEntries(
    (db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[])
      .map((r) => [r.key, r.value]),
  );
  const maxSeq = (db.prepare("SELECT MAX(seq) AS s FROM events").get() as { s: number }).s;
  db.close();
  assertEquals(meta.replica_id, restored.replicaId);
  assertEquals(meta.sync_exported_seq, String(maxSeq));
});

Deno.test("migrate restore: a file that is not a cairn database fails and changes nothing", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  await seedEpic(repo.dir, "Stay");
  Deno.writeTextFileSync(`${repo.dir}/junk.db`, "this is not sqlite");
  const plain = new DatabaseSync(`${repo.dir}/plain.db`);
  plain.exec("CREATE TABLE x (y)");
  plain.close();
  const before = dumpDb(repo.db);
  await fails(repo, ["migrate", "restore", "junk.db"], "restore_failed");
  await fails(repo, ["migrate", "restore", "plain.db"], "restore_failed");
  await fails(repo, ["migrate", "restore", "missing.db"], "invalid_path");
  assertEquals(dumpDb(repo.db), before);
  assertEquals(
    [...Deno.readDirSync(`${repo.dir}/.cairn`)].some((e) => e.name === "backups"),
    false,
  );
});

Deno.test("migrate restore: a backup from a newer program is schema_too_new", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const backup = await ok(repo, ["migrate", "backup"]);
  const d = new DatabaseSync(backup.path);
  d.exec("PRAGMA user_version = 99");
  d.close();
  const r = await fails(repo, ["migrate", "restore", backup.path], "schema_too_new");
  assertEquals(r.error.details, { databaseVersion: 99, programVersion: 1 });
});

Deno.test("migrate restore: recovers a corrupt database and keeps the damaged file", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  await seedEpic(repo.dir, "Precious");
  const backup = await ok(repo, ["migrate", "backup"]);
  for (const side of ["-wal", "-shm"]) {
    try {
      Deno.removeSync(repo.db + side);
    } catch { /* checkpointed */ }
  }
  Deno.writeTextFileSync(repo.db, "garbage ".repeat(1000));
  await fails(repo, ["migrate", "status"], "database_corrupt");
  const restored = await ok(repo, ["migrate", "restore", backup.path]);
  assertMatch(restored.previousBackup, /pre-restore\.db\.damaged$/);
  assertEquals(epicTitles(repo.db), ["Precious"]);
  const r = await cairn(repo, ["--json", "migrate", "status"]);
  assertEquals(r.json.ok, true);
});

const V2 = {
  version: 2,
  name: "0002_test_column",
  up: "ALTER TABLE epics ADD COLUMN colour TEXT NOT NULL DEFAULT 'grey';",
};

Deno.test("openStore: a pending migration is backed up first, applied and recorded", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  await seedEpic(repo.dir, "Old data");
  const location = locateStorage(repo.dir, () => undefined);
  const peek = await openStore(location, { noMigrate: true });
  const status = migrateStatus(peek.store, [...MIGRATIONS, V2]);
  peek.store.close();
  assertEquals(status.databaseVersion, 1);
  assertEquals(status.pending, [{ version: 2, name: "0002_test_column" }]);
  const { store, report } = await openStore(location, { migrations: [...MIGRATIONS, V2] });
  try {
    assertEquals(report.migrated?.from, 1);
    assertEquals(report.migrated?.to, 2);
    assertMatch(report.migrated!.backup!, /-pre-migrate-v1-to-v2\.db$/);
    assertEquals(
      store.all("SELECT title, colour FROM epics"),
      [{ title: "Old data", colour: "grey" }]
        .map((r) => Object.assign(Object.create(null), r)),
    );
    assertEquals(
      store.all<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")
        .map((r) => r.version),
      [1, 2],
    );
  } finally {
    store.close();
  }
  // The v1 program refuses the newer database, and the pre-migrate backup brings v1 back.
  await fails(repo, ["migrate", "backup"], "schema_too_new");
  const restored = await ok(repo, ["migrate", "restore", report.migrated!.backup!]);
  assertEquals(restored.schemaVersion, 1);
  assertEquals(epicTitles(repo.db), ["Old data"]);
});

Deno.test("openStore: a failing migration rolls back and reports migration_failed", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  await seedEpic(repo.dir, "Untouched");
  const before = dumpDb(repo.db);
  const location = locateStorage(repo.dir, () => undefined);
  const broken = [...MIGRATIONS, V2, {
    version: 3,
    name: "0003_broken",
    up: "ALTER TABLE nope ADD x;",
  }];
  let caught: CairnError | null = null;
  await assertRejects(async () => {
    try {
      await openStore(location, { migrations: broken });
    } catch (err) {
      caught = err as CairnError;
      throw err;
    }
  });
  const err = caught as unknown as CairnError;
  assertEquals(err.code, "migration_failed");
  assertEquals(err.details.from, 1);
  assertEquals(err.details.to, 3);
  assertEquals(err.details.failedVersion, 3);
  assertMatch(String(err.details.backup), /pre-migrate-v1-to-v3\.db$/);
  assertEquals(dumpDb(repo.db), before);
});
