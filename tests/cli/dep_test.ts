import { assertEquals } from "../helpers/assert.ts";
import { dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { epic, subtask, task } from "../helpers/items.ts";

Deno.test("dep add: any kind combination, idempotent, one dep_add event", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e, "T");
  const s = await subtask(repo, t, "S");
  const d = await ok(repo, ["dep", "add", t, s]);
  assertEquals(d.created, true);
  assertEquals(Object.keys(d.edge), [
    "sourceId",
    "sourceKind",
    "dependsOnId",
    "dependsOnKind",
    "createdAt",
    "createdBy",
  ]);
  assertEquals([d.edge.sourceKind, d.edge.dependsOnKind, d.edge.createdBy], [
    "task",
    "subtask",
    "tester",
  ]);
  const before = dumpDb(repo.db);
  const again = await ok(repo, ["dep", "add", t.slice(0, 6), s]);
  assertEquals([again.created, again.warnings], [false, []]);
  assertEquals(dumpDb(repo.db), before);
  const db = openDb(repo.db);
  try {
    const ev = db.prepare("SELECT item_kind, changes FROM events WHERE op = 'dep_add'").all() as {
      item_kind: string;
      changes: string;
    }[];
    assertEquals(ev.length, 1);
    assertEquals(ev[0]!.item_kind, "dependency");
    assertEquals(JSON.parse(ev[0]!.changes).present.new, true);
  } finally {
    db.close();
  }
});

Deno.test("dep add: self-edges and cycles are refused with the shortest path", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const [a, b, c, d] = [
    await task(repo, e, "A"),
    await task(repo, e, "B"),
    await task(repo, e, "C"),
    await task(repo, e, "D"),
  ];
  await ok(repo, ["dep", "add", a, b]);
  await ok(repo, ["dep", "add", b, c]);
  await ok(repo, ["dep", "add", c, d]);
  await ok(repo, ["dep", "add", b, d]);
  const before = dumpDb(repo.db);
  const self = await fails(repo, ["dep", "add", a, a], "dependency_cycle");
  assertEquals(self.error.details, { reason: "self", path: [a, a] });
  const cyc = await fails(repo, ["dep", "add", d, a], "dependency_cycle");
  assertEquals(cyc.error.details, { reason: "cycle", path: [d, a, b, d] });
  await fails(repo, ["dep", "add", a, e], "wrong_kind");
  await fails(repo, ["dep", "add", a, "t-zzzzzzzz"], "not_found");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("dep add: an in-progress source with an open prerequisite warns prerequisite_open", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const busy = await task(repo, e, "Busy", "--status", "in_progress");
  const pre = await task(repo, e, "Pre");
  const d = await ok(repo, ["dep", "add", busy, pre]);
  assertEquals(d.warnings.map((w: { code: string }) => w.code), ["prerequisite_open"]);
});

Deno.test("dep remove: by pair; a missing edge answers removed false and writes nothing", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const a = await task(repo, e, "A");
  const b = await task(repo, e, "B");
  await ok(repo, ["dep", "add", a, b]);
  const d = await ok(repo, ["dep", "remove", a, b]);
  assertEquals([d.sourceId, d.dependsOnId, d.removed], [a, b, true]);
  const before = dumpDb(repo.db);
  assertEquals((await ok(repo, ["dep", "remove", a, b])).removed, false);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("dep list: prerequisites and dependents with createdAt", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const a = await task(repo, e, "A");
  const b = await task(repo, e, "B");
  const c = await task(repo, e, "C");
  await ok(repo, ["dep", "add", b, a]);
  await ok(repo, ["dep", "add", c, b]);
  const d = await ok(repo, ["dep", "list", b]);
  assertEquals(d.item, { id: b, kind: "task", title: "B", status: "todo" });
  assertEquals(d.dependsOn.map((r: { id: string }) => r.id), [a]);
  assertEquals(d.dependents.map((r: { id: string }) => r.id), [c]);
  assertEquals(Object.keys(d.dependsOn[0]), ["id", "kind", "title", "status", "createdAt"]);
});

Deno.test("dep reverse: every transitive dependent once, by distance, tasks before subtasks", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const root = await task(repo, e, "Root");
  const t1 = await task(repo, e, "T1");
  const t2 = await task(repo, e, "T2", "--status", "done");
  const s1 = await subtask(repo, t1, "S1");
  const far = await task(repo, e, "Far");
  await ok(repo, ["dep", "add", s1, root]);
  await ok(repo, ["dep", "add", t2, root]);
  await ok(repo, ["dep", "add", t1, s1]);
  await ok(repo, ["dep", "add", far, t1]);
  await ok(repo, ["dep", "add", far, t2]);
  const d = await ok(repo, ["dep", "reverse", root]);
  assertEquals(d.nodes.map((n: { id: string; distance: number }) => [n.id, n.distance]), [
    [t2, 1],
    [s1, 1],
    [t1, 2],
    [far, 2],
  ]);
  assertEquals(d.summary, { total: 4, open: 3, maxDistance: 2 });
  const leaf = await ok(repo, ["dep", "reverse", far]);
  assertEquals(leaf.summary, { total: 0, open: 0, maxDistance: 0 });
});
