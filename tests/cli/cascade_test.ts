import { assertEquals } from "../helpers/assert.ts";
import { dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { plan } from "./loop_seed.ts";

type Id = { id: string };
const ids = (list: Id[]) => list.map((x) => x.id);

function cascadeEvents(db: string, command: string) {
  const d = openDb(db);
  try {
    return d.prepare(
      "SELECT id, item_id AS item, cause, flags FROM events WHERE command = ? ORDER BY seq",
    ).all(command) as { id: string; item: string; cause: string | null; flags: string | null }[];
  } finally {
    d.close();
  }
}

Deno.test("epic update --cascade: subtasks, then tasks, then the epic, all caused by the epic's event", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, {
    task: ["a|A|", "b|B||done", "c|C|"],
    subtask: ["@a|s1|One|", "@c|s2|Two|"],
  });
  await ok(repo, ["task", "claim", p.a, "--owner", "a1", "--lease", "30m"]);
  const d = await ok(repo, ["epic", "update", p.epic, "--status", "done", "--cascade"]);
  assertEquals(d.epic.status, "done");
  assertEquals(ids(d.changed), [p.s1, p.s2, p.a, p.c, p.epic]);
  assertEquals(d.unchanged, [p.b]);
  assertEquals(d.counts, { epics: 1, tasks: 2, subtasks: 2 });
  const evs = cascadeEvents(repo.db, "epic.update");
  assertEquals(evs.map((e) => e.item), [p.s1, p.s2, p.a, p.c, p.epic]);
  const root = evs.at(-1)!;
  assertEquals(root.cause, null);
  assertEquals(evs.slice(0, -1).map((e) => e.cause), [root.id, root.id, root.id, root.id]);
  const task = await ok(repo, ["task", "show", p.a]);
  assertEquals([task.task.status, task.task.owner, task.task.leaseExpiresAt], [
    "done",
    "a1",
    null,
  ]);
});

Deno.test("epic update --cascade: an open prerequisite outside the scope is dependency_blocked", async () => {
  const repo = await tempRepo();
  const other = await plan(repo, { task: ["x|X|"] }, { title: "Other" });
  const p = await plan(repo, { task: ["a|A|", "b|B|"], dep: [`@a|${other.x}`, "@b|@a"] });
  const before = dumpDb(repo.db);
  const e = await fails(
    repo,
    ["epic", "update", p.epic, "--status", "done", "--cascade"],
    "dependency_blocked",
  );
  assertEquals(e.error.details, {
    id: p.epic,
    cascade: true,
    count: 1,
    blockers: [{
      sourceId: p.a,
      dependsOnId: other.x,
      dependsOnKind: "task",
      dependsOnStatus: "todo",
    }],
  });
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task update --cascade: criteria_open lists every task; --force completes and flags it", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, {
    task: ["a|A|", "after|After|"],
    subtask: ["@a|s|Step|"],
    criterion: ["@a|Checked one", "@a|Open one"],
    dep: ["@after|@a"],
  });
  await ok(repo, ["criteria", "check", p.c1, "--evidence", "seen"]);
  const e = await fails(
    repo,
    ["task", "update", p.a, "--status", "done", "--cascade"],
    "criteria_open",
  );
  assertEquals(e.error.details.open, [{ taskId: p.a, criteria: [{ id: p.c2, text: "Open one" }] }]);
  const d = await ok(repo, ["task", "update", p.a, "--status", "done", "--cascade", "--force"]);
  assertEquals([d.task.status, ids(d.changed)], ["done", [p.s, p.a]]);
  assertEquals(ids(d.unblocked), [p.after]);
  assertEquals(d.auto, [{ id: p.epic, kind: "epic", from: "todo", to: "in_progress" }]);
  assertEquals(d.warnings.map((w: { code: string; ids: string[] }) => [w.code, w.ids]), [
    ["criteria_forced", [p.c2]],
  ]);
  const taskEvent = cascadeEvents(repo.db, "task.update").find((x) => x.item === p.a)!;
  assertEquals(JSON.parse(taskEvent.flags!), { forced: true, openCriteria: [p.c2] });
});
