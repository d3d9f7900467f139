/**
 * `skills install` and `skills update` (SPEC §16.2, §16.3) on real
 * repositories, with a temporary HOME for global installs.
 */
import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, fails, ok, tempRepo } from "../helpers/cli.ts";
import { SKILL_FILES } from "../../generated/skills.ts";

const EDITOR_DIRS = {
  claude: ".claude/skills",
  codex: ".codex/skills",
  opencode: ".opencode/skills",
  pi: ".pi/skills",
  cursor: ".cursor/skills",
};

async function tempHome(): Promise<string> {
  return Deno.realPathSync(await Deno.makeTempDir({ prefix: "cairn-home-" }));
}

/** Deno's cache lives under HOME by default; keep the real one when HOME is replaced. */
const DENO_DIR = Deno.env.get("DENO_DIR") ??
  JSON.parse(
    new TextDecoder().decode(
      new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).outputSync().stdout,
    ),
  ).denoDir;

function withHome(home: string) {
  return { env: { HOME: home, DENO_DIR } };
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("skills install: copies the skill to <repo root>/.agents/skills/cairn, even from a subdirectory", async () => {
  const repo = await tempRepo();
  Deno.mkdirSync(`${repo.dir}/src/deep`, { recursive: true });
  const home = await tempHome();
  const data = await ok(repo, ["skills", "install"], {
    cwd: `${repo.dir}/src/deep`,
    ...withHome(home),
  });
  const copy = `${repo.dir}/.agents/skills/cairn`;
  assertEquals(data.scope, "local");
  assertEquals(data.path, copy);
  assertEquals(data.action, "created");
  assertEquals(data.links, []);
  assertEquals(data.files.length, SKILL_FILES.length);
  for (const f of SKILL_FILES) assertEquals(Deno.readTextFileSync(`${copy}/${f.path}`), f.content);
  assert(!exists(`${repo.dir}/src/deep/.agents`), "never installs into the current directory");
});

Deno.test("skills install: a second install is a no-op", async () => {
  const repo = await tempRepo();
  await ok(repo, ["skills", "install", "--link", "--editor", "claude"]);
  const again = await ok(repo, ["skills", "install", "--link", "--editor", "claude"]);
  assertEquals(again.action, "unchanged");
  assert(again.files.every((f: { action: string }) => f.action === "unchanged"));
  assertEquals(again.links[0].action, "unchanged");
});

Deno.test("skills install --link: every editor gets a relative link to the copy", async () => {
  const repo = await tempRepo();
  const data = await ok(repo, ["skills", "install", "--link", "--editor", "all"]);
  assertEquals(data.links.map((l: { editor: string }) => l.editor), Object.keys(EDITOR_DIRS));
  for (const [editor, dir] of Object.entries(EDITOR_DIRS)) {
    const link = `${repo.dir}/${dir}/cairn`;
    assert(Deno.lstatSync(link).isSymlink, `${editor} link`);
    assertEquals(Deno.readLinkSync(link), "../../.agents/skills/cairn");
    assertEquals(Deno.realPathSync(link), `${repo.dir}/.agents/skills/cairn`);
    assertEquals(Deno.readTextFileSync(`${link}/SKILL.md`), SKILL_FILES[0]!.content);
  }
  assert(
    data.links.every((l: { mode: string; action: string }) =>
      l.mode === "link" && l.action === "created"
    ),
  );
});

Deno.test("skills install --link: a wrong link is replaced, a foreign directory is refused untouched", async () => {
  const repo = await tempRepo();
  Deno.mkdirSync(`${repo.dir}/.claude/skills`, { recursive: true });
  Deno.symlinkSync("/nonexistent/elsewhere", `${repo.dir}/.claude/skills/cairn`);
  const data = await ok(repo, ["skills", "install", "--link", "--editor", "claude"]);
  assertEquals(data.links[0].action, "updated");
  assertEquals(Deno.readLinkSync(`${repo.dir}/.claude/skills/cairn`), "../../.agents/skills/cairn");

  Deno.mkdirSync(`${repo.dir}/.pi/skills/cairn`, { recursive: true });
  Deno.writeTextFileSync(`${repo.dir}/.pi/skills/cairn/notes.md`, "mine");
  await fails(repo, ["skills", "install", "--link", "--editor", "pi"], "io_error");
  assertEquals(Deno.readTextFileSync(`${repo.dir}/.pi/skills/cairn/notes.md`), "mine");
});

Deno.test("skills install --to: a link outside the repository needs --allow-outside-repo", async () => {
  const repo = await tempRepo();
  const outside = await tempHome();
  const env = await fails(repo, [
    "skills",
    "install",
    "--link",
    "--editor",
    "claude",
    "--to",
    outside,
  ], "outside_repo");
  assertEquals(env.exitCode, 1);
  assertEquals(env.error.details.flag, "--allow-outside-repo");
  assertEquals(env.error.details.repoRoot, repo.dir);
  assert(!exists(`${repo.dir}/.agents`), "a refused install writes nothing");
  assert(!exists(`${outside}/cairn`));

  const data = await ok(repo, [
    "skills",
    "install",
    "--link",
    "--editor",
    "claude",
    "--to",
    outside,
    "--allow-outside-repo",
  ]);
  assertEquals(data.links[0].path, `${outside}/cairn`);
  assertEquals(Deno.realPathSync(`${outside}/cairn`), `${repo.dir}/.agents/skills/cairn`);

  const inside = await ok(repo, [
    "skills",
    "install",
    "--link",
    "--editor",
    "claude",
    "--to",
    "tools/agents",
  ]);
  assertEquals(inside.links[0].target, "../../.agents/skills/cairn");
  assert(Deno.lstatSync(`${repo.dir}/tools/agents/cairn`).isSymlink);
});

Deno.test("skills install: option requirements are usage errors", async () => {
  const repo = await tempRepo();
  const noLink = await fails(repo, ["skills", "install", "--editor", "claude"], "missing_argument");
  assertEquals(noLink.exitCode, 2);
  assertEquals(noLink.error.details, { option: "--link", requiredBy: "--editor" });
  const noEditor = await fails(repo, ["skills", "install", "--link"], "missing_argument");
  assertEquals(noEditor.error.details, { option: "--editor", requiredBy: "--link" });
  const global = await fails(repo, [
    "skills",
    "install",
    "-g",
    "--link",
    "--editor",
    "pi",
    "--to",
    "x",
  ], "conflicting_options");
  assertEquals(global.exitCode, 2);
  assert(!exists(`${repo.dir}/.agents`));
});

Deno.test("skills install -g: copies under HOME with absolute editor links", async () => {
  const repo = await tempRepo();
  const home = await tempHome();
  const data = await ok(repo, [
    "skills",
    "install",
    "-g",
    "--link",
    "--editor",
    "opencode",
    "--editor",
    "claude",
  ], withHome(home));
  assertEquals(data.scope, "global");
  assertEquals(data.path, `${home}/.agents/skills/cairn`);
  assertEquals(
    Deno.readTextFileSync(`${home}/.agents/skills/cairn/SKILL.md`),
    SKILL_FILES[0]!.content,
  );
  assertEquals(
    Deno.readLinkSync(`${home}/.config/opencode/skills/cairn`),
    `${home}/.agents/skills/cairn`,
  );
  assertEquals(Deno.readLinkSync(`${home}/.claude/skills/cairn`), `${home}/.agents/skills/cairn`);
  assert(!exists(`${repo.dir}/.agents`), "a global install leaves the repository alone");
});

Deno.test("skills update: refreshes changed and removes stray files, --dry-run writes nothing", async () => {
  const repo = await tempRepo();
  const home = await tempHome();
  const run = withHome(home);
  await ok(repo, ["skills", "install", "--link", "--editor", "claude"], run);
  await ok(repo, ["skills", "install", "-g"], run);
  const copy = `${repo.dir}/.agents/skills/cairn`;
  Deno.writeTextFileSync(`${copy}/reference/sync.md`, "stale");
  Deno.writeTextFileSync(`${copy}/reference/old.md`, "removed from the bundle");

  const dry = await ok(repo, ["skills", "update", "--dry-run"], run);
  assertEquals(dry.dryRun, true);
  assertEquals(dry.entries.find((e: { path: string }) => e.path === copy).status, "updated");
  assertEquals(Deno.readTextFileSync(`${copy}/reference/sync.md`), "stale");

  const data = await ok(repo, ["skills", "update"], run);
  const local = data.entries.find((e: { path: string }) => e.path === copy);
  assertEquals(local.status, "updated");
  assertEquals(
    local.files.find((f: { path: string }) => f.path === "reference/sync.md").action,
    "updated",
  );
  const sync = SKILL_FILES.find((f) => f.path === "reference/sync.md")!;
  assertEquals(Deno.readTextFileSync(`${copy}/reference/sync.md`), sync.content);
  assert(!exists(`${copy}/reference/old.md`));
  const statuses = Object.fromEntries(
    data.entries.map((e: { path: string; status: string }) => [e.path, e.status]),
  );
  assertEquals(statuses[`${home}/.agents/skills/cairn`], "unchanged");
  assertEquals(statuses[`${repo.dir}/.claude/skills/cairn`], "unchanged");

  const again = await ok(repo, ["skills", "update"], run);
  assert(again.entries.every((e: { status: string }) => e.status === "unchanged"));
});

Deno.test("skills update: re-points a broken editor link and refreshes a hand-made copy", async () => {
  const repo = await tempRepo();
  const home = await tempHome();
  await ok(repo, ["skills", "install"], withHome(home));
  Deno.mkdirSync(`${repo.dir}/.codex/skills`, { recursive: true });
  Deno.symlinkSync("../../nowhere", `${repo.dir}/.codex/skills/cairn`);
  Deno.mkdirSync(`${repo.dir}/.cursor/skills/cairn`, { recursive: true });
  Deno.writeTextFileSync(
    `${repo.dir}/.cursor/skills/cairn/SKILL.md`,
    "---\nname: cairn\ndescription: old\n---\nold\n",
  );
  const data = await ok(repo, ["skills", "update"], withHome(home));
  const byPath = Object.fromEntries(data.entries.map((e: { path: string }) => [e.path, e]));
  assertEquals(byPath[`${repo.dir}/.codex/skills/cairn`].status, "repaired");
  assertEquals(byPath[`${repo.dir}/.codex/skills/cairn`].kind, "link");
  assertEquals(
    Deno.realPathSync(`${repo.dir}/.codex/skills/cairn`),
    `${repo.dir}/.agents/skills/cairn`,
  );
  assertEquals(byPath[`${repo.dir}/.cursor/skills/cairn`].kind, "copy");
  assertEquals(byPath[`${repo.dir}/.cursor/skills/cairn`].status, "updated");
  assertEquals(
    Deno.readTextFileSync(`${repo.dir}/.cursor/skills/cairn/SKILL.md`),
    SKILL_FILES[0]!.content,
  );
});

Deno.test("skills update: with nothing installed, reports no entries and installs nothing", async () => {
  const repo = await tempRepo();
  const home = await tempHome();
  const r = await cairn(repo, ["--json", "skills", "update"], withHome(home));
  assertEquals(r.code, 0);
  assertEquals(r.json.data.entries, []);
  assert(!exists(`${repo.dir}/.agents`));
});
