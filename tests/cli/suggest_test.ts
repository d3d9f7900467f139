import { assert, assertEquals } from "../helpers/assert.ts";
import { ok, tempRepo } from "../helpers/cli.ts";
import { parseArgs } from "../../cli/parse.ts";
import { TABLE } from "../../cli/table.ts";
import { SUGGESTION_COMMANDS } from "../../core/suggest.ts";
import { at, plan } from "./loop_seed.ts";

/** Splits a suggested command line the way a shell would (double quotes only). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

function parses(command: string): void {
  const argv = words(command);
  assertEquals(argv[0], "cairn", command);
  const parsed = parseArgs(argv.slice(1), TABLE);
  assert(parsed.command !== null, `${command} names a command`);
}

Deno.test("suggest: every command of the eleven rules parses against the command table", () => {
  const t = "t-3k9q2m7x";
  const e = "e-8d2m4n1p";
  const lines = [
    SUGGESTION_COMMANDS[1](),
    SUGGESTION_COMMANDS[2](),
    SUGGESTION_COMMANDS[3](),
    SUGGESTION_COMMANDS[4](t),
    SUGGESTION_COMMANDS[5](t, "agent-1"),
    SUGGESTION_COMMANDS[5]("s-0w4r6y8z", null),
    SUGGESTION_COMMANDS[6](t),
    SUGGESTION_COMMANDS[7](t, null),
    SUGGESTION_COMMANDS[8](e),
    SUGGESTION_COMMANDS[8](null),
    SUGGESTION_COMMANDS[9](e, "in_progress"),
    SUGGESTION_COMMANDS[9](e, "todo"),
    SUGGESTION_COMMANDS[10](e),
    SUGGESTION_COMMANDS[11](),
  ];
  for (const line of lines) parses(line);
  assertEquals(words(SUGGESTION_COMMANDS[11]()).slice(-2), [
    "--task",
    "<key>|<title>|<description>",
  ]);
});

Deno.test("suggest: no epics proposes planning one, with the inputs it needs", async () => {
  const repo = await tempRepo();
  const d = await ok(repo, ["suggest"]);
  assertEquals(d.suggestions.length, 1);
  const s = d.suggestions[0];
  assertEquals([s.priority, s.category, s.itemId], [11, "planning", null]);
  assertEquals(s.needsInput, ["title", "key", "description"]);
  assertEquals(d.context.activeEpic, null);
  parses(s.command);
});

Deno.test("suggest: an epic without tasks proposes expanding it", async () => {
  const repo = await tempRepo();
  const e = (await ok(repo, ["epic", "create", "--title", "Empty"])).epic.id;
  const d = await ok(repo, ["suggest"]);
  assertEquals(d.suggestions.map((s: { priority: number }) => s.priority), [10]);
  assertEquals(d.suggestions[0].command, SUGGESTION_COMMANDS[10](e));
  parses(d.suggestions[0].command);
});

Deno.test("suggest: stale claims, unblockable tasks and ready work, in priority order, within --limit", async () => {
  const repo = await tempRepo();
  const now = { env: { CAIRN_NOW: at(0), CAIRN_ACTOR: "a1" } };
  const p = await plan(repo, {
    task: ["held|Held|", "stuck|Stuck||blocked", "pre|Pre||done", "free|Free|"],
    dep: ["@stuck|@pre"],
  }, now);
  await ok(repo, ["task", "claim", p.held, "--lease", "1m"], {
    env: { CAIRN_NOW: at(0), CAIRN_ACTOR: "a2" },
  });
  const later = { env: { CAIRN_NOW: at(5), CAIRN_ACTOR: "" } };
  const d = await ok(repo, ["suggest", "--limit", "5"], later);
  const got = d.suggestions.map((s: { priority: number; category: string; itemId: string }) => [
    s.priority,
    s.category,
    s.itemId,
  ]);
  assertEquals(got, [[5, "claims", p.held], [6, "unblock", p.stuck], [7, "execution", p.held]]);
  assertEquals(d.suggestions[0].command, `cairn task claim ${p.held} --owner <owner>`);
  assertEquals(d.suggestions[0].needsInput, ["owner"]);
  assertEquals(d.context.staleClaims, 1);
  for (const s of d.suggestions) parses(s.command);
  const one = await ok(repo, ["suggest", "--limit", "1", "--owner", "a3"], later);
  assertEquals(one.suggestions.length, 1);
  assertEquals(one.suggestions[0].command, `cairn task claim ${p.held} --owner a3`);
  assertEquals(one.suggestions[0].needsInput, []);
});

Deno.test("suggest: when nothing is ready and nothing runs it points at task ready; a blocked epic closes with --cascade", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, {
    task: ["a|A||blocked", "b|B|"],
    subtask: ["@a|s|Step|"],
    dep: ["@a|@s", "@b|@a"],
  });
  const d = await ok(repo, ["suggest"]);
  assertEquals(d.suggestions.map((s: { command: string }) => s.command), [
    `cairn task ready --epic ${p.epic}`,
  ]);
  const q = await plan(repo, { task: ["x|X||done"] }, { title: "Done already" });
  await ok(repo, ["epic", "update", q.epic, "--status", "blocked"]);
  const closing = await ok(repo, ["suggest", "--epic", q.epic]);
  assertEquals(
    closing.suggestions[0].command,
    `cairn epic update ${q.epic} --status done --cascade`,
  );
  const closed = await ok(repo, words(closing.suggestions[0].command).slice(1));
  assertEquals([closed.epic.status, closed.changed.length], ["done", 1]);
});
