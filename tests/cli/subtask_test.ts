import { assertEquals } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, ok, tempRepo } from "../helpers/cli.ts";
import { epic, subtask, task } from "../helpers/items.ts";

Deno.test("subtask create: parent as positional or --task, never both; auto-starts a todo epic", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const a = await ok(repo, ["subtask", "create", t, "--title", "A"]);
  assertEquals(Object.keys(a), ["subtask", "auto", "warnings"]);
  assertEquals(Object.keys(a.subtask), [
    "id",
    "kind",
    "taskId",
    "epicId",
    "title",
    "description",
    "status",
    "owner",
    "claimedAt",
    "leaseExpiresAt",
    "leaseExpired",
    "position",
    "createdAt",
    "updatedAt",
    "completedAt",
    "version",
  ]);
  assertEquals([a.subtask.taskId, a.subtask.epicId], [t, e]);
  const b = await ok(repo, [
    "subtask",
    "create",
    "--task",
    t,
    "--title",
    "B",
    "--status",
    "in_progress",
  ]);
  assertEquals(b.auto, [{ id: e, kind: "epic", from: "todo", to: "in_progress" }]);
  const both = await cairn(repo, ["--json", "subtask", "create", t, "--task", t, "--title", "C"]);
  assertEquals([both.code, both.json.error.code], [2, "conflicting_options"]);
  const none = await cairn(repo, ["--json", "subtask", "create", "--title", "C"]);
  assertEquals([none.code, none.json.error.code], [2, "missing_argument"]);
  const first = await subtask(repo, t, "First", "--before", a.subtask.id);
  const list = await ok(repo, ["subtask", "list", t]);
  assertEquals(list.subtasks.map((s: { id: string }) => s.id), [first, a.subtask.id, b.subtask.id]);
  const t2 = await task(repo, e, "T2");
  await fails(repo, ["subtask", "create", t2, "--title", "X", "--after", first], "invalid_input");
});

Deno.test("subtask list: epic, task, subtask order; filters by task, epic, owner and status", async () => {
  const repo = await tempRepo();
  const e1 = await epic(repo, "E1");
  const e2 = await epic(repo, "E2");
  const t2 = await task(repo, e2, "T2");
  const t1 = await task(repo, e1, "T1");
  const s2 = await subtask(repo, t2, "S2", "--owner", "bob");
  const s1 = await subtask(repo, t1, "S1");
  const s1done = await subtask(repo, t1, "S1 done", "--status", "done");
  const ids = (d: { subtasks: { id: string }[] }) => d.subtasks.map((s) => s.id);
  assertEquals(ids(await ok(repo, ["subtask", "list"])), [s1, s2]);
  assertEquals(ids(await ok(repo, ["subtask", "list", "--all"])), [s1, s1done, s2]);
  assertEquals(ids(await ok(repo, ["subtask", "list", "--task", t2])), [s2]);
  assertEquals(ids(await ok(repo, ["subtask", "list", "--epic", e1, "--status", "done"])), [
    s1done,
  ]);
  assertEquals(ids(await ok(repo, ["subtask", "list", "--owner", "bob"])), [s2]);
});

Deno.test("subtask show: its task, epic, dependencies and readiness", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const s = await subtask(repo, t);
  const pre = await task(repo, e, "Prerequisite");
  await ok(repo, ["dep", "add", s, pre]);
  const d = await ok(repo, ["subtask", "show", s]);
  assertEquals(Object.keys(d), ["subtask", "task", "epic", "dependsOn", "dependents", "readiness"]);
  assertEquals(d.task.id, t);
  assertEquals(d.epic, { id: e, kind: "epic", title: "Epic", status: "todo" });
  assertEquals(d.readiness.state, "waiting");
  assertEquals(d.readiness.blockers.map((b: { id: string }) => b.id), [pre]);
});

Deno.test("subtask update: machine and dependency gating; done only from in_progress", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const s = await subtask(repo, t);
  const jump = await fails(
    repo,
    ["subtask", "update", s, "--status", "done"],
    "status_transition_invalid",
  );
  assertEquals(jump.error.details.hint, `cairn subtask done ${s}`);
  const pre = await subtask(repo, t, "Pre");
  await ok(repo, ["dep", "add", s, pre]);
  const blocked = await fails(
    repo,
    ["subtask", "update", s, "--status", "in_progress"],
    "dependency_blocked",
  );
  assertEquals(blocked.error.details.unresolved.map((u: { id: string }) => u.id), [pre]);
  await ok(repo, ["subtask", "update", pre, "--status", "in_progress"]);
  const done = await ok(repo, ["subtask", "update", pre, "--status", "done", "--title", "Pre!"]);
  assertEquals(done.changed, ["title", "status", "completedAt"]);
  assertEquals(done.unblocked.map((u: { id: string }) => u.id), [s]);
  const bulk = await ok(repo, ["subtask", "update", "--ids", `${s},${pre}`, "--owner", "ann"]);
  assertEquals(bulk.subtasks.map((x: { owner: string }) => x.owner), ["ann", "ann"]);
  const r = await cairn(repo, ["--json", "subtask", "update", s, "--priority", "p1"]);
  assertEquals([r.code, r.json.error.code], [2, "unknown_option"]);
});

Deno.test("subtask delete: removes the subtask and its edges, nothing else", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const s = await subtask(repo, t);
  const keep = await subtask(repo, t, "Keep");
  await ok(repo, ["dep", "add", keep, s]);
  const d = await ok(repo, ["subtask", "delete", s]);
  assertEquals(d.deleted, { subtasks: [s], dependencies: 1 });
  assertEquals((await ok(repo, ["subtask", "list", t])).subtasks.map((x: { id: string }) => x.id), [
    keep,
  ]);
  const before = dumpDb(repo.db);
  await fails(repo, ["subtask", "delete", s], "not_found");
  await fails(repo, ["subtask", "delete", t], "wrong_kind");
  assertEquals(dumpDb(repo.db), before);
});
