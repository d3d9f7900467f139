import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, git, ok, openDb, type Repo } from "../helpers/cli.ts";
import { clones } from "../helpers/clones.ts";
import { COMMANDS } from "../../cli/table.ts";
import { ALPHABET } from "../../core/ids.ts";
import { syncPull } from "../../core/sync/mod.ts";
import { openCtx } from "../helpers/core_ctx.ts";

const has = (...paths: string[]) => paths.every((p) => COMMANDS.some((c) => c.path === p));

const as = (actor: string) => ({ env: { CAIRN_ACTOR: actor } });

async function exportAll(repo: Repo): Promise<string> {
  const r = await cairn(repo, ["export", "--all", "--path", "-"]);
  assertEquals(r.code, 0, r.stdout);
  return r.stdout.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "-"');
}

async function gitState(repo: Repo) {
  return {
    head: await git(repo.dir, "rev-parse", "HEAD"),
    status: await git(repo.dir, "status", "--porcelain"),
    branches: await git(repo.dir, "for-each-ref", "refs/heads", "refs/remotes/origin/main"),
  };
}

Deno.test({
  name: "sync: two clones plan, claim, conflict, resolve and converge; git state untouched",
  ignore: !has("epic create", "task claim", "task update", "task show"),
  fn: async () => {
    const { repos: [a, b] } = await clones();
    const before = { a: await gitState(a!), b: await gitState(b!) };
    const plan = await ok(a!, [
      "epic",
      "create",
      "--title",
      "Ship the parser",
      "--task",
      "lex|Write lexer|Tokens first",
      "--task",
      "parse|Write parser|",
      "--dep",
      "@parse|@lex",
    ], as("alice"));
    const lex = plan.tasks[0].id as string;
    const pushA = await ok(a!, ["sync"], as("alice"));
    assertEquals(pushA.push.pushed, true);
    assertEquals(pushA.push.exported, 4);
    const pullB = await ok(b!, ["sync", "pull"], as("bob"));
    assertEquals(pullB.applied, 4);
    assertEquals(pullB.conflicts.created, 0);
    const shown = await ok(b!, ["task", "show", lex], as("bob"));
    assertEquals(shown.task.title, "Write lexer");
    await ok(b!, ["task", "claim", lex, "--owner", "bob"], as("bob"));
    assertEquals((await ok(b!, ["sync", "push"], as("bob"))).pushed, true);
    await ok(a!, ["sync", "pull"], as("alice"));
    const claimed = await ok(a!, ["task", "show", lex], as("alice"));
    assertEquals(claimed.task.owner, "bob");
    assertEquals(claimed.task.status, "in_progress");
    // Both rename the same task while apart.
    await ok(a!, ["task", "update", lex, "--title", "Lexer by Alice"], as("alice"));
    await ok(b!, ["task", "update", lex, "--title", "Lexer by Bob"], as("bob"));
    await ok(a!, ["sync"], as("alice"));
    const syncB = await ok(b!, ["sync"], as("bob"));
    assertEquals(syncB.pull.conflicts.created, 1);
    await ok(a!, ["sync"], as("alice"));
    const listA = await ok(a!, ["sync", "conflicts", "list"], as("alice"));
    const listB = await ok(b!, ["sync", "conflicts", "list"], as("bob"));
    assertEquals(listA.conflicts.length, 1);
    assertEquals(listB.conflicts.length, 1);
    const kB = listB.conflicts[0];
    assertEquals(kB.kind, "field");
    assertEquals(kB.field, "title");
    assertEquals(kB.ours.value, "Lexer by Bob");
    assertEquals(kB.theirs.value, "Lexer by Alice");
    assertEquals(kB.theirs.event.actor, "alice");
    assertEquals(listA.conflicts[0].ours.value, "Lexer by Alice");
    const shownK = await ok(b!, ["sync", "conflicts", "show", kB.id.slice(0, 6)], as("bob"));
    assertEquals(shownK.conflict.id, kB.id);
    const resolved = await ok(
      b!,
      ["sync", "conflicts", "resolve", kB.id, "--use", "theirs"],
      as("bob"),
    );
    assertEquals(resolved.resolved, [kB.id]);
    assertEquals(resolved.events.length, 1);
    await fails(
      b!,
      ["sync", "conflicts", "resolve", kB.id, "--use", "ours"],
      "already_resolved",
      as("bob"),
    );
    await ok(b!, ["sync"], as("bob"));
    const finalA = await ok(a!, ["sync"], as("alice"));
    assertEquals(finalA.pull.conflicts.resolvedRemotely, 1);
    await ok(b!, ["sync"], as("bob"));
    assertEquals((await ok(a!, ["sync", "conflicts", "list"], as("alice"))).conflicts, []);
    assertEquals((await ok(a!, ["task", "show", lex], as("alice"))).task.title, "Lexer by Alice");
    const [ea, eb] = [await exportAll(a!), await exportAll(b!)];
    assertEquals(ea, eb);
    // A third round changes nothing.
    const dumps = [dumpDb(a!.db), dumpDb(b!.db)];
    const third = await ok(a!, ["sync", "pull"], as("alice"));
    assertEquals(third.newEvents, 0);
    await ok(b!, ["sync", "pull"], as("bob"));
    assertEquals([dumpDb(a!.db), dumpDb(b!.db)], dumps);
    assertEquals({ a: await gitState(a!), b: await gitState(b!) }, before);
    assertMatch(await git(a!.dir, "rev-parse", "refs/cairn/events"), /^[0-9a-f]{40}$/);
  },
});

/** Seeds a replica through import so the scenario does not depend on other commands. */
async function seedByImport(
  repo: Repo,
  tasks: number,
  actor = "alice",
): Promise<{ epicId: string; taskIds: string[] }> {
  const t0 = Date.parse("2026-01-01T00:00:00.000Z");
  const rand = (n: number) => {
    let out = "";
    for (let i = 0; i < 8; i++, n = Math.floor(n / 32)) out = ALPHABET[n % 32] + out;
    return out;
  };
  const epicId = `e-${rand(1)}`;
  const taskIds = Array.from({ length: tasks }, (_, i) => `t-${rand(100 + i)}`);
  const doc = {
    format: "cairn-export",
    version: 1,
    exportedAt: new Date(t0).toISOString(),
    program: "cairn 1.0.0",
    scope: { kind: "all" },
    epics: [{
      id: epicId,
      kind: "epic",
      title: "Seeded",
      description: "",
      status: "todo",
      priority: "p2",
      position: 1,
      createdAt: new Date(t0).toISOString(),
      completedAt: null,
    }],
    tasks: taskIds.map((id, i) => ({
      id,
      kind: "task",
      epicId,
      title: `Task ${i}`,
      description: "",
      status: "todo",
      priority: "p2",
      owner: null,
      claimedAt: null,
      position: i + 1,
      createdAt: new Date(t0).toISOString(),
      completedAt: null,
    })),
    subtasks: [],
    criteria: [],
    dependencies: [],
    external: [],
  };
  await ok(repo, ["import", "-"], { stdin: JSON.stringify(doc), env: { CAIRN_ACTOR: actor } });
  return { epicId, taskIds };
}

Deno.test("sync pull: twice in a row, the second pull changes nothing", async () => {
  const { repos: [a, b] } = await clones();
  await seedByImport(a!, 3);
  await ok(a!, ["sync", "push"], as("alice"));
  const first = await ok(b!, ["sync", "pull"], as("bob"));
  assertEquals(first.newEvents, 4);
  assertEquals(first.files, 1);
  const dump = dumpDb(b!.db);
  const second = await ok(b!, ["sync", "pull"], as("bob"));
  assertEquals(second.newEvents, 0);
  assertEquals(second.files, 0);
  assertEquals(dumpDb(b!.db), dump);
  assertEquals(await exportAll(a!), await exportAll(b!));
  const push = await ok(b!, ["sync", "push"], as("bob"));
  assertEquals(push.pushed, false);
});

Deno.test({
  name: "sync: a deletion wins over a concurrent edit and is recorded as delete_edit on both sides",
  ignore: !has("task delete", "task update"),
  fn: async () => {
    const { repos: [a, b] } = await clones();
    const { taskIds } = await seedByImport(a!, 2);
    await ok(a!, ["sync"], as("alice"));
    await ok(b!, ["sync"], as("bob"));
    await ok(a!, ["task", "delete", taskIds[0]!], as("alice"));
    await ok(b!, ["task", "update", taskIds[0]!, "--title", "Edited meanwhile"], as("bob"));
    await ok(a!, ["sync"], as("alice"));
    const b1 = await ok(b!, ["sync"], as("bob"));
    assertEquals(b1.pull.conflicts.created, 1);
    const a1 = await ok(a!, ["sync"], as("alice"));
    assertEquals(a1.pull.dropped, 1);
    assertEquals(a1.pull.conflicts.created, 1);
    const [ka, kb] = [
      (await ok(a!, ["sync", "conflicts", "list"], as("alice"))).conflicts,
      (await ok(b!, ["sync", "conflicts", "list"], as("bob"))).conflicts,
    ];
    assertEquals([ka[0].kind, kb[0].kind], ["delete_edit", "delete_edit"]);
    assertEquals(ka[0].item, { id: taskIds[0], kind: "task", deleted: true });
    assertEquals(kb[0].ours.value.title, "Edited meanwhile");
    await fails(b!, ["task", "show", taskIds[0]!], "not_found", as("bob"));
    const ack = await ok(b!, ["sync", "conflicts", "resolve", "--all", "--use", "ours"], as("bob"));
    assertEquals(ack.dataChanged, false);
    assertEquals(ack.events, []);
    assertEquals(await exportAll(a!), await exportAll(b!));
  },
});

Deno.test({
  name: "sync: concurrent edges that close a cycle lose the newest edge on both sides",
  ignore: !has("dep add"),
  fn: async () => {
    const { repos: [a, b] } = await clones();
    const { taskIds: [x, y] } = await seedByImport(a!, 2);
    await ok(a!, ["sync"], as("alice"));
    await ok(b!, ["sync"], as("bob"));
    await ok(a!, ["dep", "add", x!, y!], as("alice"));
    await ok(b!, ["dep", "add", y!, x!], as("bob"));
    await ok(a!, ["sync"], as("alice"));
    const pb = await ok(b!, ["sync"], as("bob"));
    assertEquals(pb.pull.cyclesBroken, 1);
    assertEquals(pb.pull.warnings.map((w: { code: string }) => w.code), ["cycle_broken"]);
    await ok(a!, ["sync"], as("alice"));
    await ok(b!, ["sync"], as("bob"));
    const ea = await exportAll(a!);
    assertEquals(ea, await exportAll(b!));
    assertEquals(JSON.parse(ea).dependencies.length, 1);
    const kb = (await ok(b!, ["sync", "conflicts", "list"], as("bob"))).conflicts;
    assertEquals(kb.map((k: { kind: string }) => k.kind), ["cycle"]);
  },
});

Deno.test("sync: prerequisites are checked (no remote, not a git repository)", async () => {
  const { repos: [a] } = await clones(["a"]);
  const r = await fails(a!, ["sync", "push", "--remote", "nowhere"], "no_remote");
  assertEquals(r.error.details, { remote: "nowhere", available: ["origin"] });
  await fails(a!, ["sync", "status", "--remote", "nowhere"], "no_remote");
  const plain = Deno.realPathSync(await Deno.makeTempDir());
  await ok(plain, ["init"]);
  await fails(plain, ["sync"], "not_a_git_repo");
  const bad = await cairn(a!, ["--json", "sync", "pull", "--remote"]);
  assertEquals(bad.code, 2);
});

Deno.test("sync status: unexported, unpushed and unpulled counters", async () => {
  const { repos: [a, b] } = await clones();
  const none = await ok(a!, ["sync", "status"], as("alice"));
  assertEquals(none.configured, false);
  await seedByImport(a!, 4);
  const before = await ok(a!, ["sync", "status", "--offline"], as("alice"));
  assertEquals(before.offline, true);
  assertEquals(before.local.unexported, 5);
  assertEquals(before.unpushed, 5);
  await ok(a!, ["sync", "push"], as("alice"));
  const after = await ok(a!, ["sync", "status"], as("alice"));
  assertEquals(after.configured, true);
  assertEquals(after.unpushed, 0);
  assertMatch(after.local.commit, /^[0-9a-f]{40}$/);
  const bs = await ok(b!, ["sync", "status"], as("bob"));
  assertEquals(bs.unpulled, 5);
  assertEquals(bs.pendingConflicts, 0);
  await ok(b!, ["sync", "pull"], as("bob"));
  assertEquals((await ok(b!, ["sync", "status", "--offline"], as("bob"))).unpulled, 0);
  const row = openDb(b!.db).prepare("SELECT unpulled FROM sync_remotes").get() as {
    unpulled: number;
  };
  assertEquals(row.unpulled, 0);
});

Deno.test("sync pull: 10,000 events from another clone apply and converge", async () => {
  const { repos: [a, b] } = await clones();
  await seedByImport(a!, 9_999);
  await ok(a!, ["sync", "push"], as("alice"));
  await ok(b!, ["init"]);
  const ctx = await openCtx(b!.dir, { actor: "bob", command: "sync.pull" });
  const t0 = performance.now();
  const pulled = await syncPull(ctx);
  const ms = performance.now() - t0;
  ctx.close();
  assertEquals(pulled.newEvents, 10_000);
  assertEquals(pulled.applied, 10_000);
  console.log(
    `  figure: sync pull of 10,000 events in-process (fetch + apply): ${ms.toFixed(0)} ms`,
  );
  assertEquals(await exportAll(a!), await exportAll(b!));
  const again = await ok(b!, ["sync", "pull"], as("bob"));
  assertEquals(again.newEvents, 0);
});

Deno.test({
  name: "sync: a cascaded epic delete also removes a subtask added concurrently elsewhere",
  ignore: !has("epic create", "epic delete", "subtask create"),
  fn: async () => {
    const { repos: [a, b] } = await clones();
    const plan = await ok(a!, [
      "epic",
      "create",
      "--title",
      "Doomed",
      "--task",
      "x|X|",
      "--task",
      "y|Y|",
      "--dep",
      "@y|@x",
      "--criterion",
      "@x|Done right",
    ], as("alice"));
    await ok(a!, ["sync"], as("alice"));
    await ok(b!, ["sync"], as("bob"));
    const sub = await ok(
      b!,
      ["subtask", "create", "--task", plan.tasks[0].id, "--title", "Late"],
      as("bob"),
    );
    await ok(a!, ["epic", "delete", plan.epic.id, "--cascade"], as("alice"));
    await ok(a!, ["sync"], as("alice"));
    const pb = await ok(b!, ["sync"], as("bob"));
    assertEquals(pb.pull.conflicts.created, 1);
    const pa = await ok(a!, ["sync"], as("alice"));
    assertEquals(pa.pull.dropped, 1, "the subtask create arrives after its parent's deletion");
    await ok(b!, ["sync"], as("bob"));
    for (const [repo, actor] of [[a!, "alice"], [b!, "bob"]] as const) {
      const doc = JSON.parse(await exportAll(repo));
      assertEquals([doc.epics.length, doc.tasks.length, doc.subtasks.length, doc.criteria.length], [
        0,
        0,
        0,
        0,
      ]);
      const ks = (await ok(repo, ["sync", "conflicts", "list"], as(actor))).conflicts;
      assertEquals(ks.map((k: { kind: string; item: { id: string } }) => [k.kind, k.item.id]), [[
        "delete_edit",
        sub.subtask.id,
      ]]);
    }
  },
});

Deno.test("sync: transport failures, a missing git and a hand-edited ref are reported", async () => {
  const { repos: [a, b] } = await clones();
  await git(a!.dir, "remote", "add", "broken", "file:///nonexistent/repo.git");
  const t = await fails(a!, ["sync", "pull", "--remote", "broken"], "sync_transport_failed");
  assertEquals(t.error.details.remote, "broken");
  assertMatch(t.error.details.stderr, /nonexistent|not appear to be a git repository/);
  await fails(a!, ["sync", "status"], "git_unavailable", { env: { PATH: "/nonexistent" } });
  // A file of the sync ref rewritten by hand so that neither version extends the other.
  await seedByImport(a!, 1);
  await ok(a!, ["sync", "push"], as("alice"));
  await git(b!.dir, "fetch", "-q", "origin", "refs/cairn/events:refs/cairn/events");
  const tree = await git(b!.dir, "ls-tree", "-r", "refs/cairn/events");
  const path = tree.split("\n").map((l) => l.split("\t")[1]!).find((p) => p.startsWith("events/"))!;
  const hashed = await hashText(b!.dir, '{"v":1,"id":"ev-forged"}\n');
  const [replica, month] = path.slice("events/".length).split("/");
  const inner = await mktree(b!.dir, `100644 blob ${hashed}\t${month}\n`);
  const events = await mktree(b!.dir, `040000 tree ${inner}\t${replica}\n`);
  const root = await mktree(b!.dir, `040000 tree ${events}\tevents\n`);
  const commit = await git(b!.dir, "commit-tree", root, "-m", "forged");
  await git(b!.dir, "push", "-q", "--force", "origin", `${commit}:refs/cairn/events`);
  const d = await fails(a!, ["sync", "push"], "sync_diverged", as("alice"));
  assertEquals(d.error.details.path, path);
});

async function pipeGit(dir: string, args: string[], input: string): Promise<string> {
  const child = new Deno.Command("git", { args, cwd: dir, stdin: "piped", stdout: "piped" })
    .spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(input));
  await w.close();
  return new TextDecoder().decode((await child.output()).stdout).trim();
}

const hashText = (dir: string, text: string) =>
  pipeGit(dir, ["hash-object", "-w", "--stdin"], text);
const mktree = (dir: string, lines: string) => pipeGit(dir, ["mktree"], lines);
