import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { epic, subtask, task } from "../helpers/items.ts";

Deno.test("epic create: records an epic with the documented key order", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, [
    "epic",
    "create",
    "--title",
    "  Parser  ",
    "-d",
    "Line one\r\nLine two",
    "-p",
    "1",
  ]);
  assertEquals(Object.keys(d), ["epic", "warnings"]);
  assertEquals(Object.keys(d.epic), [
    "id",
    "kind",
    "title",
    "description",
    "status",
    "priority",
    "position",
    "createdAt",
    "updatedAt",
    "completedAt",
    "version",
  ]);
  assertMatch(d.epic.id, /^e-[0-9a-hjkmnp-tv-z]{8}$/);
  assertEquals([d.epic.title, d.epic.description, d.epic.priority], [
    "Parser",
    "Line one\nLine two",
    "p1",
  ]);
  assertEquals([d.epic.status, d.epic.position, d.epic.version], ["todo", 1, 1]);
});

Deno.test("epic create: --before places the new epic first; --after in between", async () => {
  const repo = await tempRepo();
  const a = await epic(repo, "A");
  const b = await epic(repo, "B");
  const first = await epic(repo, "First", "--before", a);
  const mid = await epic(repo, "Mid", "--after", a);
  const list = await ok(repo, ["epic", "list"]);
  assertEquals(list.epics.map((e: { id: string }) => e.id), [first, a, mid, b]);
});

Deno.test("epic create: --description-file - reads stdin; a blank title writes nothing", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, ["epic", "create", "--title", "From stdin", "--description-file", "-"], {
    stdin: "piped text\n",
  });
  assertEquals(d.epic.description, "piped text");
  const before = dumpDb(repo.db);
  await fails(repo, ["epic", "create", "--title", "   "], "invalid_input");
  await fails(repo, ["epic", "create", "--title", "x".repeat(201)], "too_long");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("epic create: batch specs create the whole graph in one call", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, [
    "epic",
    "create",
    "--title",
    "Plan",
    "--task",
    "lex|Write lexer|",
    "--task",
    "parse|Write parser|Descent|p1",
    "--subtask",
    "@parse|pt|Parser tests|",
    "--dep",
    "@parse|@lex",
    "--criterion",
    "@parse|Parses all samples",
  ]);
  assertEquals(d.counts.tasks, 2);
  assertEquals(d.counts.dependencies, 1);
  assertEquals(d.mappings.map((m: { tempKey: string }) => m.tempKey), ["lex", "parse", "pt"]);
});

Deno.test("epic list: open epics by default, --all includes done, progress counts", async () => {
  const repo = await tempRepo();
  const open = await epic(repo, "Open");
  const closed = await epic(repo, "Closed", "--status", "done");
  await task(repo, open, "T1", "--status", "done");
  await task(repo, open, "T2");
  const d = await ok(repo, ["epic", "list"]);
  assertEquals(d.epics.map((e: { id: string }) => e.id), [open]);
  assertEquals(d.epics[0].progress, { total: 2, done: 1 });
  assertEquals("description" in d.epics[0], false);
  assertEquals(d.page, { limit: 100, nextCursor: null, total: 1 });
  const all = await ok(repo, ["epic", "list", "--all", "--full"]);
  assertEquals(all.epics.map((e: { id: string }) => e.id), [open, closed]);
  assertEquals(all.epics[0].description, "");
  assertEquals(all.page, { limit: null, nextCursor: null, total: 2 });
  const r = await cairn(repo, ["--json", "epic", "list", "--all", "--status", "todo"]);
  assertEquals([r.code, r.json.error.code], [2, "conflicting_options"]);
});

Deno.test("epic list: pages with --limit and --cursor; a foreign cursor is invalid_value", async () => {
  const repo = await tempRepo();
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(await epic(repo, `E${i}`, "-p", i % 2 ? "p1" : "p3"));
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const args: string[] = [
      "epic",
      "list",
      "--limit",
      "2",
      ...(cursor ? ["--cursor", cursor] : []),
    ];
    const page: { epics: { id: string }[]; page: { total: number; nextCursor: string | null } } =
      await ok(repo, args);
    assertEquals(page.page.total, 5);
    seen.push(...page.epics.map((e) => e.id));
    cursor = page.page.nextCursor;
  } while (cursor);
  assertEquals(seen, ids);
  const first = await ok(repo, ["epic", "list", "--limit", "1"]);
  const p1 = await ok(repo, ["epic", "list", "--priority", "p1"]);
  assertEquals(p1.epics.length, 2);
  const r = await cairn(repo, [
    "--json",
    "epic",
    "list",
    "--priority",
    "p1",
    "--cursor",
    first.page.nextCursor,
  ]);
  assertEquals([r.code, r.json.error.code], [2, "invalid_value"]);
  const garbage = await cairn(repo, ["--json", "epic", "list", "--cursor", "not-a-cursor"]);
  assertEquals([garbage.code, garbage.json.error.code], [2, "invalid_value"]);
});

Deno.test("epic show: progress and task summaries; --all expands every task", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t1 = await task(repo, e, "First");
  const t2 = await task(repo, e, "Second");
  await subtask(repo, t1, "Sub");
  await ok(repo, ["dep", "add", t2, t1]);
  const d = await ok(repo, ["epic", "show", e]);
  assertEquals(Object.keys(d), ["epic", "progress", "tasks"]);
  assertEquals(d.tasks.map((t: { readiness: string }) => t.readiness), ["ready", "waiting"]);
  assertEquals(d.tasks[0].subtasks, { total: 1, done: 0 });
  assertEquals(d.progress.tasks, { total: 2, todo: 2, in_progress: 0, blocked: 0, done: 0 });
  assertEquals(d.progress.readiness, { ready: 1, waiting: 1, blocked: 0 });
  const all = await ok(repo, ["epic", "show", e, "--all"]);
  assertEquals(Object.keys(all.tasks[0]), [
    "task",
    "epic",
    "subtasks",
    "criteria",
    "dependsOn",
    "dependents",
    "readiness",
  ]);
  assertEquals(all.tasks[1].dependsOn.map((r: { id: string }) => r.id), [t1]);
  await fails(repo, ["epic", "show", t1], "wrong_kind");
});

Deno.test("epic update: fields change and bump the version; a no-op writes nothing", async () => {
  const repo = await tempRepo();
  const e = await epic(repo, "Old");
  const d = await ok(repo, ["epic", "update", e, "--title", "New", "--priority", "p0"]);
  assertEquals(d.changed, ["title", "priority"]);
  assertEquals([d.epic.title, d.epic.priority, d.epic.version], ["New", "p0", 2]);
  const before = dumpDb(repo.db);
  const same = await ok(repo, ["epic", "update", e, "--title", "New"]);
  assertEquals(same.changed, []);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("epic update: done requires every task done (children_open); machine enforced", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const bad = await fails(
    repo,
    ["epic", "update", e, "--status", "done"],
    "status_transition_invalid",
  );
  assertEquals(bad.error.details.allowed, ["in_progress", "blocked"]);
  await ok(repo, ["epic", "update", e, "--status", "in_progress"]);
  const open = await fails(repo, ["epic", "update", e, "--status", "done"], "children_open");
  assertEquals(open.error.details.open.map((x: { id: string }) => x.id), [t]);
  await ok(repo, ["task", "update", t, "--status", "in_progress"]);
  await ok(repo, ["task", "update", t, "--status", "done"]);
  const done = await ok(repo, ["epic", "update", e, "--status", "done"]);
  assertEquals(done.epic.status, "done");
  assert(done.epic.completedAt);
});

Deno.test("epic update: option rules of --cascade, --force and --ids are usage errors", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const before = dumpDb(repo.db);
  const force = await fails(
    repo,
    ["epic", "update", e, "--force", "--status", "done"],
    "missing_argument",
  );
  assertEquals(force.error.details, { option: "--cascade", requiredBy: "--force" });
  const other = await fails(
    repo,
    ["epic", "update", e, "--cascade", "--status", "todo"],
    "invalid_value",
  );
  assertEquals(other.error.details.allowed, ["done"]);
  const clash = await fails(repo, [
    "epic",
    "update",
    e,
    "--cascade",
    "--status",
    "done",
    "--title",
    "x",
  ], "conflicting_options");
  assertEquals(clash.error.details.options, ["--cascade", "--title"]);
  const nothing = await fails(repo, ["epic", "update", e], "missing_argument");
  assert(nothing.error.details.anyOf.includes("--status"));
  const both = await fails(
    repo,
    ["epic", "update", e, "--ids", e, "--status", "in_progress"],
    "conflicting_options",
  );
  assertEquals(both.exitCode, 2);
  await fails(repo, ["epic", "update", "--ids", e, "--title", "x"], "conflicting_options");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("epic update --ids: atomic bulk, every failure listed, nothing written on failure", async () => {
  const repo = await tempRepo();
  const a = await epic(repo, "A");
  const b = await epic(repo, "B", "--status", "done");
  const c = await epic(repo, "C");
  const before = dumpDb(repo.db);
  const err = await fails(repo, [
    "epic",
    "update",
    "--ids",
    `${a},${b},${c},e-zzzz`,
    "--status",
    "blocked",
  ], "status_transition_invalid");
  assertEquals(
    err.error.details.failures.map((f: { id: string; code: string }) => [f.id, f.code]),
    [
      [b, "status_transition_invalid"],
      ["e-zzzz", "not_found"],
    ],
  );
  assertEquals(dumpDb(repo.db), before);
  const d = await ok(repo, [
    "epic",
    "update",
    "--ids",
    `${a},${c}`,
    "--status",
    "blocked",
    "--append",
    "Waiting on infra",
  ]);
  assertEquals(d.epics.map((e: { status: string }) => e.status), ["blocked", "blocked"]);
  assertEquals(d.changed[a], ["description", "status"]);
});

Deno.test("epic delete: tasks require --cascade; the cascade removes the tree with tombstones", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const other = await epic(repo, "Other");
  const t1 = await task(repo, e, "T1");
  const s1 = await subtask(repo, t1);
  const outside = await task(repo, other, "Outside");
  await ok(repo, ["dep", "add", outside, s1]);
  const c1 = (await ok(repo, ["criteria", "add", t1, "Has a test"])).criterion.id;
  const refused = await fails(repo, ["epic", "delete", e], "has_children");
  assertEquals(refused.error.details.tasks, 1);
  const d = await ok(repo, ["epic", "delete", e, "--cascade"]);
  assertEquals(d.deleted.epics, [e]);
  assertEquals(d.deleted.tasks, [t1]);
  assertEquals(d.deleted.subtasks, [s1]);
  assertEquals(d.deleted.criteria, [c1]);
  assertEquals(d.deleted.dependencies, 1);
  const db = openDb(repo.db);
  try {
    const tomb = db.prepare("SELECT item_id FROM tombstones ORDER BY item_id").all().map((r) =>
      r.item_id
    );
    assert(tomb.includes(e) && tomb.includes(t1) && tomb.includes(s1));
    const root = db.prepare("SELECT id, cause FROM events WHERE item_id = ? AND op = 'delete'").get(
      e,
    ) as {
      id: string;
      cause: string | null;
    };
    assertEquals(root.cause, null);
    const ops = db.prepare(
      "SELECT op, item_kind, cause FROM events WHERE seq > (SELECT MAX(seq) FROM events WHERE op = 'create' OR op = 'dep_add') ORDER BY seq",
    ).all() as {
      op: string;
      item_kind: string;
      cause: string | null;
    }[];
    assertEquals(ops[0]!.op, "dep_remove");
    assertEquals(ops.at(-1)!.item_kind, "epic");
    assert(ops.slice(0, -1).every((o) => o.cause === root.id));
    assertEquals(db.prepare("SELECT COUNT(*) AS n FROM dependencies").get()!.n, 0);
  } finally {
    db.close();
  }
  const nf = await fails(repo, ["epic", "show", e], "not_found");
  assertEquals(nf.error.details.deleted, true);
});
