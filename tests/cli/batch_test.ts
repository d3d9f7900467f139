import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { dumpDb, fails, type Json, ok, openDb, type Repo, tempRepo } from "../helpers/cli.ts";
import { planEpic } from "../helpers/items.ts";

const NOW = { CAIRN_NOW: "2026-05-02T12:00:00.000Z" };

/** A repo with one epic and two tasks (`a`, `b`) created by a batch. */
async function seeded(): Promise<{ repo: Repo; epic: string; a: string; b: string }> {
  const repo = await tempRepo();
  const { data, id } = await planEpic(repo, "Base", "--task", "a|A|", "--task", "b|B|");
  return { repo, epic: data.epic.id, a: id.a, b: id.b };
}

Deno.test("epic create: 6 tasks, subtasks, criteria and a diamond of deps in one batch, in spec order", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, [
    "epic",
    "create",
    "--title",
    "Parser: streaming JSON",
    "--priority",
    "p1",
    ...[
      "lex|Write lexer|Tokenise the input.\\nSee docs/lexer.md|p1",
      "parse|Write parser|",
      "ast|Build AST|",
    ]
      .flatMap((t) => ["--task", t]),
    ...["check|Type check|", "docs|Document flags|Explain the a\\|b syntax|status=todo|priority=p3"]
      .flatMap((t) => ["--task", t]),
    "--task",
    "ship|Ship it||blocked",
    "--subtask",
    "@parse|parse-tests|Parser tests|Table-driven",
    "--subtask",
    "@parse|parse-errors|Error paths|",
    "--subtask",
    "@lex|lex-bench|Lexer benchmark||in_progress",
    "--dep",
    "@parse|@lex",
    "--dep",
    "@ast|@lex",
    "--dep",
    "@check|@parse",
    "--dep",
    "@check|@ast",
    "--dep",
    "@parse-errors|@parse-tests",
    "--criterion",
    "@parse|Parses all 200 sample files",
    "--criterion",
    "@parse|Error messages carry line and column",
    "--criterion",
    "@lex|Handles \\| in strings",
  ], { env: NOW });
  assertEquals(d.counts, {
    tasks: 6,
    subtasks: 3,
    criteria: 3,
    dependencies: 5,
    skippedDependencies: 0,
  });
  assertEquals(d.mappings.map((m: Json) => [m.kind, m.tempKey]), [
    ["task", "lex"],
    ["task", "parse"],
    ["task", "ast"],
    ["task", "check"],
    ["task", "docs"],
    ["task", "ship"],
    ["subtask", "parse-tests"],
    ["subtask", "parse-errors"],
    ["subtask", "lex-bench"],
  ]);
  const id = Object.fromEntries(d.mappings.map((m: Json) => [m.tempKey, m.id]));
  assertEquals(d.tasks.map((t: Json) => t.position), [1, 2, 3, 4, 5, 6]);
  assertEquals(d.tasks[0].description, "Tokenise the input.\nSee docs/lexer.md");
  assertEquals([d.tasks[4].title, d.tasks[4].description, d.tasks[4].priority], [
    "Document flags",
    "Explain the a|b syntax",
    "p3",
  ]);
  assertEquals(d.tasks[5].status, "blocked");
  assertEquals(d.subtasks.map((s: Json) => [s.taskId, s.position]), [
    [id.parse, 1],
    [id.parse, 2],
    [id.lex, 1],
  ]);
  assertEquals(d.criteria.map((c: Json) => [c.taskId, c.position, c.text]), [
    [id.parse, 1, "Parses all 200 sample files"],
    [id.parse, 2, "Error messages carry line and column"],
    [id.lex, 1, "Handles | in strings"],
  ]);
  assertEquals(d.dependencies.map((e: Json) => [e.sourceId, e.dependsOnId]), [
    [id.parse, id.lex],
    [id.ast, id.lex],
    [id.check, id.parse],
    [id.check, id.ast],
    [id["parse-errors"], id["parse-tests"]],
  ]);
  // A subtask created in_progress auto-starts the new epic.
  assertEquals(d.epic.status, "in_progress");
  assertEquals(d.auto, [{ id: d.epic.id, kind: "epic", from: "todo", to: "in_progress" }]);
  const db = openDb(repo.db);
  try {
    const rows = db.prepare("SELECT title FROM tasks ORDER BY position").all() as Json[];
    assertEquals(rows.map((r) => r.title), [
      "Write lexer",
      "Write parser",
      "Build AST",
      "Type check",
      "Document flags",
      "Ship it",
    ]);
    const events = db.prepare("SELECT id, cause FROM events ORDER BY seq").all() as Json[];
    assertEquals(events.length, 1 + 6 + 3 + 3 + 5 + 1);
    assertEquals(events[0].cause, null);
    assert(events.slice(1).every((e) => e.cause === events[0].id), "all caused by the first event");
  } finally {
    db.close();
  }
});

const BAD_SPECS: [string, string[], string, (d: Json) => void][] = [
  ["unknown temp key", ["--dep", "@c|@nope"], "invalid_spec", (err) => {
    assertEquals(err.details.issues[0].code, "unknown_key");
    assertEquals([err.details.issues[0].option, err.details.issues[0].index], ["--dep", 3]);
  }],
  ["cycle", ["--dep", "@a2|@c"], "dependency_cycle", (err) => {
    assertEquals(err.details.reason, "batch");
    // The first new edge of the cycle (in spec order) is the one reported.
    assertEquals(err.details.issues[0].index, 1);
    assertEquals(err.details.issues[0].reason, "cycle");
    assertEquals(err.details.issues[0].path.length, 4);
  }],
  ["bad status", ["--task", "d|D||status=doing"], "invalid_spec", (err) => {
    assertEquals(err.details.issues[0].code, "invalid_value");
    assertEquals([err.details.issues[0].option, err.details.issues[0].index], ["--task", 4]);
  }],
  ["stray |", ["--task", "d|Run|deno test | tail"], "invalid_spec", (err) => {
    assertEquals(err.details.issues[0].code, "bad_attribute");
    assertMatch(err.message, /--task 4, field 4 "tail"/);
  }],
];

for (const [name, extra, code, check] of BAD_SPECS) {
  Deno.test(`task create-many: one bad spec (${name}) fails with ${code} and writes nothing`, async () => {
    const { repo, epic } = await seeded();
    const before = dumpDb(repo.db);
    const args = [
      "task",
      "create-many",
      "--epic",
      epic,
      "--task",
      "a2|A2|",
      "--task",
      "b2|B2|",
      "--task",
      "c|C|",
      "--dep",
      "@c|@b2",
      "--dep",
      "@b2|@a2",
      "--criterion",
      "@c|Works",
      ...extra,
    ];
    const env = await fails(repo, args, code);
    assertEquals(env.exitCode, 1);
    check(env.error);
    assertEquals(dumpDb(repo.db), before);
  });
}

Deno.test("task create-many: an unknown epic is not_found and writes nothing", async () => {
  const { repo } = await seeded();
  const before = dumpDb(repo.db);
  const env = await fails(repo, [
    "task",
    "create-many",
    "--epic",
    "e-zzzzzzzz",
    "--task",
    "a|A|",
  ], "not_found");
  assertEquals(env.error.details.id, "e-zzzzzzzz");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("epic expand: subtask parent in another epic is parent_other_epic; no spec is missing_argument", async () => {
  const { repo, epic, a } = await seeded();
  const other = (await ok(repo, ["epic", "create", "--title", "Other", "--task", "x|X|"])).epic.id;
  const before = dumpDb(repo.db);
  const env = await fails(
    repo,
    ["epic", "expand", other, "--subtask", `${a}|s|Sub|`],
    "invalid_spec",
  );
  assertEquals(env.error.details.issues[0].code, "parent_other_epic");
  assertEquals(dumpDb(repo.db), before);
  const missing = await fails(repo, ["epic", "expand", epic], "missing_argument");
  assertEquals(missing.exitCode, 2);
  assertEquals(missing.error.details.anyOf, ["--task", "--subtask", "--dep", "--criterion"]);
});

Deno.test("epic expand: appends after existing tasks and reopens a done epic", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, [
    "epic",
    "create",
    "--title",
    "E",
    "--status",
    "done",
    "--task",
    "a|A||done",
  ]);
  assertEquals(d.epic.status, "done");
  const x = await ok(repo, [
    "epic",
    "expand",
    d.epic.id,
    "--task",
    "b|B|",
    "--subtask",
    `${d.tasks[0].id}|s|Sub|`,
    "--criterion",
    `${d.tasks[0].id}|Still holds`,
  ]);
  assertEquals(x.tasks[0].position, 2);
  assertEquals(x.auto, [{ id: d.epic.id, kind: "epic", from: "done", to: "in_progress" }]);
  assertEquals(x.warnings.map((w: Json) => w.code), ["task_done"]);
});

Deno.test("dep add-many: existing and repeated edges are skipped, not errors", async () => {
  const { repo, epic, a, b } = await seeded();
  const c =
    (await ok(repo, ["task", "create-many", "--epic", epic, "--task", "c|C|"])).mappings[0].id;
  await ok(repo, ["dep", "add-many", "--dep", `${b}|${a}`]);
  const d = await ok(repo, [
    "dep",
    "add-many",
    "--dep",
    `${b}|${a}`,
    "--dep",
    `${c}|${b}`,
    "--dep",
    `${c.slice(0, 6)}|${b}`,
  ]);
  assertEquals(d.created, 1);
  assertEquals(d.dependencies.map((e: Json) => [e.sourceId, e.dependsOnId]), [[c, b]]);
  assertEquals(d.skipped, [
    { index: 1, sourceId: b, dependsOnId: a, reason: "exists" },
    { index: 3, sourceId: c, dependsOnId: b, reason: "duplicate" },
  ]);
});

Deno.test("dep add-many: a new edge that closes a cycle with stored edges is dependency_cycle", async () => {
  const { repo, a, b } = await seeded();
  await ok(repo, ["dep", "add-many", "--dep", `${b}|${a}`]);
  const before = dumpDb(repo.db);
  const env = await fails(repo, [
    "dep",
    "add-many",
    "--dep",
    `${b}|${a}`,
    "--dep",
    `${a}|${b}`,
    "--dep",
    `${a}|${b}`,
  ], "dependency_cycle");
  assertEquals(env.error.details.issues, [
    { index: 2, sourceId: a, dependsOnId: b, reason: "cycle", path: [a, b, a] },
  ]);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task create-many: a cycle through a new task and a stored path is dependency_cycle", async () => {
  const { repo, epic, a, b } = await seeded();
  const c = (await ok(repo, ["task", "create", "--epic", epic, "--title", "C"])).task.id;
  // Stored: b > c > a. New: a > @n > b closes a > n > b > c > a.
  await ok(repo, ["dep", "add-many", "--dep", `${b}|${c}`, "--dep", `${c}|${a}`]);
  const before = dumpDb(repo.db);
  const env = await fails(repo, [
    "task",
    "create-many",
    "--epic",
    epic,
    "--task",
    "n|N|",
    "--dep",
    `${a}|@n`,
    "--dep",
    `@n|${b}`,
  ], "dependency_cycle");
  const [issue] = env.error.details.issues;
  assertEquals(issue.path.slice(1, -1).length, 3);
  assertEquals([issue.path[0], ...issue.path.slice(-3)], [a, b, c, a]);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task create-many: skipped edges are reported with exists and duplicate", async () => {
  const { repo, epic, a, b } = await seeded();
  await ok(repo, ["dep", "add-many", "--dep", `${b}|${a}`]);
  const d = await ok(repo, [
    "task",
    "create-many",
    "--epic",
    epic,
    "--task",
    "c|C|",
    "--dep",
    `${b}|${a}`,
    "--dep",
    `@c|${b}`,
    "--dep",
    `@c|${b}`,
  ]);
  assertEquals(d.skipped.map((s: Json) => [s.index, s.reason]), [[1, "exists"], [3, "duplicate"]]);
  assertEquals(d.counts, { tasks: 1, criteria: 0, dependencies: 1, skippedDependencies: 2 });
  assertEquals(d.tasks[0].position, 3);
});

Deno.test("dep add-many: 1,000 edges in one call", async () => {
  const repo = await tempRepo();
  const epic = (await ok(repo, ["epic", "create", "--title", "Big"])).epic.id;
  const tasks = Array.from({ length: 1001 }, (_, i) => ["--task", `k${i}|Task ${i}|`]).flat();
  const made = await ok(repo, ["task", "create-many", "--epic", epic, ...tasks]);
  const ids: string[] = made.mappings.map((m: Json) => m.id);
  assertEquals(ids.length, 1001);
  const deps = Array.from({ length: 1000 }, (_, i) => ["--dep", `${ids[i + 1]}|${ids[i]}`]).flat();
  const d = await ok(repo, ["dep", "add-many", ...deps]);
  assertEquals(d.created, 1000);
  assertEquals(d.skipped, []);
  const closing = await fails(
    repo,
    ["dep", "add-many", "--dep", `${ids[0]}|${ids[1000]}`],
    "dependency_cycle",
  );
  assertEquals(closing.error.details.issues[0].path.length, 1002);
});
