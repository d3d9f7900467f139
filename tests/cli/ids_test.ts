import { DatabaseSync } from "node:sqlite";
import { assertEquals } from "../helpers/assert.ts";
import { cairn, fails, ok, tempRepo } from "../helpers/cli.ts";
import { epic } from "../helpers/items.ts";

/** Inserts tasks with chosen ids into an epic, straight into the database. */
function insertTasks(path: string, epicId: string, ids: string[]): void {
  const db = new DatabaseSync(path);
  try {
    const stmt = db.prepare(
      `INSERT INTO tasks (id, epic_id, title, status, priority, position, created_at, updated_at)
       VALUES (?, ?, ?, 'todo', 2, ?, 0, 0)`,
    );
    ids.forEach((id, i) => stmt.run(id, epicId, `Task ${id}`, i + 1));
  } finally {
    db.close();
  }
}

Deno.test("ids: full ids, typed and untyped prefixes, case and Crockford normalisation", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  insertTasks(repo.db, e, ["t-abcd0001", "t-abcd1111", "t-wxyz0000"]);
  for (const input of ["t-abcd0001", "t-abcd0", "abcd0", "T-ABCD0", "t-abcdO", "  t-abcd0001  "]) {
    assertEquals((await ok(repo, ["task", "show", input])).task.id, "t-abcd0001", input);
  }
  assertEquals((await ok(repo, ["task", "show", "t-abcdiL"])).task.id, "t-abcd1111");
  assertEquals((await ok(repo, ["show", e.slice(2, 7)])).epic.id, e);
});

Deno.test("ids: an ambiguous prefix lists up to 10 candidates sorted by id", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const many = Array.from({ length: 12 }, (_, i) => `t-qrst${String(i).padStart(4, "0")}`);
  insertTasks(repo.db, e, ["t-mnpq0002", "t-mnpq0001", ...many]);
  const two = await fails(repo, ["task", "show", "t-mnpq"], "ambiguous_id");
  assertEquals(two.exitCode, 1);
  assertEquals(two.error.details.input, "t-mnpq");
  assertEquals(two.error.details.candidates, [
    { id: "t-mnpq0001", kind: "task", title: "Task t-mnpq0001", status: "todo" },
    { id: "t-mnpq0002", kind: "task", title: "Task t-mnpq0002", status: "todo" },
  ]);
  assertEquals(two.error.details.total, 2);
  const lots = await fails(repo, ["task", "update", "qrst", "--title", "x"], "ambiguous_id");
  assertEquals([lots.error.details.candidates.length, lots.error.details.total], [10, 11]);
  assertEquals(lots.error.details.candidates[0].id, "t-qrst0000");
  const bulk = await fails(
    repo,
    ["task", "update", "--ids", "t-mnpq", "--priority", "p1"],
    "ambiguous_id",
  );
  assertEquals(bulk.error.details.failures[0].code, "ambiguous_id");
});

Deno.test("ids: a prefix shared by two kinds is ambiguous for show, resolved for a typed command", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  insertTasks(repo.db, e, [`t-${e.slice(2)}`]);
  const amb = await fails(repo, ["show", e.slice(2)], "ambiguous_id");
  assertEquals(amb.error.details.candidates.map((c: { kind: string }) => c.kind).sort(), [
    "epic",
    "task",
  ]);
  assertEquals((await ok(repo, ["task", "show", e.slice(2)])).task.id, `t-${e.slice(2)}`);
});

Deno.test("ids: wrong kind, malformed ids and unknown ids each have their own code", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const wrong = await fails(repo, ["task", "show", e], "wrong_kind");
  assertEquals(wrong.error.details, {
    id: e,
    expected: ["task"],
    actual: "epic",
    hint: `cairn show ${e}`,
  });
  await fails(repo, ["dep", "add", e, e], "wrong_kind");
  for (const bad of ["t-abc", "t-abcdefghj", "t-abcu", "x-abcd", "t-ab!d", ""]) {
    const r = await cairn(repo, ["--json", "task", "show", bad]);
    assertEquals([r.code, r.json.error.code], [1, "invalid_id"], bad);
  }
  const missing = await fails(repo, ["task", "show", "t-zzzzzzzz"], "not_found");
  assertEquals(missing.error.details, { id: "t-zzzzzzzz", kinds: ["task"] });
});
