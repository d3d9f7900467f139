import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { dumpDb, EVENT_KEYS, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { openCtx } from "../helpers/core_ctx.ts";
import { insertEpic, insertTask } from "../../core/items/insert.ts";
import { patchRow } from "../../core/items/patch.ts";
import { write } from "../../core/store/tx.ts";

const DAY = 86_400_000;

/** Seeds an epic and a task `ageDays` old, a title change, and a heartbeat. */
async function seed(dir: string, ageDays: number) {
  const ctx = await openCtx(dir, { now: () => Date.now() - ageDays * DAY });
  try {
    return write(ctx, (tx) => {
      const epic = insertEpic(tx, { title: "Old epic" });
      const task = insertTask(tx, { epicId: epic.id as string, title: "Old task" });
      patchRow(tx, {
        kind: "task",
        id: task.id as string,
        before: task,
        set: { title: "Renamed" },
      });
      tx.event({
        itemId: task.id as string,
        itemKind: "task",
        op: "heartbeat",
        changes: [{ field: "leaseExpiresAt", old: null, new: new Date().toISOString() }],
      });
      return { epicId: epic.id as string, taskId: task.id as string };
    });
  } finally {
    ctx.close();
  }
}

Deno.test("events list: ascending Event records, lastSeq is the cursor, heartbeats only with --all", async () => {
  const repo = await tempRepo();
  const { epicId, taskId } = await seed(repo.dir, 0);
  const all = await ok(repo, ["events", "list"]);
  assertEquals(all.events.map((e: { op: string }) => e.op), ["create", "create", "update"]);
  const first = all.events[0];
  assertEquals(Object.keys(first), EVENT_KEYS);
  assertEquals(first.itemId, epicId);
  assertMatch(first.id, /^ev-[0-9a-z]{16}$/);
  assert(
    first.changes.some((c: { field: string; old: unknown; new: unknown }) =>
      c.field === "title" && c.old === null && c.new === "Old epic"
    ),
  );
  assert(first.changes.every((c: Record<string, unknown>) => !("base" in c)));
  const update = all.events[2];
  assertEquals(update.itemId, taskId);
  assertEquals(update.changes, [{ field: "title", old: "Old task", new: "Renamed" }]);
  assertEquals(update.flags, {});
  assertEquals(update.resolves, null);
  const page1 = await ok(repo, ["events", "list", "--limit", "2"]);
  assertEquals(page1.events.length, 2);
  const page2 = await ok(repo, ["events", "list", "--since", String(page1.lastSeq)]);
  assertEquals(page2.events.map((e: { id: string }) => e.id), [update.id]);
  const end = await ok(repo, ["events", "list", "--since", String(page2.lastSeq)]);
  assertEquals(end, { events: [], lastSeq: page2.lastSeq });
  const withBeats = await ok(repo, ["events", "list", "--all"]);
  assertEquals(withBeats.events.at(-1).op, "heartbeat");
  await fails(repo, ["events", "list", "--limit", "1001"], "invalid_value");
});

Deno.test("events prune: archives then removes old events; field clocks and data stay", async () => {
  const repo = await tempRepo();
  const { taskId } = await seed(repo.dir, 200);
  await seed(repo.dir, 0);
  const db = openDb(repo.db);
  const clocksBefore = db.prepare("SELECT * FROM field_clock ORDER BY item_id, field").all();
  const oldIds =
    (db.prepare("SELECT id FROM events WHERE at < ? AND op <> 'heartbeat' ORDER BY seq")
      .all(Date.now() - 90 * DAY) as { id: string }[]).map((r) => r.id);
  db.close();
  const r = await ok(repo, ["events", "prune", "--archive"]);
  assertEquals(r.candidates, 3);
  assertEquals(r.pruned, 3);
  assertEquals(r.archived, 3);
  assertEquals(r.heartbeatsPruned, 1, "the 200-day-old heartbeat");
  assertMatch(r.archivePath, /\/\.cairn\/archive\/events-\d{8}T\d{9}Z\.jsonl$/);
  const lines = Deno.readTextFileSync(r.archivePath).trimEnd().split("\n").map((l) =>
    JSON.parse(l)
  );
  assertEquals(lines.map((l) => l.id), oldIds);
  assertEquals(Object.keys(lines[0]), [
    "v",
    "id",
    "replica",
    "lamport",
    "actor",
    "at",
    "branch",
    "worktree",
    "source",
    "command",
    "item",
    "kind",
    "op",
    "changes",
    "cause",
    "resolves",
    "flags",
  ]);
  assert("base" in lines[2].changes.title, "archived changes keep their base");
  const after = openDb(repo.db);
  assertEquals(
    after.prepare("SELECT * FROM field_clock ORDER BY item_id, field").all(),
    clocksBefore,
  );
  assertEquals(
    (after.prepare("SELECT title FROM tasks WHERE id = ?").get(taskId) as { title: string }).title,
    "Renamed",
  );
  assertEquals((after.prepare("SELECT COUNT(*) AS n FROM events").get() as { n: number }).n, 4);
  after.close();
  const again = await ok(repo, ["events", "prune"]);
  assertEquals(again.pruned, 0);
});

Deno.test("events prune: --dry-run counts and writes nothing", async () => {
  const repo = await tempRepo();
  await seed(repo.dir, 400);
  const before = dumpDb(repo.db);
  const r = await ok(repo, ["events", "prune", "--dry-run", "--retention-days", "365"]);
  assertEquals(r.dryRun, true);
  assertEquals(r.candidates, 3);
  assertEquals(r.archivePath, null);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("events prune: keeps this replica's unexported events once sync is configured", async () => {
  const repo = await tempRepo();
  await seed(repo.dir, 200);
  const ctx = await openCtx(repo.dir);
  ctx.store.run("INSERT INTO sync_remotes (remote) VALUES ('origin')");
  ctx.store.run("UPDATE meta SET value = '1' WHERE key = 'sync_exported_seq'");
  ctx.close();
  const r = await ok(repo, ["events", "prune"]);
  assertEquals(r.candidates, 1);
  assertEquals(r.keptUnexported, 2);
  assertEquals(r.pruned, 1);
});
