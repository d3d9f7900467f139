/**
 * A one-shot call leaves its database at exit without closing it
 * (`Store.leave`): the WAL stays for the next call until it passes 512 KiB,
 * then the exit checkpoints it into the database file and removes it.
 */
import { assert, assertEquals } from "../helpers/assert.ts";
import { ok, openDb, tempRepo } from "../helpers/cli.ts";

function size(path: string): number {
  try {
    return Deno.statSync(path).size;
  } catch {
    return 0;
  }
}

Deno.test("wal: calls leave a small WAL to the next call and checkpoint a large one", async () => {
  const repo = await tempRepo();
  const wal = `${repo.db}-wal`;
  const epic = (await ok(repo, ["epic", "create", "--title", "Kept"])).epic.id as string;
  const left = size(wal);
  assert(left > 0 && left <= 512 * 1024, `WAL after a small write: ${left} bytes`);

  // The next process recovers the left WAL: it reads the epic and appends to the WAL.
  const task = await ok(repo, ["task", "create", "--epic", epic, "--title", "After"]);
  assertEquals(task.task.epicId, epic);
  assert(size(wal) > left, "the second write appended to the WAL it found");

  // A batch takes the WAL past the limit: its exit checkpoints and removes it.
  const dbBefore = size(repo.db);
  const specs = Array.from(
    { length: 200 },
    (_, i) => ["--task", `b${i}|Big ${i}|${"d".repeat(2_000)}`],
  );
  await ok(repo, ["task", "create-many", "--epic", epic, ...specs.flat()]);
  assertEquals(size(wal), 0, "the WAL past 512 KiB was checkpointed and removed");
  assert(size(repo.db) > dbBefore + 400_000, "the batch is in the database file");

  // The database file alone holds every write.
  const db = openDb(repo.db);
  try {
    const n = db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE epic_id = ?").get(epic) as {
      n: number;
    };
    assertEquals(n.n, 201);
  } finally {
    db.close();
  }
  const listed = await ok(repo, ["task", "list", "--epic", epic]);
  assertEquals(listed.page.total, 201);
});
