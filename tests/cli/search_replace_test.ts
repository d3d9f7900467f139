import { assertEquals } from "../helpers/assert.ts";
import { dumpDb, fails, type Json, ok, openDb, type Repo, tempRepo } from "../helpers/cli.ts";
import { planEpic } from "../helpers/items.ts";

/** Two epics; the first has tasks with descriptions, a subtask and criteria. */
async function seeded(): Promise<{ repo: Repo; id: Record<string, string> }> {
  const repo = await tempRepo();
  const { data: e1, id } = await planEpic(
    repo,
    "Lexer work",
    "--description",
    "The lexer feeds the parser.",
    "--task",
    "lex|Write lexer|Tokenise input; the lexer must be fast. lexer lexer",
    "--task",
    "parse|Write parser|Consumes lexer tokens|in_progress",
    "--subtask",
    "@parse|pt|Lexer fixtures for parser tests|",
    "--criterion",
    "@lex|Lexer handles UTF-8",
  );
  const e2 = await ok(repo, ["epic", "create", "--title", "École LEXER", "--task", "x|Unrelated|"]);
  Object.assign(id, { e1: e1.epic.id, e2: e2.epic.id, c: e1.criteria[0].id, x: e2.tasks[0].id });
  return { repo, id };
}

Deno.test("search: literal, in tree order, with counts and snippets", async () => {
  const { repo, id } = await seeded();
  const d = await ok(repo, ["search", "lexer"]);
  assertEquals(d.matches.map((m: Json) => [m.item.id, m.item.kind]), [
    [id.e1, "epic"],
    [id.lex, "task"],
    [id.parse, "task"],
  ]);
  const lex = d.matches[1];
  assertEquals(lex.item.parentId, id.e1);
  assertEquals(lex.fields, [
    { field: "title", count: 1, snippet: "Write lexer" },
    {
      field: "description",
      count: 3,
      snippet: "Tokenise input; the lexer must be fast. lexer lexer",
    },
  ]);
  assertEquals(d.summary, { items: 3, fields: 4, occurrences: 6 });
  assertEquals(d.page, { limit: 100, nextCursor: null, total: 3 });
  assertEquals(d.query, {
    text: "lexer",
    fields: ["title", "description", "criteria"],
    ignoreCase: false,
    in: null,
    status: null,
  });
});

Deno.test("search --ignore-case: criteria, subtasks and non-ASCII fold length-preserving", async () => {
  const { repo, id } = await seeded();
  const d = await ok(repo, ["search", "LEXER", "--ignore-case"]);
  assertEquals(d.matches.map((m: Json) => m.item.id), [
    id.e1,
    id.lex,
    id.c,
    id.parse,
    id.pt,
    id.e2,
  ]);
  const crit = d.matches[2].item;
  assertEquals([crit.kind, crit.title, crit.status, crit.parentId], [
    "criterion",
    "Lexer handles UTF-8",
    "open",
    id.lex,
  ]);
  const accents = await ok(repo, ["search", "école", "--ignore-case"]);
  assertEquals(accents.matches.map((m: Json) => m.item.id), [id.e2]);
  assertEquals(accents.matches[0].fields[0].snippet, "École LEXER");
});

Deno.test("search: --in, --fields and --status narrow the scope", async () => {
  const { repo, id } = await seeded();
  const inTask = await ok(repo, ["search", "lexer", "--in", id.parse!, "--ignore-case"]);
  assertEquals(inTask.matches.map((m: Json) => m.item.id), [id.parse, id.pt]);
  const desc = await ok(repo, ["search", "lexer", "--fields", "description"]);
  assertEquals(desc.matches.map((m: Json) => m.item.id), [id.e1, id.lex, id.parse]);
  assertEquals(desc.summary.fields, 3);
  const crit = await ok(repo, ["search", "Lexer", "--fields", "criteria"]);
  assertEquals(crit.matches.map((m: Json) => m.item.id), [id.c]);
  // The epic auto-started when its in_progress task was created.
  const started = await ok(repo, ["search", "lexer", "--status", "in_progress"]);
  assertEquals(started.matches.map((m: Json) => m.item.id), [id.e1, id.parse]);
  const todo = await ok(repo, ["search", "lexer", "--status", "todo", "--ignore-case"]);
  assertEquals(todo.matches.map((m: Json) => m.item.id), [id.lex, id.c, id.pt, id.e2]);
});

Deno.test("search: pages with --limit and --cursor; a foreign cursor is invalid_value", async () => {
  const { repo, id } = await seeded();
  const p1 = await ok(repo, ["search", "lexer", "--limit", "2"]);
  assertEquals(p1.matches.map((m: Json) => m.item.id), [id.e1, id.lex]);
  assertEquals(p1.page.total, 3);
  const p2 = await ok(repo, ["search", "lexer", "--limit", "2", "--cursor", p1.page.nextCursor]);
  assertEquals(p2.matches.map((m: Json) => m.item.id), [id.parse]);
  assertEquals(p2.page.nextCursor, null);
  const bad = await fails(
    repo,
    ["search", "parser", "--cursor", p1.page.nextCursor],
    "invalid_value",
  );
  assertEquals(bad.exitCode, 2);
  await fails(repo, ["search", "   "], "invalid_input");
});

Deno.test("replace: preview by default writes nothing; --apply updates each item once", async () => {
  const { repo, id } = await seeded();
  const before = dumpDb(repo.db);
  const preview = await ok(repo, ["replace", "--search", "lexer", "--replace", "tokenizer"]);
  assertEquals(preview.mode, "preview");
  assertEquals(preview.summary, { items: 3, fields: 4, occurrences: 6 });
  assertEquals(preview.changes[1].item, {
    id: id.lex,
    kind: "task",
    title: "Write lexer",
    status: "todo",
  });
  assertEquals(preview.changes[1].fields[0], {
    field: "title",
    count: 1,
    before: "Write lexer",
    after: "Write tokenizer",
  });
  assertEquals(dumpDb(repo.db), before);
  const applied = await ok(repo, [
    "replace",
    "--search",
    "lexer",
    "--replace",
    "tokenizer",
    "--apply",
    "--expect",
    "6",
  ]);
  assertEquals(applied.mode, "apply");
  const db = openDb(repo.db);
  try {
    const task = db.prepare("SELECT title, description, version FROM tasks WHERE id = ?").get(
      id.lex!,
    ) as Json;
    assertEquals({ ...task }, {
      title: "Write tokenizer",
      description: "Tokenise input; the tokenizer must be fast. tokenizer tokenizer",
      version: 2,
    });
    const events = db.prepare(
      "SELECT item_id FROM events WHERE command = 'replace' ORDER BY seq",
    ).all() as Json[];
    assertEquals(events.map((e) => e.item_id), [id.e1, id.lex, id.parse]);
  } finally {
    db.close();
  }
});

Deno.test("replace --expect: a different count is match_count_mismatch and writes nothing", async () => {
  const { repo } = await seeded();
  const before = dumpDb(repo.db);
  const env = await fails(repo, [
    "replace",
    "--search",
    "lexer",
    "--replace",
    "x",
    "--apply",
    "--expect",
    "5",
  ], "match_count_mismatch");
  assertEquals(env.error.details, { expected: 5, actual: 6 });
  await fails(
    repo,
    ["replace", "--search", "lexer", "--replace", "x", "--expect", "7"],
    "match_count_mismatch",
  );
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("replace --ignore-case: matches any case, inserts the replacement verbatim", async () => {
  const { repo, id } = await seeded();
  const d = await ok(repo, [
    "replace",
    "--search",
    "LEXER",
    "--replace",
    "Scanner",
    "--ignore-case",
    "--in",
    id.e2!,
    "--apply",
  ]);
  assertEquals(d.changes[0].fields[0].after, "École Scanner");
  assertEquals(d.summary.occurrences, 1);
  const again = await ok(repo, ["search", "lexer", "--ignore-case", "--in", id.e2!]);
  assertEquals(again.matches, []);
});

Deno.test("replace --apply: an invalid result (empty title) is invalid_input and writes nothing", async () => {
  const { repo, id } = await seeded();
  const before = dumpDb(repo.db);
  const env = await fails(repo, [
    "replace",
    "--search",
    "Unrelated",
    "--replace",
    "",
    "--apply",
  ], "invalid_input");
  assertEquals(env.error.details.issues, [{ id: id.x, field: "title", reason: "empty" }]);
  const nl = await fails(repo, [
    "replace",
    "--search",
    "Write",
    "--replace",
    "two\nlines",
    "--apply",
  ], "invalid_input");
  assertEquals(nl.error.details.issues.map((i: Json) => i.reason), [
    "control_characters",
    "control_characters",
  ]);
  assertEquals(dumpDb(repo.db), before);
  assertEquals((await fails(repo, ["replace", "--search", "x"], "missing_argument")).exitCode, 2);
});
