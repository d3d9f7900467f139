import { assert, assertEquals } from "../helpers/assert.ts";
import { dumpDb, fails, type Json, ok, openDb, type Repo, tempRepo } from "../helpers/cli.ts";
import { planEpic } from "../helpers/items.ts";

/** An epic with tasks a, b, c (a has subtasks s1, s2 and a criterion; b depends on a). */
async function seeded(): Promise<{ repo: Repo; epic: string; id: Record<string, string> }> {
  const repo = await tempRepo();
  const { data: d, id } = await planEpic(
    repo,
    "E",
    "--task",
    "a|A|",
    "--task",
    "b|B|",
    "--task",
    "c|C|",
    "--subtask",
    "@a|s1|S1|",
    "--subtask",
    "@a|s2|S2|",
    "--criterion",
    "@a|Holds",
    "--dep",
    "@b|@a",
  );
  id.criterion = d.criteria[0].id;
  return { repo, epic: d.epic.id, id };
}

function order(repo: Repo, epic: string): string[] {
  const db = openDb(repo.db);
  try {
    return (db.prepare("SELECT id FROM tasks WHERE epic_id = ? ORDER BY position, created_at, id")
      .all(epic) as Json[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

Deno.test("task move: reorders within the epic quietly (no version bump)", async () => {
  const { repo, epic, id } = await seeded();
  const m = await ok(repo, ["task", "move", id.c!, "--before", id.a!]);
  assertEquals(m.from, { epicId: epic, position: 3 });
  assertEquals(m.to, { epicId: epic, position: 0 });
  assertEquals(m.task.version, 1);
  assertEquals(m.auto, []);
  assertEquals(order(repo, epic), [id.c, id.a, id.b]);
  const m2 = await ok(repo, ["task", "move", id.c!, "--after", id.a!]);
  assertEquals(m2.to.position, 1.5);
  assertEquals(order(repo, epic), [id.a, id.c, id.b]);
  const again = await ok(repo, ["task", "move", id.c!, "--after", id.a!]);
  assertEquals(again.to.position, again.from.position);
});

Deno.test("task move: renumbers the siblings when the gap shrinks below 1e-6", async () => {
  const { repo, epic, id } = await seeded();
  // Alternately slot b and c right after a: each move halves the gap to a.
  for (let i = 0; i < 22; i++) {
    await ok(repo, ["task", "move", i % 2 ? id.c! : id.b!, "--after", id.a!]);
  }
  const db = openDb(repo.db);
  try {
    const rows = db.prepare("SELECT id, position, version FROM tasks ORDER BY position")
      .all() as Json[];
    assertEquals(rows.map((r) => r.id), order(repo, epic));
    assert(rows.every((r) => r.version === 1), "moves within an epic never bump the version");
    const renumbered = db.prepare(
      "SELECT COUNT(*) AS n FROM events WHERE op = 'update' AND cause IS NOT NULL AND item_kind = 'task'",
    ).get() as Json;
    assert(renumbered.n >= 1, "renumbering writes position events caused by the move");
    const positions = rows.map((r) => r.position);
    assert(positions.every((p, i) => i === 0 || p - positions[i - 1] >= 1e-6), "gaps restored");
  } finally {
    db.close();
  }
});

Deno.test("task move --epic: subtasks, criteria and edges follow; appended; version bumped", async () => {
  const { repo, epic, id } = await seeded();
  const other = await ok(repo, ["epic", "create", "--title", "Other", "--task", "x|X|"]);
  const m = await ok(repo, ["task", "move", id.a!, "--epic", other.epic.id]);
  assertEquals(m.from, { epicId: epic, position: 1 });
  assertEquals(m.to, { epicId: other.epic.id, position: 2 });
  assertEquals(m.task.version, 2);
  const subtasks = await ok(repo, ["subtask", "move", id.s1!, "--after", id.s2!]);
  assertEquals(subtasks.subtask.epicId, other.epic.id);
  const crit = await ok(repo, ["criteria", "list", id.a!]);
  assertEquals(crit.criteria.map((c: Json) => c.id), [id.criterion]);
  const db = openDb(repo.db);
  try {
    const edge = db.prepare("SELECT * FROM dependencies WHERE source_id = ?").get(id.b!) as Json;
    assertEquals(edge.depends_on_id, id.a);
  } finally {
    db.close();
  }
  const placed = await ok(repo, [
    "task",
    "move",
    id.b!,
    "--epic",
    other.epic.id,
    "--before",
    id.a!,
  ]);
  assertEquals(order(repo, other.epic.id), [other.tasks[0].id, id.b, id.a]);
  assertEquals(placed.to.position, 1.5);
});

Deno.test("task move --epic: an open task reopens a done target epic", async () => {
  const { repo, id } = await seeded();
  const done = await ok(repo, ["epic", "create", "--title", "Done", "--status", "done"]);
  const m = await ok(repo, ["task", "move", id.c!, "--epic", done.epic.id]);
  assertEquals(m.auto, [{ id: done.epic.id, kind: "epic", from: "done", to: "in_progress" }]);
});

Deno.test("task move: bad anchors and missing options write nothing", async () => {
  const { repo, id } = await seeded();
  const other = await ok(repo, ["epic", "create", "--title", "Other", "--task", "x|X|"]);
  const before = dumpDb(repo.db);
  await fails(repo, ["task", "move", id.a!, "--after", other.tasks[0].id], "invalid_input");
  await fails(
    repo,
    ["task", "move", id.a!, "--epic", other.epic.id, "--after", id.b!],
    "invalid_input",
  );
  await fails(repo, ["task", "move", id.a!, "--before", id.a!], "invalid_input");
  assertEquals((await fails(repo, ["task", "move", id.a!], "missing_argument")).exitCode, 2);
  await fails(
    repo,
    ["task", "move", id.a!, "--before", id.b!, "--after", id.c!],
    "conflicting_options",
  );
  await fails(repo, ["task", "move", id.a!, "--epic", "e-zzzzzzzz"], "not_found");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("subtask move: reorders within the task, or moves to another task keeping edges", async () => {
  const { repo, id } = await seeded();
  const r = await ok(repo, ["subtask", "move", id.s2!, "--before", id.s1!]);
  assertEquals(r.to.position, 0);
  assertEquals(r.subtask.version, 1);
  const m = await ok(repo, ["subtask", "move", id.s1!, "--task", id.c!]);
  assertEquals(m.from, { taskId: id.a, position: 1 });
  assertEquals(m.to, { taskId: id.c, position: 1 });
  assertEquals(m.subtask.version, 2);
  await fails(repo, ["subtask", "move", id.s2!, "--after", id.s1!], "invalid_input");
});

Deno.test("epic move: before/after another epic, exactly one of them", async () => {
  const repo = await tempRepo();
  const ids: string[] = [];
  for (const t of ["One", "Two", "Three"]) {
    ids.push((await ok(repo, ["epic", "create", "--title", t])).epic.id);
  }
  const [one, two, three] = ids as [string, string, string];
  const m = await ok(repo, ["epic", "move", three, "--before", one]);
  assertEquals(m.position, { from: 3, to: 0 });
  assertEquals(m.epic.version, 1);
  const m2 = await ok(repo, ["epic", "move", one, "--after", two]);
  assertEquals(m2.position.to, 3);
  const db = openDb(repo.db);
  try {
    const rows = db.prepare("SELECT id FROM epics ORDER BY position").all() as Json[];
    assertEquals(rows.map((r) => r.id), [three, two, one]);
  } finally {
    db.close();
  }
  assertEquals((await fails(repo, ["epic", "move", one], "missing_argument")).exitCode, 2);
});
