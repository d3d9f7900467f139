import { assert, assertEquals, assertMatch, assertStringIncludes } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, git, ok, tempRepo } from "../helpers/cli.ts";
import { at, plan } from "./loop_seed.ts";

Deno.test("session: reports actor, storage, git from files, claims, stale claims, sync counters and hints", async () => {
  const repo = await tempRepo();
  const t0 = { env: { CAIRN_NOW: at(0), CAIRN_ACTOR: "a1" } };
  const p = await plan(repo, { task: ["a|A|", "b|B|", "c|C|"], subtask: ["@c|s|Step|"] }, t0);
  await ok(repo, ["task", "claim", p.a, "--lease", "10m"], t0);
  await ok(repo, ["subtask", "claim", p.s, "--owner", "a1"], t0);
  await ok(repo, ["task", "claim", p.b, "--owner", "a2", "--lease", "1m"], t0);
  const d = await ok(repo, ["session"], { env: { CAIRN_NOW: at(5), CAIRN_ACTOR: "a1" } });
  assertEquals([d.actor, d.owner], ["a1", "a1"]);
  assertEquals(d.storage, { root: repo.dir, database: repo.db, schemaVersion: 1 });
  assertEquals(d.git.branch, "main");
  assertEquals(d.git.worktree, ".");
  assertEquals(d.git.head, await git(repo.dir, "rev-parse", "HEAD"));
  assertEquals(
    d.mine.map((m: { item: { id: string }; status: string; stale: boolean }) => [
      m.item.id,
      m.status,
      m.stale,
    ]),
    [[p.a, "in_progress", false], [p.s, "in_progress", false]],
  );
  assertEquals([d.nextReason, d.next.task.id], ["continue", p.a]);
  assertEquals(d.readiness, {
    ready: 3,
    waiting: 0,
    blocked: 0,
    inProgress: 2,
    claimedByOthers: 0,
  });
  assertEquals(d.staleClaims, [{
    id: p.b,
    kind: "task",
    title: "B",
    owner: "a2",
    leaseExpiresAt: at(1),
  }]);
  assertEquals(d.sync.configured, false);
  assertEquals([d.sync.remote, d.sync.unpulled, d.sync.pendingConflicts, d.sync.lastFetchAt], [
    "origin",
    0,
    0,
    null,
  ]);
  assert(d.sync.unpushed > 0, "local events count as unpushed");
  assertEquals(d.hints, [`${p.b} held by a2 has an expired lease`]);
});

Deno.test("session: without an owner the actor comes from git, nothing is held, and an empty store hints at planning", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, ["session"], { env: { CAIRN_ACTOR: "" } });
  assertEquals([d.actor, d.owner, d.mine, d.next, d.nextReason], [
    "tester@example.com",
    null,
    [],
    null,
    null,
  ]);
  assertMatch(d.hints[0], /cairn epic create/);
});

Deno.test("session and task ready: read-only and byte-identical for the same database and clock", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|", "b|B|", "c|C||blocked"], dep: ["@b|@a"] });
  const before = dumpDb(repo.db);
  const env = { env: { CAIRN_NOW: at(1) } };
  for (
    const args of [["session"], ["task", "ready"], ["task", "next"], ["suggest"], [
      "epic",
      "progress",
      p.epic,
    ]]
  ) {
    const one = await ok(repo, args, env);
    const two = await ok(repo, args, env);
    assertEquals(JSON.stringify(one), JSON.stringify(two), args.join(" "));
  }
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task ready: human output ranks, then lists waiting and blocked; --limit and --all conflict", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|Alpha|", "b|Beta|", "c|Gamma||blocked"], dep: ["@b|@a"] });
  const r = await cairn(repo, ["--human", "task", "ready"]);
  assertEquals(r.code, 0);
  const lines = r.stdout.split("\n");
  assertEquals(lines[0], `1. ${p.a}  p2  todo  -  "Alpha"  unblocks 1`);
  assertStringIncludes(r.stdout, "Waiting (1)");
  assertStringIncludes(r.stdout, "Blocked (1)");
  assertStringIncludes(r.stdout, "3 open · 1 ready · 1 waiting · 1 blocked");
  const e = await fails(repo, ["task", "ready", "--limit", "5", "--all"], "conflicting_options");
  assertEquals(e.exitCode, 2);
  await fails(repo, ["task", "ready", "--epic", "e-zzzzzzzz"], "not_found");
});

Deno.test("task next: read-only without --claim; --claim needs an owner", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"], criterion: ["@a|Works"] });
  const d = await ok(repo, ["task", "next"], { env: { CAIRN_ACTOR: "" } });
  assertEquals([d.reason, d.task.task.id, d.task.rank, d.task.epic.id], ["ready", p.a, 1, p.epic]);
  assertEquals(d.task.criteria.map((c: { id: string }) => c.id), [p.c1]);
  assertEquals(d.summary.ready, 1);
  assert(!("claimed" in d));
  const e = await fails(repo, ["task", "next", "--claim"], "missing_argument", {
    env: { CAIRN_ACTOR: "" },
  });
  assertEquals(e.error.details, { option: "--owner", env: "CAIRN_ACTOR" });
  const c = await ok(repo, ["task", "next", "--claim", "--owner", "a1"]);
  assertEquals([c.claimed, c.task.task.status, c.task.task.owner], [true, "in_progress", "a1"]);
  const again = await ok(repo, ["task", "next", "--claim", "--owner", "a1"]);
  assertEquals([again.claimed, again.reentrant, again.reason], [true, true, "continue"]);
  const other = await ok(repo, ["task", "next", "--claim", "--owner", "a2"]);
  assertEquals([other.task, other.claimed, other.summary.claimedByOthers], [null, false, 1]);
});

Deno.test("epic progress: counts, percent, readiness, next and the human line", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, {
    task: ["a|A||done", "b|B|", "c|C||blocked", "d|D|"],
    subtask: ["@b|s|Step||done"],
    dep: ["@d|@b"],
    criterion: ["@b|Works"],
  });
  const d = await ok(repo, ["epic", "progress", p.epic]);
  assertEquals(d.epic, {
    id: p.epic,
    kind: "epic",
    title: "Plan",
    status: "in_progress",
    priority: "p2",
  });
  assertEquals(d.progress.tasks, { total: 4, todo: 2, in_progress: 0, blocked: 1, done: 1 });
  assertEquals(d.progress.subtasks, { total: 1, todo: 0, in_progress: 0, blocked: 0, done: 1 });
  assertEquals(d.progress.criteria, { total: 1, checked: 0 });
  assertEquals(d.progress.percentDone, 25);
  assertEquals(d.progress.readiness, { ready: 1, waiting: 1, blocked: 1 });
  assertEquals(d.next.id, p.b);
  const h = await cairn(repo, ["--human", "epic", "progress", p.epic]);
  assertEquals(
    h.stdout.split("\n")[0],
    `Epic ${p.epic} "Plan": 1/4 done (25%) · 0 in progress · 1 blocked · 2 todo · ready 1 · waiting 1`,
  );
});
