import { DatabaseSync } from "node:sqlite";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { cairn, fails, git, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { epic, task } from "../helpers/items.ts";

type Check = { id: string; status: string; details: Record<string, unknown> };
const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id)!;

function exec(path: string, sql: string): void {
  const db = new DatabaseSync(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

Deno.test("doctor: a fresh repository passes every check but warns that no backup exists", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, ["doctor"]);
  assertEquals(d.checks.map((c: Check) => c.id), [
    "storage.location",
    "storage.gitignore",
    "storage.tracked",
    "sqlite.integrity",
    "sqlite.foreign_keys",
    "sqlite.pragmas",
    "schema.version",
    "graph.dangling_edges",
    "graph.cycles",
    "graph.invariants",
    "claims.stale",
    "sync.conflicts",
    "sync.state",
    "backups",
    "config",
    "runtime",
  ]);
  assertEquals(d.checks.filter((c: Check) => c.status !== "ok").map((c: Check) => c.id), [
    "backups",
  ]);
  assertEquals(Object.keys(d), ["healthy", "checks", "fixed", "storage", "git"]);
  assertEquals([d.git.branch, d.git.cairnIgnored], ["main", true]);
});

Deno.test("doctor --fix: deletes dangling edges with dep_remove events, then checks again", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  exec(repo.db, `INSERT INTO dependencies VALUES ('${t}', 't-zzzzzzzz', 0, 'x')`);
  const d = await ok(repo, ["doctor"]);
  assertEquals(byId(d.checks, "graph.dangling_edges").status, "warn");
  const fixed = await ok(repo, ["doctor", "--fix"]);
  const actions = fixed.fixed.map((f: { check: string }) => f.check);
  assert(actions.includes("graph.dangling_edges"));
  assertEquals(byId(fixed.checks, "graph.dangling_edges").status, "ok");
  const db = openDb(repo.db);
  try {
    assertEquals(
      db.prepare("SELECT COUNT(*) AS n FROM events WHERE op = 'dep_remove'").get()!.n,
      1,
    );
  } finally {
    db.close();
  }
});

Deno.test("doctor: a cycle or tracked storage fails with doctor_failed and the report as data", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const a = await task(repo, e, "A");
  const b = await task(repo, e, "B");
  const behind = await task(repo, e, "Waits on the cycle");
  const ahead = await task(repo, e, "A prerequisite of the cycle");
  exec(
    repo.db,
    `INSERT INTO dependencies VALUES ('${a}', '${b}', 0, 'x'), ('${b}', '${a}', 0, 'x'),
      ('${behind}', '${a}', 0, 'x'), ('${a}', '${ahead}', 0, 'x')`,
  );
  await git(repo.dir, "add", "-f", ".cairn/.gitignore");
  const r = await cairn(repo, ["--json", "doctor"]);
  assertEquals([r.code, r.json.ok, r.json.error.code], [1, false, "doctor_failed"]);
  const checks = r.json.data.checks as Check[];
  assertEquals(byId(checks, "graph.cycles").status, "fail");
  // On the cycle or behind it; not its prerequisites.
  assertEquals(byId(checks, "graph.cycles").details.ids, [a, b, behind].sort());
  assertEquals(byId(checks, "storage.tracked").status, "fail");
  assertEquals(byId(checks, "graph.invariants").status, "ok");
  assertEquals(r.json.data.healthy, false);
});

Deno.test("doctor: a broken config.toml is reported as a failed check", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  Deno.writeTextFileSync(`${repo.dir}/.cairn/config.toml`, '[output]\nformat = "yaml"\n');
  const plain = await cairn(repo, ["--json", "task", "list"]);
  assertEquals(plain.json.error.code, "invalid_input");
  const r = await cairn(repo, ["--json", "doctor"]);
  assertEquals(r.json.error.code, "doctor_failed");
  assertEquals(byId(r.json.data.checks, "config").status, "fail");
});

Deno.test("wipe: without --yes nothing is touched; --yes backs up then removes the database", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const replica = (await ok(repo, ["init"])).replicaId;
  await ok(repo, ["config", "set", "sync.remote", "upstream"]);
  const refused = await fails(repo, ["wipe"], "confirmation_required");
  assertEquals(refused.exitCode, 1);
  assertEquals(refused.error.details.backupFirst, true);
  assert(refused.error.details.wouldRemove.includes(repo.db));
  assert(refused.error.details.wouldKeep.includes(`${repo.dir}/.cairn/config.toml`));
  await ok(repo, ["show", e]);
  const d = await ok(repo, ["wipe", "--yes"]);
  assert(d.removed.includes(repo.db));
  assertMatch(d.backup, /backups\/cairn-\d{8}T\d{9}Z-pre-wipe\.db$/);
  assert(Deno.statSync(d.backup).size > 0);
  assert(Deno.statSync(`${repo.dir}/.cairn/config.toml`).isFile);
  const fresh = await ok(repo, ["init"]);
  assert(fresh.replicaId !== replica);
  await fails(repo, ["show", e], "not_found");
});

Deno.test("wipe --yes --all: removes the whole storage directory, no backup", async () => {
  const repo = await tempRepo();
  await epic(repo);
  const d = await ok(repo, ["wipe", "--yes", "--all"]);
  assertEquals([d.removed, d.kept, d.backup], [[`${repo.dir}/.cairn`], [], null]);
  let exists = true;
  try {
    Deno.statSync(`${repo.dir}/.cairn`);
  } catch {
    exists = false;
  }
  assertEquals(exists, false);
});

Deno.test("config: list, get, set and unset with sources; bad keys and values are usage errors", async () => {
  const repo = await tempRepo();
  const list = await ok(repo, ["config", "list"]);
  assertEquals(list.entries.map((e: { key: string }) => e.key), [
    "output.format",
    "sync.remote",
    "board.port",
    "claims.default_lease",
    "storage.durability",
    "storage.cache_mib",
  ]);
  assertEquals(list.entries[2], {
    key: "board.port",
    value: 0,
    source: "default",
    env: "CAIRN_BOARD_PORT",
    default: 0,
  });
  const set = await ok(repo, ["config", "set", "board.port", "7420"]);
  assertEquals(set, { key: "board.port", value: 7420, path: `${repo.dir}/.cairn/config.toml` });
  await ok(repo, ["config", "set", "claims.default_lease", "30m"]);
  assertEquals(
    Deno.readTextFileSync(set.path),
    '[board]\nport = 7420\n\n[claims]\ndefault_lease = "30m"\n',
  );
  assertEquals((await ok(repo, ["config", "get", "board.port"])).source, "config");
  const env = await ok(repo, ["config", "get", "board.port"], {
    env: { CAIRN_BOARD_PORT: "9000" },
  });
  assertEquals([env.value, env.source], [9000, "env"]);
  const unset = await ok(repo, ["config", "unset", "board.port"]);
  assertEquals(unset.value, null);
  assertEquals((await ok(repo, ["config", "get", "board.port"])).source, "default");
  const unknown = await fails(repo, ["config", "set", "board.colour", "red"], "invalid_value");
  assertEquals(unknown.exitCode, 2);
  assert(unknown.error.details.allowed.includes("board.port"));
  const bad = await fails(repo, ["config", "set", "board.port", "99999"], "invalid_value");
  assertEquals(bad.error.details.key, "board.port");
  assertEquals(Deno.readTextFileSync(set.path), '[claims]\ndefault_lease = "30m"\n');
});

Deno.test("config set output.format: later commands answer in that format", async () => {
  const repo = await tempRepo();
  await ok(repo, ["config", "set", "output.format", "toon"]);
  const r = await cairn(repo, ["config", "get", "output.format"]);
  assert(r.stdout.startsWith("ok: true\ncommand: config.get"), r.stdout);
});
