import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, dumpDb, ok, tempRepo } from "../helpers/cli.ts";

Deno.test("bad input: every malformed command answers a registered code and writes nothing", async () => {
  const repo = await tempRepo();
  const plan = await ok(repo, [
    "epic",
    "create",
    "--title",
    "Seed",
    "--task",
    "a|A|",
    "--task",
    "b|B||in_progress",
    "--task",
    "c|C||done",
    "--subtask",
    "@a|s|Sub|",
    "--dep",
    "@b|@a",
    "--criterion",
    "@b|Has tests",
  ]);
  const e = plan.epic.id;
  const [a, b, c] = ["a", "b", "c"].map((k) =>
    plan.mappings.find((m: { tempKey: string }) => m.tempKey === k).id
  );
  const s = plan.mappings.find((m: { tempKey: string }) => m.tempKey === "s").id;
  const other = (await ok(repo, ["epic", "create", "--title", "Other"])).epic.id;
  const before = dumpDb(repo.db);
  const cases: [string[], string][] = [
    [["task", "update", a, "--titel", "x"], "unknown_option"],
    [["task", "update", a, "--status", "doing"], "invalid_value"],
    [["task", "update", a, "--status", "done"], "status_transition_invalid"],
    [["task", "update", b, "--status", "done"], "dependency_blocked"],
    [["task", "update", a, "--title", "  "], "invalid_input"],
    [["task", "update", a, "--title", "two\nlines"], "invalid_input"],
    [["task", "update", a, "--owner", "has space"], "invalid_input"],
    [["task", "update", a, "--title", "t".repeat(201)], "too_long"],
    [["task", "update", "--ids", `${a},${c}`, "--status", "blocked"], "status_transition_invalid"],
    [["task", "update", "--ids", `${a},t-zzzzzzzz`, "--priority", "p1"], "not_found"],
    [["task", "update", a], "missing_argument"],
    [["task", "update", a, "--force"], "missing_argument"],
    [["task", "update", a, "--cascade", "--status", "blocked"], "invalid_value"],
    [["task", "create", "--epic", other, "--title", "X", "--before", a], "invalid_input"],
    [["task", "create", "--epic", "e-zzzzzzzz", "--title", "X"], "not_found"],
    [["task", "create", "--epic", e, "--title", "X", "--status", "started"], "invalid_value"],
    [["subtask", "create", a, "--task", a, "--title", "X"], "conflicting_options"],
    [["subtask", "update", s, "--status", "done"], "status_transition_invalid"],
    [["epic", "update", e, "--status", "done"], "children_open"],
    [["epic", "update", "--ids", `${e},${other}`, "--title", "x"], "conflicting_options"],
    [["epic", "delete", e], "has_children"],
    [
      ["epic", "create", "--title", "Bad", "--task", "k|Run tests|deno test | tail"],
      "invalid_spec",
    ],
    [["epic", "create", "--title", "Bad", "--task", "k|A|", "--dep", "@k|@k"], "dependency_cycle"],
    [["dep", "add", a, a], "dependency_cycle"],
    [["dep", "add", a, b], "dependency_cycle"],
    [["dep", "add", a, e], "wrong_kind"],
    [["dep", "add", a, "t-"], "invalid_id"],
    [["task", "delete", "t-zzzzzzzz"], "not_found"],
    [["subtask", "delete", a], "wrong_kind"],
    [["history", a, "--field", "colour"], "invalid_value"],
    [["task", "list", "--cursor", "bogus"], "invalid_value"],
    [["wipe"], "confirmation_required"],
    [["frobnicate"], "unknown_command"],
    [["task", "frobnicate"], "unknown_subcommand"],
  ];
  for (const [args, code] of cases) {
    const r = await cairn(repo, ["--json", ...args]);
    assertEquals(
      [r.json?.ok, r.json?.error?.code],
      [false, code],
      `${args.join(" ")}: ${r.stdout}`,
    );
    assert(r.code === 1 || r.code === 2);
  }
  assertEquals(dumpDb(repo.db), before);
});
