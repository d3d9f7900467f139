import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, dumpDb, ok, tempRepo } from "../helpers/cli.ts";
import { epic, task } from "../helpers/items.ts";

Deno.test("parse: --opt=value, short aliases, --desc, and enum normalisation", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const d = await ok(repo, [
    "task",
    "create",
    `--epic=${e}`,
    "--title=a=b",
    "--desc",
    "text",
    "-s",
    "IN-PROGRESS",
    "-p",
    "0",
  ]);
  assertEquals([d.task.title, d.task.description, d.task.status, d.task.priority], [
    "a=b",
    "text",
    "in_progress",
    "p0",
  ]);
  const empty = await ok(repo, ["task", "update", d.task.id, "--owner=ann"]);
  assertEquals(empty.task.owner, "ann");
  assertEquals((await ok(repo, ["task", "update", d.task.id, "--owner="])).task.owner, null);
});

Deno.test("parse: the next token is a value whatever it looks like", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const a = await ok(repo, ["task", "create", "--epic", e, "--title", "-h"]);
  assertEquals(a.task.title, "-h");
  const b = await ok(repo, [
    "task",
    "create",
    "--epic",
    e,
    "--title",
    "--json",
    "--description",
    "--title",
  ]);
  assertEquals([b.task.title, b.task.description], ["--json", "--title"]);
});

Deno.test("parse: -- ends option parsing; later tokens are positionals", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const r = await cairn(repo, ["--json", "show", "--", "-x"]);
  assertEquals([r.code, r.json.error.code], [1, "invalid_id"]);
  const extra = await cairn(repo, ["--json", "show", "--", "t-abcd", "--all"]);
  assertEquals([extra.code, extra.json.error.code], [2, "unexpected_argument"]);
  assertEquals(extra.json.error.details.unexpected, ["--all"]);
});

Deno.test("parse: unknown option → usage error with suggestions and the allowed options", async () => {
  const repo = await tempRepo();
  const r = await cairn(repo, ["--json", "task", "update", "t-abcd", "--titel", "x"]);
  assertEquals(r.code, 2);
  assertEquals(r.json.command, "task.update");
  assertEquals(r.json.error.code, "unknown_option");
  assertEquals(r.json.error.details.suggestions, ["--title"]);
  assert(r.json.error.details.allowedOptions.includes("--append-file"));
  const bundled = await cairn(repo, ["--json", "task", "create", "-tTitle"]);
  assertEquals([bundled.code, bundled.json.error.code], [2, "unknown_option"]);
});

Deno.test("parse: missing value, boolean with a value, repeated option, bad int, bad enum", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const before = dumpDb(repo.db);
  const cases: [string[], string][] = [
    [["task", "create", "--epic"], "missing_value"],
    [["task", "list", "--all=yes"], "invalid_value"],
    [["task", "list", "--limit", "0"], "invalid_value"],
    [["task", "list", "--limit", "07"], "invalid_value"],
    [["task", "list", "--status", "doing"], "invalid_value"],
    [["task", "create", "--epic", e, "--title", "x", "--priority", "p9"], "invalid_value"],
    [["task", "create", "--epic", e, "--title", "a", "--title", "a"], "conflicting_options"],
    [["task", "create", "--title", "a"], "missing_argument"],
    [["epic", "create", "--title", "a", "--before", e, "--after", e], "conflicting_options"],
    [["epic", "update", e, "--description", "a", "--append", "b"], "conflicting_options"],
  ];
  for (const [args, code] of cases) {
    const r = await cairn(repo, ["--json", ...args]);
    assertEquals([r.code, r.json.error.code], [2, code], args.join(" "));
  }
  const rep = await cairn(repo, [
    "--json",
    "task",
    "create",
    "--epic",
    e,
    "--title",
    "a",
    "--title",
    "b",
  ]);
  assertEquals(rep.json.error.details, { option: "--title", values: ["a", "b"] });
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("parse: -h anywhere shows help without running; a group alone shows its help", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const before = dumpDb(repo.db);
  for (
    const args of [["task", "create", "-h"], ["-h", "task", "create"], [
      "task",
      "create",
      "--bogus",
      "--help",
      "--epic",
      e,
    ]]
  ) {
    const r = await cairn(repo, ["--json", ...args]);
    assertEquals(
      [r.code, r.json.command, r.json.data.topic],
      [0, "help", "task create"],
      args.join(" "),
    );
  }
  const value = await ok(repo, ["task", "create", "--epic", e, "--title", "--help"]);
  assertEquals(value.task.title, "--help");
  const group = await cairn(repo, ["--json", "task"]);
  assertEquals([group.code, group.json.command, group.json.data.topic], [0, "help", "task"]);
  assert(group.json.data.subcommands.some((s: { name: string }) => s.name === "update"));
  const human = await cairn(repo, ["--human", "task", "update", "-h"]);
  assert(human.stdout.includes("Usage: cairn task update"));
  await task(repo, e, "after help");
  assert(dumpDb(repo.db) !== before);
});

Deno.test("parse: exit codes are 0 on success, 1 on a domain failure, 2 on a usage error", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  assertEquals((await cairn(repo, ["--json", "epic", "show", e])).code, 0);
  assertEquals((await cairn(repo, ["--json", "epic", "show", "e-zzzzzzzz"])).code, 1);
  assertEquals((await cairn(repo, ["--json", "epic", "frobnicate"])).code, 2);
  const root = await cairn(repo, ["--json", "frobnicate"]);
  assertEquals([root.code, root.json.command, root.json.error.code], [
    2,
    "cairn",
    "unknown_command",
  ]);
  assertEquals(
    (await cairn(repo, ["--json", "dep", "remove", "t-zzzzzzzz", "t-yyyyyyyy"])).code,
    1,
  );
});
