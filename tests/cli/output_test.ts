import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { cairn, ok, tempRepo } from "../helpers/cli.ts";
import { epic, task } from "../helpers/items.ts";

Deno.test("output: piped stdout defaults to one JSON line with the envelope key order", async () => {
  const repo = await tempRepo();
  const e = await epic(repo, "Été ✓");
  const r = await cairn(repo, ["epic", "show", e]);
  assertEquals(r.stdout.split("\n").length, 2);
  assert(r.stdout.endsWith("}\n"));
  assertEquals(Object.keys(r.json), ["ok", "command", "data", "metadata"]);
  assert(r.stdout.includes("Été ✓"), "non-ASCII is written as is");
  assertEquals(r.json.metadata.contractVersion, "1.0.0");
  assertMatch(r.json.metadata.requestId, /^req-[0-9a-z]{16}$/);
  const f = await cairn(repo, ["epic", "show", "e-zzzzzzzz"]);
  assertEquals(Object.keys(f.json), ["ok", "command", "error", "metadata"]);
  assertEquals(Object.keys(f.json.error), ["code", "message", "details"]);
});

Deno.test("output: CAIRN_FORMAT selects the mode; flags win, the last flag wins", async () => {
  const repo = await tempRepo();
  const e = await epic(repo, "Parser");
  const toon = await cairn(repo, ["epic", "show", e], { env: { CAIRN_FORMAT: "toon" } });
  assert(toon.stdout.startsWith("ok: true\ncommand: epic.show\n"), toon.stdout);
  const human = await cairn(repo, ["epic", "show", e], { env: { CAIRN_FORMAT: "HUMAN" } });
  assert(human.stdout.startsWith(`epic ${e}  "Parser"`), human.stdout);
  const flag = await cairn(repo, ["--human", "epic", "show", e, "--json"], {
    env: { CAIRN_FORMAT: "toon" },
  });
  assertEquals(flag.json.ok, true);
  const bad = await cairn(repo, ["epic", "show", e], { env: { CAIRN_FORMAT: "yaml" } });
  assertEquals([bad.code, bad.json.error.code, bad.json.error.details.variable], [
    1,
    "invalid_input",
    "CAIRN_FORMAT",
  ]);
});

Deno.test("output: --compact drops metadata and empty fields but keeps false and 0", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const r = await cairn(repo, ["--json", "--compact", "epic", "show", e]);
  assertEquals(Object.keys(r.json), ["ok", "command", "data"]);
  assertEquals("description" in r.json.data.epic, false);
  assertEquals("completedAt" in r.json.data.epic, false);
  assertEquals(r.json.data.epic.version, 1);
  assertEquals(r.json.data.progress.tasks.total, 0);
  assertEquals("tasks" in r.json.data, false);
});

Deno.test("output: human mode prints a summary line, aligned tables and error hints", async () => {
  const repo = await tempRepo();
  const e = await epic(repo, "Plan");
  await task(repo, e, "First task", "--priority", "p1");
  await task(repo, e, "Second task", "--owner", "ann");
  const r = await cairn(repo, ["--human", "task", "list"]);
  const lines = r.stdout.trimEnd().split("\n");
  assertEquals(lines[0], "2 tasks");
  assertEquals(lines[1], `ID${" ".repeat(10)}EPIC${" ".repeat(8)}STATUS  PRI  OWNER  TITLE`);
  assertMatch(lines[2]!, /^t-\w{8} {2}e-\w{8} {2}todo {4}p1 {3}- {6}First task$/);
  const none = await cairn(repo, ["--human", "task", "list", "--status", "done"]);
  assertEquals(none.stdout, "0 tasks\nNo tasks match.\n");
  const err = await cairn(repo, ["--human", "epic", "update", e, "--status", "done"]);
  assertEquals(err.code, 1);
  assert(err.stdout.startsWith("error: Cannot move epic"), err.stdout);
  assert(err.stdout.includes("[status_transition_invalid]"));
  const created = await cairn(repo, ["--human", "epic", "create", "--title", "Next"]);
  assertMatch(created.stdout, /^Created epic e-\w{8} "Next"\n$/);
});

Deno.test("output: NO_COLOR off and a terminal-like human run colours statuses only when allowed", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  await task(repo, e, "T", "--status", "blocked");
  const plain = await cairn(repo, ["--human", "task", "list"]);
  assertEquals(plain.stdout.includes("\x1b["), false);
  const data = await ok(repo, ["task", "list"]);
  assertEquals(data.tasks[0].status, "blocked");
});
