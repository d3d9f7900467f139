import { assert, assertEquals } from "../helpers/assert.ts";
import { dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { plan } from "./loop_seed.ts";

type Id = { id: string };
const ids = (list: Id[]) => list.map((x) => x.id);

Deno.test("task done: reports the items it unblocked, the next task in the epic and progress", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, {
    task: ["a|A|", "b|B|", "c|C||blocked", "d|D|"],
    subtask: ["@d|s|Step|"],
    dep: ["@b|@a", "@c|@a", "@s|@a", "@d|@b"],
  });
  const d = await ok(repo, ["task", "done", p.a]);
  assertEquals([d.task.status, d.task.completedAt !== null], ["done", true]);
  assertEquals(
    d.unblocked.map((u: Id & { ready: boolean; hint: string | null }) => [u.id, u.ready, u.hint]),
    [
      [p.b, true, null],
      [p.c, false, `cairn task update ${p.c} --status todo`],
      [p.s, true, null],
    ],
  );
  assertEquals([d.next.task.id, d.nextScope, d.next.rank, d.next.unblocks], [p.b, "epic", 1, 1]);
  assertEquals(d.next.readiness, { state: "ready", blockers: [] });
  assertEquals(d.epicProgress, { epicId: p.epic, total: 4, done: 1, percent: 25, complete: false });
  assertEquals(d.auto, [{ id: p.epic, kind: "epic", from: "todo", to: "in_progress" }]);
  assertEquals(d.warnings, []);
});

Deno.test("task done: with nothing ready in the epic, next comes from another epic (nextScope global)", async () => {
  const repo = await tempRepo();
  const one = await plan(repo, { task: ["a|A|"] }, { title: "One" });
  const two = await plan(repo, { task: ["x|X||p1"] }, { title: "Two" });
  const d = await ok(repo, ["task", "done", one.a]);
  assertEquals([d.next.task.id, d.nextScope, d.next.epic.id], [two.x, "global", two.epic]);
  assertEquals(d.epicProgress.complete, true);
  const last = await ok(repo, ["task", "done", two.x]);
  assertEquals([last.next, last.nextScope], [null, null]);
});

Deno.test("task done: unchecked criteria are criteria_open; --force completes with criteria_forced", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"], criterion: ["@a|It works", "@a|It is fast"] });
  const before = dumpDb(repo.db);
  const e = await fails(repo, ["task", "done", p.a], "criteria_open");
  assertEquals(e.error.details.count, 2);
  assertEquals(dumpDb(repo.db), before);
  const d = await ok(repo, ["task", "done", p.a, "--force"]);
  assertEquals(d.warnings.map((w: { code: string; ids: string[] }) => [w.code, w.ids]), [
    ["criteria_forced", [p.c1, p.c2]],
  ]);
  const db = openDb(repo.db);
  const flags = db.prepare(
    "SELECT flags FROM events WHERE item_id = ? AND command = 'task.done'",
  ).get(p.a) as { flags: string };
  db.close();
  assertEquals(JSON.parse(flags.flags), { forced: true, openCriteria: [p.c1, p.c2] });
});

Deno.test("task done: unfinished prerequisites are dependency_blocked and nothing is written", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|", "b|B|"], dep: ["@b|@a"] });
  const before = dumpDb(repo.db);
  const e = await fails(repo, ["task", "done", p.b], "dependency_blocked");
  assertEquals([e.error.details.to, ids(e.error.details.unresolved)], ["done", [p.a]]);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task done: open subtasks are reported and warned about, not blocking", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, {
    task: ["a|A|"],
    subtask: ["@a|s1|One|", "@a|s2|Two||done", "@a|s3|Three|"],
  });
  const d = await ok(repo, ["task", "done", p.a, "--append", "Finished; s1 and s3 left"]);
  assertEquals(ids(d.openSubtasks), [p.s1, p.s3]);
  assertEquals(d.warnings.map((w: { code: string; ids: string[] }) => [w.code, w.ids]), [
    ["open_subtasks", [p.s1, p.s3]],
  ]);
  assertEquals(d.task.description, "Finished; s1 and s3 left");
});

Deno.test("task done: --owner checks the holder; the owner is kept; done twice is already_done", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"] });
  await ok(repo, ["task", "claim", p.a, "--owner", "a1", "--lease", "30m"]);
  const e = await fails(repo, ["task", "done", p.a, "--owner", "a2"], "not_owner");
  assertEquals(e.error.details.owner, "a1");
  const d = await ok(repo, ["task", "done", p.a], { env: { CAIRN_ACTOR: "a2" } });
  assertEquals([d.task.owner, d.task.leaseExpiresAt], ["a1", null]);
  const again = await fails(repo, ["task", "done", p.a], "already_done");
  assertEquals(again.error.details.completedAt, d.task.completedAt);
});

Deno.test("task done: jumping from todo starts a todo epic in the same transaction", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|", "b|B|"] });
  const d = await ok(repo, ["task", "done", p.a]);
  assertEquals(d.auto, [{ id: p.epic, kind: "epic", from: "todo", to: "in_progress" }]);
  const db = openDb(repo.db);
  const ev = db.prepare(
    "SELECT e.flags, e.cause = (SELECT id FROM events WHERE item_id = ? AND command = 'task.done') AS caused FROM events e WHERE e.item_id = ? AND e.op = 'update'",
  ).get(p.a, p.epic) as { flags: string; caused: number };
  const status = db.prepare("SELECT status FROM epics WHERE id = ?").get(p.epic) as {
    status: string;
  };
  db.close();
  assertEquals([JSON.parse(ev.flags), ev.caused, status.status], [
    { auto: true },
    1,
    "in_progress",
  ]);
});

Deno.test("subtask done: reports siblings, the next open sibling and the task hint when all are done", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, {
    task: ["a|A|", "b|B|"],
    subtask: ["@a|s1|One|", "@a|s2|Two|"],
    dep: ["@b|@s2"],
  });
  const first = await ok(repo, ["subtask", "done", p.s1]);
  assertEquals([first.siblings, first.allSubtasksDone], [{ total: 2, done: 1 }, false]);
  assertEquals([first.nextSubtask.id, first.task.id, "hint" in first], [p.s2, p.a, false]);
  const second = await ok(repo, ["subtask", "done", p.s2]);
  assertEquals([second.allSubtasksDone, second.nextSubtask], [true, null]);
  assertEquals(second.hint, `cairn task done ${p.a}`);
  assertEquals(ids(second.unblocked), [p.b]);
  assert(second.task.status === "todo", "completing subtasks never completes the task");
});
