import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { epic, subtask, task } from "../helpers/items.ts";

const NOW = { CAIRN_NOW: "2026-05-02T13:45:30.123Z" };

Deno.test("task create: defaults, key order, and placement within the same epic only", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const d = await ok(repo, ["task", "create", "-e", e, "-t", "Lexer"]);
  assertEquals(Object.keys(d), ["task", "auto", "warnings"]);
  assertEquals(Object.keys(d.task), [
    "id",
    "kind",
    "epicId",
    "title",
    "description",
    "status",
    "priority",
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
  assertEquals([d.task.status, d.task.priority, d.task.owner, d.task.position], [
    "todo",
    "p2",
    null,
    1,
  ]);
  const first = await task(repo, e, "First", "--before", d.task.id);
  const list = await ok(repo, ["task", "list", "--epic", e]);
  assertEquals(list.tasks.map((t: { id: string }) => t.id), [first, d.task.id]);
  const other = await epic(repo, "Other");
  const before = dumpDb(repo.db);
  await fails(
    repo,
    ["task", "create", "--epic", other, "--title", "X", "--after", first],
    "invalid_input",
  );
  await fails(
    repo,
    ["task", "create", "--epic", other, "--title", "X", "--owner", "two words"],
    "invalid_input",
  );
  await fails(repo, ["task", "create", "--epic", first, "--title", "X"], "wrong_kind");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task create: in_progress starts a todo epic; an open task reopens a done epic", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const d = await ok(repo, [
    "task",
    "create",
    "--epic",
    e,
    "--title",
    "Busy",
    "--status",
    "in_progress",
  ]);
  assertEquals(d.auto, [{ id: e, kind: "epic", from: "todo", to: "in_progress" }]);
  const done = await epic(repo, "Done", "--status", "done");
  const r = await ok(repo, ["task", "create", "--epic", done, "--title", "Late"]);
  assertEquals(r.auto, [{ id: done, kind: "epic", from: "done", to: "in_progress" }]);
});

Deno.test("task list: epic then task order, filters on epic, status, priority and owner", async () => {
  const repo = await tempRepo();
  const e1 = await epic(repo, "E1");
  const e2 = await epic(repo, "E2");
  const b = await task(repo, e2, "B", "--owner", "ann");
  const a = await task(repo, e1, "A", "--priority", "p0");
  const c = await task(repo, e1, "C", "--status", "done");
  assertEquals((await ok(repo, ["task", "list"])).tasks.map((t: { id: string }) => t.id), [a, b]);
  assertEquals((await ok(repo, ["task", "list", "--all"])).tasks.map((t: { id: string }) => t.id), [
    a,
    c,
    b,
  ]);
  assertEquals(
    (await ok(repo, ["task", "list", "--owner", "ann"])).tasks.map((t: { id: string }) => t.id),
    [b],
  );
  assertEquals(
    (await ok(repo, ["task", "list", "-p", "p0,p1"])).tasks.map((t: { id: string }) => t.id),
    [a],
  );
  assertEquals(
    (await ok(repo, ["task", "list", "-s", "done"])).tasks.map((t: { id: string }) => t.id),
    [c],
  );
  const page = await ok(repo, ["task", "list", "--epic", e1, "--all", "--full"]);
  assertEquals(page.tasks[0].description, "");
});

Deno.test("task show: TaskDetail; another kind is wrong_kind with a hint", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const s = await subtask(repo, t);
  const d = await ok(repo, ["task", "show", t]);
  assertEquals(Object.keys(d), [
    "task",
    "epic",
    "subtasks",
    "criteria",
    "dependsOn",
    "dependents",
    "readiness",
  ]);
  assertEquals(d.subtasks.map((x: { id: string }) => x.id), [s]);
  assertEquals(d.readiness, { state: "ready", blockers: [] });
  const err = await fails(repo, ["task", "show", e], "wrong_kind");
  assertEquals(err.error.details.hint, `cairn show ${e}`);
});

Deno.test("task update: owner assignment and clearing, appends, description from a file", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  assertEquals((await ok(repo, ["task", "update", t, "--owner", "ann"])).task.owner, "ann");
  assertEquals((await ok(repo, ["task", "update", t, "--owner", ""])).task.owner, null);
  await ok(repo, ["task", "update", t, "--append", "first"]);
  const d = await ok(repo, ["task", "update", t, "--append", "second\r\n"]);
  assertEquals(d.task.description, "first\nsecond");
  Deno.writeTextFileSync(`${repo.dir}/notes.md`, "From a file\n");
  const f = await ok(repo, ["task", "update", t, "--description-file", "notes.md"]);
  assertEquals(f.task.description, "From a file");
  const piped = await ok(repo, ["task", "update", t, "--append-file", "-"], { stdin: "tail" });
  assertEquals(piped.task.description, "From a file\ntail");
  const before = dumpDb(repo.db);
  await fails(repo, ["task", "update", t, "--append", "   "], "invalid_input");
  await fails(repo, ["task", "update", t, "--description-file", "missing.md"], "invalid_path");
  Deno.writeFileSync(`${repo.dir}/bad.bin`, new Uint8Array([0xff, 0xfe, 0x00]));
  await fails(repo, ["task", "update", t, "--append-file", "bad.bin"], "invalid_input");
  await fails(repo, ["task", "update", t, "--append", "x".repeat(65_536)], "too_long");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task update: leaving in_progress clears the lease; done gates on criteria and --force", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const claim = await ok(repo, ["task", "claim", t, "--owner", "ann", "--lease", "30m"], {
    env: NOW,
  });
  assert(claim.task.leaseExpiresAt);
  const back = await ok(repo, ["task", "update", t, "--status", "todo"], { env: NOW });
  assertEquals([back.task.leaseExpiresAt, back.task.owner], [null, "ann"]);
  await ok(repo, ["task", "update", t, "--status", "in_progress"]);
  const c = (await ok(repo, ["criteria", "add", t, "Has tests"])).criterion.id;
  const open = await fails(repo, ["task", "update", t, "--status", "done"], "criteria_open");
  assertEquals(open.error.details.open.map((x: { id: string }) => x.id), [c]);
  await fails(repo, ["task", "update", t, "--force"], "missing_argument");
  const forced = await ok(repo, ["task", "update", t, "--status", "done", "--force"]);
  assertEquals(forced.warnings.map((w: { code: string }) => w.code), ["criteria_forced"]);
  const db = openDb(repo.db);
  try {
    const ev = db.prepare("SELECT flags FROM events WHERE item_id = ? ORDER BY seq DESC LIMIT 1")
      .get(t) as {
        flags: string;
      };
    assertEquals(JSON.parse(ev.flags), { forced: true, openCriteria: [c] });
  } finally {
    db.close();
  }
});

Deno.test("task update: done reports unblocked dependents; reopening reports reblocked ones and reopens the epic", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const a = await task(repo, e, "A", "--status", "in_progress");
  const b = await task(repo, e, "B");
  const c = await task(repo, e, "C", "--status", "blocked");
  await ok(repo, ["dep", "add", b, a]);
  await ok(repo, ["dep", "add", c, a]);
  const done = await ok(repo, ["task", "update", a, "--status", "done"]);
  assertEquals(done.unblocked.map((u: { id: string; ready: boolean }) => [u.id, u.ready]), [[
    b,
    true,
  ], [c, false]]);
  assertEquals(done.unblocked[1].hint, `cairn task update ${c} --status todo`);
  await ok(repo, ["task", "update", "--ids", `${b},${c}`, "--status", "in_progress"]);
  await ok(repo, ["task", "update", "--ids", `${b},${c}`, "--status", "done"]);
  await ok(repo, ["epic", "update", e, "--status", "done"]);
  await ok(repo, ["task", "update", b, "--status", "in_progress"]);
  const reopened = await ok(repo, ["task", "update", a, "--status", "in_progress"]);
  assertEquals(reopened.reblocked.map((r: { id: string }) => r.id), [b]);
  assertEquals(reopened.auto, []);
  const e2 = await epic(repo, "E2");
  const x = await task(repo, e2, "X", "--status", "done");
  await ok(repo, ["epic", "update", e2, "--status", "in_progress"]);
  await ok(repo, ["epic", "update", e2, "--status", "done"]);
  const r = await ok(repo, ["task", "update", x, "--status", "in_progress"]);
  assertEquals(r.auto, [{ id: e2, kind: "epic", from: "done", to: "in_progress" }]);
});

Deno.test("task update --ids: bulk changes report per-id fields; one failure writes nothing", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const a = await task(repo, e, "A");
  const b = await task(repo, e, "B");
  const d = await ok(repo, [
    "task",
    "update",
    "--ids",
    `${a},${b}`,
    "--priority",
    "p1",
    "--owner",
    "ann",
  ]);
  assertEquals(Object.keys(d), ["tasks", "changed", "auto", "warnings"]);
  assertEquals(d.changed, { [a]: ["priority", "owner"], [b]: ["priority", "owner"] });
  await ok(repo, ["dep", "add", b, a]);
  const before = dumpDb(repo.db);
  const err = await fails(
    repo,
    ["task", "update", "--ids", `${a},${b}`, "--status", "in_progress"],
    "dependency_blocked",
  );
  assertEquals(err.error.details.failures.map((f: { id: string }) => f.id), [b]);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task delete: removes subtasks, criteria and every touching edge", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e, "Doomed");
  const s = await subtask(repo, t);
  const other = await task(repo, e, "Other");
  await ok(repo, ["dep", "add", other, s]);
  await ok(repo, ["dep", "add", t, other]);
  const d = await ok(repo, ["task", "delete", t]);
  assertEquals(d.deleted, { tasks: [t], subtasks: [s], criteria: [], dependencies: 2 });
  const left = await ok(repo, ["dep", "list", other]);
  assertEquals([left.dependsOn, left.dependents], [[], []]);
  await fails(repo, ["task", "show", t], "not_found");
});

Deno.test("task update: four processes appending concurrently lose no text", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const runs = await Promise.all(
    [0, 1, 2, 3].map((i) =>
      (async () => {
        const results = [];
        for (let k = 0; k < 3; k++) {
          results.push(
            await cairn(repo, ["--json", "task", "update", t, "--append", `note-${i}-${k}`]),
          );
        }
        return results;
      })()
    ),
  );
  for (const r of runs.flat()) assertEquals(r.json.ok, true, r.stdout);
  const d = await ok(repo, ["task", "show", t]);
  const lines = d.task.description.split("\n").sort();
  const want = [0, 1, 2, 3].flatMap((i) => [0, 1, 2].map((k) => `note-${i}-${k}`)).sort();
  assertEquals(lines, want);
});
