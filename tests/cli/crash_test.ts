/**
 * Crash safety: a process killed with SIGKILL in the middle of a large write
 * leaves the database intact and either before or after each transaction.
 */
import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, fileSize, MAIN, ok, openDb, type Repo, tempRepo } from "../helpers/cli.ts";
import { ALPHABET } from "../../core/ids.ts";
import { COMMANDS } from "../../cli/table.ts";
import { clones } from "../helpers/clones.ts";

const hasDoctor = COMMANDS.some((c) => c.path === "doctor");

function idOf(prefix: string, n: number): string {
  let out = "";
  for (let i = 0; i < 8; i++, n = Math.floor(n / 32)) out = ALPHABET[n % 32] + out;
  return `${prefix}-${out}`;
}

function bigExport(tasks: number): string {
  const at = "2026-01-01T00:00:00.000Z";
  const epicId = idOf("e", 1);
  return JSON.stringify({
    format: "cairn-export",
    version: 1,
    exportedAt: at,
    program: "cairn 1.0.0",
    scope: { kind: "all" },
    epics: [{
      id: epicId,
      kind: "epic",
      title: "Big",
      description: "",
      status: "todo",
      priority: "p2",
      position: 1,
      createdAt: at,
      completedAt: null,
    }],
    tasks: Array.from({ length: tasks }, (_, i) => ({
      id: idOf("t", 1000 + i),
      kind: "task",
      epicId,
      title: `Task ${i}`,
      description: "x".repeat(200),
      status: "todo",
      priority: "p2",
      owner: null,
      claimedAt: null,
      position: i + 1,
      createdAt: at,
      completedAt: null,
    })),
    subtasks: [],
    criteria: [],
    dependencies: [],
    external: [],
  });
}

/** Spawns the program and SIGKILLs it once `ready()` holds; returns whether it was still running. */
async function killWhen(
  repo: Repo,
  args: string[],
  ready: () => boolean,
  env: Record<string, string> = {},
) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--json", ...args],
    cwd: repo.dir,
    stdout: "null",
    stderr: "null",
    env: { CAIRN_ACTOR: "tester", ...env },
  }).spawn();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const started = Date.now();
  while (!exited && !ready() && Date.now() - started < 120_000) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const killedMidway = !exited;
  if (!exited) child.kill("SIGKILL");
  await status;
  return killedMidway;
}

function count(db: string, sql: string): number {
  const d = openDb(db);
  try {
    return Number((d.prepare(sql).get() as { n: number }).n);
  } finally {
    d.close();
  }
}

async function assertHealthy(repo: Repo): Promise<void> {
  const d = openDb(repo.db);
  const check =
    (d.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
  d.close();
  assertEquals(check, "ok");
  if (!hasDoctor) return;
  const r = await cairn(repo, ["--json", "doctor"]);
  const integrity = r.json.data.checks.find((c: { id: string }) => c.id === "sqlite.integrity");
  assertEquals(integrity.status, "ok");
  assertEquals(
    r.json.data.checks.find((c: { id: string }) => c.id === "sqlite.foreign_keys").status,
    "ok",
  );
}

Deno.test("crash: SIGKILL in the middle of a large import leaves all or nothing", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const tasks = 20_000;
  Deno.writeTextFileSync(`${repo.dir}/big.json`, bigExport(tasks));
  const wal = `${repo.db}-wal`;
  const walBefore = fileSize(wal);
  // A tiny page cache makes SQLite spill the open transaction into the WAL, so the kill
  // lands while uncommitted pages are on disk.
  const killed = await killWhen(
    repo,
    ["import", "big.json"],
    () => fileSize(wal) > walBefore + 2_000_000,
    {
      CAIRN_SQLITE_CACHE_MIB: "0",
    },
  );
  assert(killed, "the import finished before it could be killed");
  await assertHealthy(repo);
  const n = count(repo.db, "SELECT COUNT(*) AS n FROM tasks");
  const events = count(repo.db, "SELECT COUNT(*) AS n FROM events");
  assert(n === 0 || n === tasks, `tasks after the kill: ${n}`);
  assertEquals(events, n === 0 ? 0 : tasks + 1);
  // The same import then succeeds completely.
  const r = await ok(repo, ["import", "big.json"]);
  assertEquals(r.counts.tasks.created + r.counts.tasks.unchanged, tasks);
  assertEquals(count(repo.db, "SELECT COUNT(*) AS n FROM tasks"), tasks);
});

Deno.test({
  name: "crash: SIGKILL in the middle of task create-many with 5,000 specs leaves all or nothing",
  ignore: !COMMANDS.some((c) => c.path === "task create-many") ||
    !COMMANDS.some((c) => c.path === "epic create"),
  fn: async () => {
    const repo = await tempRepo();
    const epic = (await ok(repo, ["epic", "create", "--title", "Batch"])).epic.id as string;
    const specs = Array.from(
      { length: 5_000 },
      (_, i) => ["--task", `k${i}|Task ${i}|${"d".repeat(300)}`],
    ).flat();
    const wal = `${repo.db}-wal`;
    const walBefore = fileSize(wal);
    const eventsBefore = count(repo.db, "SELECT COUNT(*) AS n FROM events");
    const killed = await killWhen(
      repo,
      ["task", "create-many", "--epic", epic, ...specs],
      () => fileSize(wal) > walBefore + 1_000_000,
      { CAIRN_SQLITE_CACHE_MIB: "0" },
    );
    assert(killed, "the batch finished before it could be killed");
    await assertHealthy(repo);
    const n = count(repo.db, "SELECT COUNT(*) AS n FROM tasks");
    assert(n === 0 || n === 5_000, `tasks after the kill: ${n}`);
    assertEquals(
      count(repo.db, "SELECT COUNT(*) AS n FROM events") - eventsBefore,
      n === 0 ? 0 : 5_000,
    );
  },
});

Deno.test("crash: SIGKILL in the middle of sync pull keeps whole batches and resumes", async () => {
  const { repos: [a, b] } = await clones();
  await ok(a!, ["import", "-"], { stdin: bigExport(9_999) });
  await ok(a!, ["sync", "push"]);
  await ok(b!, ["init"]);
  const remote = "SELECT COUNT(*) AS n FROM events";
  const killed = await killWhen(b!, ["sync", "pull"], () => {
    try {
      return count(b!.db, remote) >= 1_000;
    } catch {
      return false; // the database is being created
    }
  });
  assert(killed, "the pull finished before it could be killed");
  await assertHealthy(b!);
  const applied = count(b!.db, remote);
  const progress = count(b!.db, "SELECT COALESCE(SUM(lines), 0) AS n FROM sync_files");
  assert(applied < 10_000, `killed after ${applied} events`);
  assertEquals(applied % 500, 0, "only whole batches are committed");
  assertEquals(progress, applied, "file progress is committed with the events it covers");
  assertEquals(count(b!.db, "SELECT COUNT(*) AS n FROM tasks"), Math.max(0, applied - 1));
  const resumed = await ok(b!, ["sync", "pull"]);
  assertEquals(resumed.newEvents, 10_000 - applied);
  assertEquals(count(b!.db, remote), 10_000);
  const exports = await Promise.all([a!, b!].map(async (r) => {
    const out = await cairn(r, ["export", "--all", "--path", "-"]);
    return out.stdout.replace(/"exportedAt": "[^"]+"/, "");
  }));
  assertEquals(exports[0], exports[1]);
  await assertHealthy(b!);
});
