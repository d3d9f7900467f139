import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import type { Ctx } from "../../core/context.ts";
import { CairnError } from "../../core/errors.ts";
import { loadSettings } from "../../core/config.ts";
import { locateStorage } from "../../core/store/location.ts";
import { openStore } from "../../core/store/open.ts";
import { write } from "../../core/store/tx.ts";
import { insertEpic, insertTask } from "../../core/items/insert.ts";
import { parseBatch, type SpecLists } from "../../core/batch/parse.ts";
import { splitSpec } from "../../core/batch/spec.ts";
import type { Issue } from "../../core/batch/spec.ts";
import { addDependenciesMany, createTasksMany } from "../../core/batch/mod.ts";
import { findBatchCycles } from "../../core/batch/cycles.ts";

function parse(lists: SpecLists, subtaskParent = true) {
  return parseBatch(lists, { subtaskParent });
}

function codes(issues: Issue[]): string[] {
  return issues.map((i) => i.code);
}

function split(raw: string) {
  const issues: Issue[] = [];
  const out = splitSpec({ option: "--task", index: 1, raw }, issues);
  return { fields: out?.fields ?? null, issues };
}

async function coreCtx(): Promise<Ctx & { close(): void }> {
  const dir = await Deno.makeTempDir({ prefix: "cairn-batch-" });
  const get = (name: string) => ({ CAIRN_DIR: `${dir}/.cairn` } as Record<string, string>)[name];
  const { store } = await openStore(locateStorage(dir, get));
  return {
    store,
    source: "cli",
    command: "test",
    env: get,
    now: () => Date.parse("2026-05-02T12:00:00.000Z"),
    actor: () => "tester",
    git: () => ({ branch: null, head: null, worktree: null }),
    settings: await loadSettings(null, get),
    close: () => store.close(),
  };
}

function specError(fn: () => unknown): CairnError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CairnError) return err;
    throw err;
  }
  throw new Error("expected a CairnError");
}

Deno.test("batch spec: escapes \\| \\\\ \\n \\t \\r are unescaped and fields trimmed", () => {
  const r = split(" k1 | a\\|b \\\\ c | line1\\nline2\\tx\\ry ");
  assertEquals(r.issues, []);
  assertEquals(r.fields, ["k1", "a|b \\ c", "line1\nline2\tx\ry"]);
});

Deno.test("batch spec: unknown escape and trailing lone backslash are bad_escape", () => {
  const a = split("k1|Title|bad \\x escape");
  assertEquals(a.fields, null);
  assertEquals(codes(a.issues), ["bad_escape"]);
  assertEquals(a.issues[0]!.field, 3);
  assertMatch(a.issues[0]!.message, /invalid escape \\x/);
  const b = split("k1|Title|ends with \\");
  assertEquals(codes(b.issues), ["bad_escape"]);
});

Deno.test("batch spec: the `| tail` footgun is bad_attribute with the escape hint", () => {
  const p = parse({ tasks: ["a|A|", "b|B|", "k1|Run tests|Verify: deno test | tail"] });
  assertEquals(codes(p.issues), ["bad_attribute"]);
  const issue = p.issues[0]!;
  assertEquals([issue.option, issue.index, issue.field], ["--task", 3, 4]);
  assertEquals(
    issue.message,
    '--task 3, field 4 "tail" is not an attribute (status: todo|in_progress|blocked|done or status=<s>; priority: p0..p4 or priority=<p>). If "|" belongs to the text, escape it as "\\|".',
  );
  assertEquals(issue.suggestion, "k1|Run tests|Verify: deno test \\| tail");
});

Deno.test("batch spec: attributes in bare and named forms, each at most once", () => {
  const ok = parse({ tasks: ["k|T|d|in_progress|p1", "j|T|d|status=blocked|priority=p3"] });
  assertEquals(ok.issues, []);
  assertEquals([ok.tasks[0]!.status, ok.tasks[0]!.priority], ["in_progress", 1]);
  assertEquals([ok.tasks[1]!.status, ok.tasks[1]!.priority], ["blocked", 3]);
  const bad = parse({
    tasks: ["a|T|d|status=doing", "b|T|d|owner=a1", "c|T|d|todo|status=done", "d|T|d|p1|p2"],
  });
  assertEquals(codes(bad.issues), [
    "invalid_value",
    "bad_attribute",
    "duplicate_attribute",
    "duplicate_attribute",
  ]);
});

Deno.test("batch spec: priority on a subtask is bad_attribute", () => {
  const p = parse({ subtasks: ["@t|s1|Sub|desc|p1"] });
  assertEquals(codes(p.issues), ["bad_attribute"]);
  assertMatch(p.issues[0]!.message, /subtasks have no priority/);
});

Deno.test("batch spec: empty attribute fields (`a || b`, trailing |) are empty_field", () => {
  const p = parse({ tasks: ["k|T|d||todo", "j|T|d|"] });
  assertEquals(codes(p.issues), ["empty_field", "empty_field"]);
  assertEquals(p.issues.map((i) => i.field), [4, 4]);
});

Deno.test("batch spec: the description must be present but may be empty", () => {
  const p = parse({ tasks: ["k1|Title|", "k2|Title"] });
  assertEquals(codes(p.issues), ["field_count"]);
  assertEquals(p.issues[0]!.index, 2);
  assertEquals(p.tasks[0]!.description, "");
});

Deno.test("batch spec: field counts of --dep and --criterion are exactly 2", () => {
  const p = parse({ deps: ["@a", "@a|@b|@c"], criteria: ["@a|text|more"] });
  assertEquals(codes(p.issues), ["field_count", "field_count", "field_count"]);
  assertEquals(p.issues[2]!.suggestion, "@a|text\\|more");
});

Deno.test("batch spec: empty titles, invalid keys, control characters and lengths", () => {
  const p = parse({
    tasks: [
      "k1| |d",
      "1bad|T|d",
      "@k|T|d",
      "k4|two\\nlines|d",
      `k5|${"x".repeat(201)}|d`,
      `k6|T|${"x".repeat(70_001)}`,
    ],
  });
  assertEquals(codes(p.issues), [
    "empty_title",
    "invalid_key",
    "invalid_key",
    "invalid_value",
    "too_long",
    "too_long",
  ]);
  assertEquals(p.issues[2]!.suggestion, "k");
  assertEquals(p.issues[5]!.field, null);
  assert(p.issues[5]!.spec.length <= 200);
});

Deno.test("batch spec: lengths count code points, so a surrogate pair is one character", () => {
  const p = parse({
    tasks: [
      `k1|${"😀".repeat(200)}|d`,
      `k2|${"😀".repeat(201)}|d`,
      `k3|\ud800${"x".repeat(200)}|d`,
    ],
  });
  assertEquals(codes(p.issues), ["too_long", "too_long"]);
  assertEquals(p.issues.map((i) => i.index), [2, 3]);
  assertMatch(p.issues[0]!.message, /is 201 characters long; the limit is 200/);
  assertMatch(p.issues[1]!.message, /is 201 characters long/); // a lone surrogate counts as one
});

Deno.test("batch spec: more than 5,000 specs reports too_many_specs once", () => {
  const tasks = Array.from({ length: 5_003 }, (_, i) => `k${i}|T|`);
  const p = parse({ tasks });
  assertEquals(codes(p.issues), ["too_many_specs"]);
  assertEquals(p.issues[0]!.index, 5_001);
});

Deno.test("batch refs: duplicate keys across --task and --subtask name both specs", async () => {
  const ctx = await coreCtx();
  try {
    const epic = write(ctx, (tx) => insertEpic(tx, { title: "E" }).id as string);
    const { expandEpic } = await import("../../core/batch/mod.ts");
    const err = specError(() =>
      expandEpic(ctx, {
        epic,
        tasks: ["parse|Parser|", "lex|Lexer|"],
        subtasks: ["@parse|parse|Parser tests|"],
      })
    );
    assertEquals(err.code, "invalid_spec");
    const issues = err.details.issues as Issue[];
    assertEquals(codes(issues), ["duplicate_key"]);
    assertMatch(issues[0]!.message, /--task 1/);
    assertEquals(issues[0]!.suggestion, "parse-parse");
  } finally {
    ctx.close();
  }
});

Deno.test("batch refs: a bare temp key is bare_key with an @ suggestion; unknown @key is unknown_key", async () => {
  const ctx = await coreCtx();
  try {
    const epic = write(ctx, (tx) => insertEpic(tx, { title: "E" }).id as string);
    const err = specError(() =>
      createTasksMany(ctx, {
        epic,
        tasks: ["parse|Parser|", "lex|Lexer|"],
        deps: ["parse|@lex", "@lex|@nope"],
      })
    );
    const issues = err.details.issues as Issue[];
    assertEquals(codes(issues), ["bare_key", "unknown_key"]);
    assertEquals(issues[0]!.suggestion, "@parse");
    assertEquals(ctx.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM tasks")!.n, 0);
  } finally {
    ctx.close();
  }
});

Deno.test("batch refs: dep add-many rejects temp keys with temp_key_not_allowed", async () => {
  const ctx = await coreCtx();
  try {
    const [a, b] = write(ctx, (tx) => {
      const e = insertEpic(tx, { title: "E" }).id as string;
      return [
        insertTask(tx, { epicId: e, title: "A" }).id as string,
        insertTask(tx, { epicId: e, title: "B" }).id as string,
      ];
    });
    const err = specError(() => addDependenciesMany(ctx, { deps: [`${a}|${b}`, `@x|${b}`] }));
    assertEquals(codes(err.details.issues as Issue[]), ["temp_key_not_allowed"]);
    assertEquals((err.details.issues as Issue[])[0]!.index, 2);
  } finally {
    ctx.close();
  }
});

Deno.test("batch cycles: self edges, and one path per component with a new edge", () => {
  const found = findBatchCycles(
    [["b", "c"], ["c", "a"], ["x", "y"], ["y", "x"]],
    [
      { index: 1, sourceId: "a", dependsOnId: "b" },
      { index: 2, sourceId: "q", dependsOnId: "q" },
      { index: 3, sourceId: "c", dependsOnId: "b" },
      { index: 4, sourceId: "d", dependsOnId: "a" },
    ],
  );
  assertEquals(found.map((f) => [f.index, f.reason, f.path]), [
    [1, "cycle", ["a", "b", "c", "a"]],
    [2, "self", ["q", "q"]],
  ]);
});

Deno.test("batch cycles: a long chain plus one closing edge is found without recursion limits", () => {
  const n = 50_000;
  const existing = Array.from({ length: n - 1 }, (_, i) => [`n${i}`, `n${i + 1}`] as const);
  const found = findBatchCycles(existing, [{ index: 1, sourceId: `n${n - 1}`, dependsOnId: "n0" }]);
  assertEquals(found.length, 1);
  assertEquals(found[0]!.path.length, n + 1);
  assertEquals(findBatchCycles(existing, [{ index: 1, sourceId: "n0", dependsOnId: "zz" }]), []);
});

Deno.test("batch refs: ambiguous prefixes, wrong kinds and other epics are issues, not top-level errors", async () => {
  const ctx = await coreCtx();
  try {
    const [epic, other] = write(ctx, (tx) => {
      const e = insertEpic(tx, { id: "e-aaaa0000", title: "E" }).id as string;
      const o = insertEpic(tx, { id: "e-bbbb0000", title: "O" }).id as string;
      insertTask(tx, { id: "t-abcd0001", epicId: e, title: "One" });
      insertTask(tx, { id: "t-abcd0002", epicId: e, title: "Two" });
      insertTask(tx, { id: "t-ffff0001", epicId: o, title: "Elsewhere" });
      return [e, o];
    });
    const err = specError(() =>
      createTasksMany(ctx, {
        epic,
        tasks: ["k|K|"],
        deps: ["@k|t-abcd", `@k|${epic}`, "@k|t-zzzz9999"],
        criteria: ["t-ffff0001|Not here"],
      })
    );
    const issues = err.details.issues as Issue[];
    assertEquals(codes(issues), [
      "ambiguous_ref",
      "ref_wrong_kind",
      "ref_not_found",
      "parent_other_epic",
    ]);
    assertMatch(issues[0]!.message, /t-abcd0001 "One", t-abcd0002 "Two"/);
    assertEquals(err.details.total, 4);
    assertEquals(other, "e-bbbb0000");
  } finally {
    ctx.close();
  }
});

Deno.test("batch warnings: an edge from a started item to an open prerequisite warns prerequisite_open", async () => {
  const ctx = await coreCtx();
  try {
    const [a, b] = write(ctx, (tx) => {
      const e = insertEpic(tx, { title: "E" }).id as string;
      return [
        insertTask(tx, { epicId: e, title: "A", status: "in_progress" }).id as string,
        insertTask(tx, { epicId: e, title: "B" }).id as string,
      ];
    });
    const d = addDependenciesMany(ctx, { deps: [`${a}|${b}`] });
    assertEquals(d.created, 1);
    assertEquals(d.warnings.map((w) => [w.code, w.ids]), [["prerequisite_open", [a]]]);
  } finally {
    ctx.close();
  }
});
