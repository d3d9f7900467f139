import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, ok, openDb, type Repo, tempRepo } from "../helpers/cli.ts";
import { plan } from "./loop_seed.ts";

const AGENTS = 8;
const TASKS = 20;

/** Every run's raw output, to prove that no caller ever saw a busy database. */
const BUSY = /database_busy|database is locked/i;

async function run(repo: Repo, outputs: string[], args: string[], owner: string) {
  const r = await cairn(repo, ["--json", ...args], { env: { CAIRN_ACTOR: owner } });
  outputs.push(r.stdout + r.stderr);
  if (r.code !== 0 || !r.json?.ok) {
    throw new Error(`${args.join(" ")} failed: ${r.stdout}${r.stderr}`);
  }
  return r.json.data;
}

async function seed(repo: Repo) {
  const specs = Array.from({ length: TASKS }, (_, i) => `k${i}|Task ${i}|`);
  const p = await plan(repo, { task: specs });
  return Array.from({ length: TASKS }, (_, i) => p[`k${i}`]!);
}

function checkDatabase(repo: Repo, tasks: string[], winners: Map<string, string>) {
  const db = openDb(repo.db);
  try {
    const integrity = db.prepare("PRAGMA integrity_check").get() as Record<string, string>;
    assertEquals(Object.values(integrity), ["ok"]);
    for (const id of tasks) {
      const row = db.prepare("SELECT owner, status FROM tasks WHERE id = ?").get(id) as {
        owner: string;
        status: string;
      };
      assertEquals([row.owner, row.status], [winners.get(id), "done"], `task ${id}`);
    }
    const claims = db.prepare(
      "SELECT item_id, COUNT(*) AS n FROM events WHERE op = 'update' AND command IN ('task.claim', 'task.next') AND changes LIKE '%\"owner\"%' GROUP BY item_id",
    ).all() as { item_id: string; n: number }[];
    assertEquals(claims.length, TASKS);
    assert(claims.every((c) => c.n === 1), "one owner-setting claim event per task");
  } finally {
    db.close();
  }
}

Deno.test("task claim: 8 processes racing for 20 tasks, each task is won exactly once", async () => {
  const repo = await tempRepo();
  const tasks = await seed(repo);
  const outputs: string[] = [];
  const winners = new Map<string, string>();
  let wins = 0;
  let losses = 0;
  const agent = async (owner: string) => {
    while (true) {
      const next = await run(repo, outputs, ["task", "next", "--owner", owner], owner);
      if (!next.task) return;
      const id = next.task.task.id;
      const claim = await run(repo, outputs, ["task", "claim", id, "--owner", owner], owner);
      if (!claim.claimed) {
        losses++;
        continue;
      }
      assertEquals(claim.reentrant, false);
      assert(!winners.has(id), `${id} won twice (${winners.get(id)} and ${owner})`);
      winners.set(id, owner);
      wins++;
      await run(repo, outputs, ["task", "done", id, "--owner", owner], owner);
    }
  };
  await Promise.all(Array.from({ length: AGENTS }, (_, i) => agent(`agent-${i}`)));
  assertEquals(wins, TASKS);
  assertEquals([...winners.keys()].sort(), [...tasks].sort());
  assertEquals(outputs.filter((o) => BUSY.test(o)), []);
  checkDatabase(repo, tasks, winners);
  console.log(`claims: ${wins} won, ${losses} lost to another agent, ${outputs.length} calls`);
});

Deno.test("task next --claim: 8 processes never get the same task with claimed:true", async () => {
  const repo = await tempRepo();
  const tasks = await seed(repo);
  const outputs: string[] = [];
  const winners = new Map<string, string>();
  const agent = async (owner: string) => {
    while (true) {
      const d = await run(repo, outputs, ["task", "next", "--claim", "--owner", owner], owner);
      if (!d.task) return;
      assertEquals([d.claimed, d.reentrant, d.reason], [true, false, "ready"]);
      const id = d.task.task.id;
      assert(!winners.has(id), `${id} handed out twice`);
      winners.set(id, owner);
      await run(repo, outputs, ["task", "done", id, "--owner", owner], owner);
    }
  };
  await Promise.all(Array.from({ length: AGENTS }, (_, i) => agent(`agent-${i}`)));
  assertEquals(winners.size, TASKS);
  assertEquals(outputs.filter((o) => BUSY.test(o)), []);
  checkDatabase(repo, tasks, winners);
  assertEquals((await ok(repo, ["task", "ready"])).summary.open, 0);
});
