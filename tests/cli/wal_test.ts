/**
 * A one-shot call leaves its database at exit without closing it
 * (`Store.leave`): the WAL stays for the next call until it passes 512 KiB,
 * then the exit checkpoints it into the database file and removes it.
 */
import { assert, assertEquals } from "../helpers/assert.ts";
import { fileSize, ok, openDb, tempRepo } from "../helpers/cli.ts";

Deno.test("wal: calls leave a small WAL to the next call and checkpoint a large one", async () => {
  const repo = await tempRepo();
  const wal = `${repo.db}-wal`;
  const epic = (await ok(repo, ["epic", "create", "--title", "Kept"])).epic.id as string;
  const left = fileSize(wal);
  assert(left > 0 && left <= 512 * 1024, `WAL after a small write: ${left} bytes`);

  // The next process recovers the left WAL: it reads the epic and appends to the WAL.
  const task = await ok(repo, ["task", "create", "--epic", epic, "--title", "After"]);
  assertEquals(task.task.epicId, epic);
  assert(fileSize(wal) > left, "the second write appended to the WAL it found");

  // A batch takes the WAL past the limit: its exit checkpoints and removes it.
  const dbBefore = fileSize(repo.db);
  const specs = Array.from(
    { length: 200 },
    (_, i) => ["--task", `b${i}|Big ${i}|${"d".repeat(2_000)}`],
  );
  await ok(repo, ["task", "create-many", "--epic", epic, ...specs.flat()]);
  assertEquals(fileSize(wal), 0, "the WAL past 512 KiB was checkpointed and removed");
  assert(fileSize(repo.db) > dbBefore + 400_000, "the batch is in the database file");

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

Deno.test("wal: 8 processes writing at once across the limit lose no commit", async () => {
  const repo = await tempRepo();
  const epic = (await ok(repo, ["epic", "create", "--title", "Shared"])).epic.id as string;
  // 40 batches of ~40 KiB: the WAL passes 512 KiB a few times while other processes have it open.
  const rounds = 5;
  const writer = async (w: number) => {
    for (let r = 0; r < rounds; r++) {
      const specs = Array.from(
        { length: 10 },
        (_, i) => ["--task", `k${i}|W${w} R${r} T${i}|${"x".repeat(3_000)}`],
      );
      await ok(repo, ["task", "create-many", "--epic", epic, ...specs.flat()]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
  const db = openDb(repo.db);
  try {
    assertEquals(
      (db.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check,
      "ok",
    );
    const n = db.prepare("SELECT COUNT(*) AS n FROM tasks").get() as { n: number };
    assertEquals(n.n, 8 * rounds * 10);
  } finally {
    db.close();
  }
});
