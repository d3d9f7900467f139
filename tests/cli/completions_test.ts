/**
 * `cairn completions` (SPEC §9.2.7): scripts generated from the command table
 * that the shells accept and that complete command paths, options and values.
 */
import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { cairn, MAIN, ok, tempRepo } from "../helpers/cli.ts";
import { seedPlan } from "../helpers/core_ctx.ts";

function has(shell: string): boolean {
  try {
    return new Deno.Command(shell, { args: ["-c", "exit 0"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

async function script(shell: string): Promise<string> {
  const repo = await tempRepo();
  const r = await cairn(repo, ["completions", shell]);
  assertEquals(r.code, 0);
  return r.stdout;
}

async function bashComplete(source: string, words: string[], cwd?: string): Promise<string[]> {
  const file = await Deno.makeTempFile({ suffix: ".bash" });
  Deno.writeTextFileSync(file, source);
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const program = `source '${file}'
COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_cairn
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = await new Deno.Command("bash", {
    args: ["-c", program],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(out.success, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean);
}

Deno.test("completions bash: the script is valid bash and completes `cairn ta` to `task`", async () => {
  const text = await script("bash");
  const file = await Deno.makeTempFile({ suffix: ".bash" });
  Deno.writeTextFileSync(file, text);
  const check = await new Deno.Command("bash", { args: ["-n", file], stderr: "piped" }).output();
  assert(check.success, new TextDecoder().decode(check.stderr));
  assertEquals(await bashComplete(text, ["cairn", "ta"]), ["task"]);
});

Deno.test("completions bash: subcommands, options with short aliases, and enum values come from the table", async () => {
  const text = await script("bash");
  assertEquals(await bashComplete(text, ["cairn", "skills", ""]), ["install", "update"]);
  const options = await bashComplete(text, ["cairn", "skills", "install", "-"]);
  for (
    const o of [
      "--global",
      "-g",
      "--link",
      "--editor",
      "--to",
      "--allow-outside-repo",
      "--json",
      "-C",
    ]
  ) {
    assert(options.includes(o), `missing ${o}`);
  }
  assertEquals(await bashComplete(text, ["cairn", "skills", "install", "--editor", "c"]), [
    "claude",
    "codex",
    "cursor",
  ]);
  assertEquals(await bashComplete(text, ["cairn", "completions", ""]), ["bash", "zsh", "fish"]);
  assertEquals(await bashComplete(text, ["cairn", "--json", "quick"]), ["quickstart"]);
});

Deno.test("completions bash: id arguments are completed from `<group> list`, silently empty when it fails", async () => {
  const text = await script("bash");
  assertStringIncludes(text, "--json --compact");
  // The stand-in program fails: completion stays empty and prints nothing.
  const replies = await bashComplete(text.replaceAll('"${_cairn_cmd:-cairn}"', "false"), [
    "cairn",
    "task",
    "claim",
    "",
  ]);
  assertEquals(replies, []);
});

Deno.test("completions bash: id arguments complete to the ids of the expected kind", async () => {
  const text = await script("bash");
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const plan = await seedPlan(repo.dir);
  const program = `${await Deno.makeTempDir()}/cairn`;
  Deno.writeTextFileSync(program, `#!/bin/sh\nexec "${Deno.execPath()}" run -A "${MAIN}" "$@"\n`);
  Deno.chmodSync(program, 0o755);
  const tasks = await bashComplete(text, [program, "task", "claim", ""], repo.dir);
  const open = (await ok(repo, ["task", "list"])).tasks.map((t: { id: string }) => t.id);
  assertEquals(tasks.sort(), open.sort());
  assert(tasks.every((id) => id.startsWith("t-")));
  const epics = await bashComplete(text, [program, "task", "list", "--epic", "e-"], repo.dir);
  assertEquals(epics.sort(), [plan.epicId, plan.otherEpicId].sort());
});

Deno.test("completions zsh and fish: the scripts pass the shells' syntax checks", {
  ignore: !has("zsh") && !has("fish"),
}, async () => {
  for (const shell of ["zsh", "fish"]) {
    if (!has(shell)) continue;
    const file = await Deno.makeTempFile();
    Deno.writeTextFileSync(file, await script(shell));
    const check = await new Deno.Command(shell, { args: ["-n", file], stderr: "piped" }).output();
    assert(check.success, `${shell}: ${new TextDecoder().decode(check.stderr)}`);
  }
});

Deno.test("completions: --json answers {shell, script} instead of raw text", async () => {
  const repo = await tempRepo();
  const r = await cairn(repo, ["--json", "completions", "zsh"]);
  assertEquals(r.json.command, "completions");
  assertEquals(r.json.data.shell, "zsh");
  assertStringIncludes(r.json.data.script, "#compdef cairn");
  const bad = await cairn(repo, ["--json", "completions", "powershell"]);
  assertEquals(bad.code, 2);
  assertEquals(bad.json.error.code, "invalid_value");
});
