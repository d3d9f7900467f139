import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { cairn, git, ok, tempRepo } from "../helpers/cli.ts";

Deno.test("init: creates .cairn with its .gitignore at the repository root", async () => {
  const repo = await tempRepo();
  const data = await ok(repo, ["init"]);
  assertEquals(data.created, true);
  assertEquals(data.storage.mode, "git");
  assertEquals(data.storage.dir, `${repo.dir}/.cairn`);
  assertEquals(Deno.readTextFileSync(`${repo.dir}/.cairn/.gitignore`), "*\n");
  assertMatch(data.replicaId, /^r-[0-9a-z]{8}$/);
  const again = await ok(repo, ["init"]);
  assertEquals(again.created, false);
  assertEquals(again.replicaId, data.replicaId);
});

Deno.test("init: two worktrees of one repository share one database", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const wt = `${repo.dir}-wt`;
  await git(repo.dir, "worktree", "add", "-q", wt);
  const data = await ok(wt, ["init"]);
  assertEquals(data.storage.database, `${repo.dir}/.cairn/cairn.db`);
  assertEquals(data.created, false);
});

Deno.test("unknown subcommand: usage error with exit 2 and the group as command id", async () => {
  const repo = await tempRepo();
  const r = await cairn(repo, ["--json", "task", "frobnicate"]);
  assertEquals(r.code, 2);
  assertEquals(r.json.command, "task");
  assertEquals(r.json.error.code, "unknown_subcommand");
});
