/**
 * The documentation test (SPEC §16.1, §9.2.8): every `cairn ...` command line
 * in the bundled skill and the quickstart parses against the command table,
 * every error code the skill mentions is registered, the skill's shape holds,
 * and the embedded copy (generated/skills.ts) is up to date.
 */
import { assert, assertEquals } from "./helpers/assert.ts";
import { ERROR_CODES, WARNING_CODES } from "../core/errors.ts";
import { parseArgs } from "../cli/parse.ts";
import { TABLE } from "../cli/table.ts";
import { QUICKSTART } from "../cli/commands/guide.ts";
import { collectSkillFiles, OUTPUT, renderSkillsModule } from "../scripts/build_skills.ts";

/** Values that appear in output fields and are registered as sub-codes (SPEC §18.4), plus statuses. */
const SUB_CODES = new Set([
  "in_progress",
  ...[
    "bad_escape",
    "field_count",
    "empty_field",
    "bad_attribute",
    "duplicate_attribute",
    "invalid_key",
  ],
  ...[
    "duplicate_key",
    "empty_title",
    "too_long",
    "invalid_value",
    "unknown_key",
    "bare_key",
    "ambiguous_ref",
  ],
  ...[
    "ref_not_found",
    "ref_wrong_kind",
    "parent_other_epic",
    "temp_key_not_allowed",
    "too_many_specs",
  ],
  ...[
    "bad_format",
    "bad_version",
    "bad_shape",
    "kind_mismatch",
    "duplicate_id",
    "missing_reference",
  ],
  ...["external_missing", "id_deleted", "waiting_on_dependencies", "status_blocked", "delete_edit"],
  ...["missing_credentials", "invalid_credentials", "token_in_url"],
]);

/** Tools of the harnesses named in harness-primitives.md. */
const HARNESS_TOOLS = ["update_plan"];

interface CommandLine {
  where: string;
  line: string;
}

/**
 * Shell-like words of one command line; stops at an unquoted comment,
 * pipe, redirection or separator (the rest is not cairn's).
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && '"\\$`'.includes(line[i + 1] ?? "")) i++;
        word += line[i];
      }
    } else if (c === "\\") {
      word = (word ?? "") + (line[++i] ?? "");
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "<" && /^<[A-Za-z][\w-]*>/.test(line.slice(i))) {
      // A placeholder such as <task-id>, not a redirection.
      const end = line.indexOf(">", i);
      word = (word ?? "") + line.slice(i, end + 1);
      i = end;
    } else if ((c === "#" && word === null) || "|;&<>".includes(c)) {
      break;
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}

/** `cairn ...` lines of a Markdown document: in fenced blocks (with `\` continuations) and inline code. */
export function commandLines(name: string, text: string): CommandLine[] {
  const out: CommandLine[] = [];
  const lines = text.split("\n");
  let fenced = false;
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      let logical = raw.trim().replace(/^\$ /, "");
      const start = n;
      while (logical.endsWith("\\") && n + 1 < lines.length) {
        logical = logical.slice(0, -1) + " " + lines[++n]!.trim();
      }
      if (/^cairn(\s|$)/.test(logical)) out.push({ where: `${name}:${start + 1}`, line: logical });
      continue;
    }
    for (const m of raw.matchAll(/`([^`]+)`/g)) {
      if (/^cairn\s/.test(m[1]!)) out.push({ where: `${name}:${n + 1}`, line: m[1]! });
    }
  }
  return out;
}

function parseFailures(lines: CommandLine[]): string[] {
  const bad: string[] = [];
  for (const { where, line } of lines) {
    try {
      const parsed = parseArgs(shellWords(line).slice(1), TABLE);
      if (!parsed.command && !parsed.globals.help) {
        bad.push(`${where}: ${line}\n    -> names a group, not a command`);
      }
    } catch (err) {
      const e = err as { code?: string; message: string };
      bad.push(`${where}: ${line}\n    -> ${e.code ?? "error"}: ${e.message}`);
    }
  }
  return bad;
}

const SKILL_FILES = collectSkillFiles();

Deno.test("docs: the shell-word splitter honours quotes, escapes and comments", () => {
  assertEquals(shellWords(`cairn a 'b|c' "d \\"e\\"" f\\|g # note`), [
    "cairn",
    "a",
    "b|c",
    'd "e"',
    "f|g",
  ]);
  assertEquals(shellWords("cairn x > out.sh"), ["cairn", "x"]);
  assertEquals(shellWords("cairn show <task-id> --all"), ["cairn", "show", "<task-id>", "--all"]);
  assertEquals(
    commandLines("x.md", "```sh\ncairn a \\\n  --b c\n```\nsee `cairn d e`").map((l) => l.line),
    [
      "cairn a  --b c",
      "cairn d e",
    ],
  );
});

Deno.test("docs: every cairn command line in the skill parses against the command table", () => {
  const lines = SKILL_FILES.flatMap((f) => commandLines(f.path, f.content));
  assert(lines.length > 60, `expected many command lines, found ${lines.length}`);
  const bad = parseFailures(lines);
  assertEquals(bad, [], `${bad.length} of ${lines.length} lines do not parse:\n${bad.join("\n")}`);
});

Deno.test("docs: every cairn command line of quickstart parses against the command table", () => {
  const lines = QUICKSTART.flatMap((s, i) =>
    s.commands.filter((c) => c.startsWith("cairn ")).map((line) => ({
      where: `quickstart step ${i + 1}`,
      line,
    }))
  );
  assert(QUICKSTART.length <= 12, "quickstart has at most 12 steps");
  assert(lines.length >= 10);
  const bad = parseFailures(lines);
  assertEquals(bad, [], bad.join("\n"));
});

Deno.test("docs: every error code the skill mentions is registered", () => {
  const known = new Set<string>([
    ...Object.keys(ERROR_CODES),
    ...WARNING_CODES,
    ...SUB_CODES,
    ...HARNESS_TOOLS,
  ]);
  // MCP tool names (`task_claim`) start with a command group; they are not codes.
  const groups = new Set(TABLE.groups.map((g) => g.path.split(" ")[0]!));
  const unknown: string[] = [];
  for (const f of SKILL_FILES) {
    for (const m of f.content.matchAll(/`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`/g)) {
      if (!known.has(m[1]!) && !groups.has(m[1]!.split("_")[0]!)) {
        unknown.push(`${f.path}: ${m[1]}`);
      }
    }
  }
  assertEquals(unknown, []);
});

Deno.test("docs: SKILL.md has the cairn front matter, a short description and a short body", () => {
  assertEquals(SKILL_FILES.map((f) => f.path), [
    "SKILL.md",
    "reference/brainstorming.md",
    "reference/code-review.md",
    "reference/execution.md",
    "reference/harness-primitives.md",
    "reference/planning.md",
    "reference/sync.md",
  ]);
  const text = SKILL_FILES[0]!.content;
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  assert(m, "front matter");
  assert(/^name: cairn$/m.test(m[1]!), "name: cairn");
  const description = /^description: (.+)$/m.exec(m[1]!)?.[1] ?? "";
  assert(
    description.length > 100 && description.length <= 1024,
    `description length ${description.length}`,
  );
  assert(m[2]!.split("\n").length <= 250, "body at most 250 lines");
});

Deno.test("docs: generated/skills.ts is up to date with skills/cairn/", () => {
  const expected = renderSkillsModule(SKILL_FILES);
  const actual = Deno.readTextFileSync(OUTPUT);
  assert(
    actual === expected,
    "generated/skills.ts is stale: run deno run -A scripts/build_skills.ts",
  );
});
