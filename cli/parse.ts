/**
 * argv → {command, input} or a usage error (SPEC §4.2–§4.6). Nothing else.
 *
 * @module
 */
import { CairnError, parseDuration } from "../core/mod.ts";
import {
  camel,
  type CommandSpec,
  type GroupSpec,
  type Input,
  LONG_ALIASES,
  type OptionSpec,
  SHORT_ALIASES,
} from "./spec.ts";

/** Output-mode and other global flags (SPEC §2.2). */
export interface GlobalFlags {
  format: "json" | "toon" | "human" | null;
  compact: boolean;
  help: boolean;
  version: boolean;
  cwd: string | null;
}

/** The result of parsing one command line. */
export interface Parsed {
  globals: GlobalFlags;
  /** The leaf command, or null when only a group (or nothing) was named. */
  command: CommandSpec | null;
  /** Deepest resolved path (`task`, `sync conflicts`), "" for the root. */
  path: string;
  input: Input;
}

/** The command table as the parser sees it. */
export interface Table {
  commands: readonly CommandSpec[];
  groups: readonly GroupSpec[];
}

const GLOBAL_BOOL = new Set(["json", "toon", "human", "compact", "help", "version"]);

/** Option names that every command accepts (for suggestions and `allowedOptions`). */
export const GLOBAL_OPTIONS = [
  "--json",
  "--toon",
  "--human",
  "--compact",
  "--help",
  "--version",
  "-C",
];

/** Parses the global flags only; used before the table is consulted. */
function emptyGlobals(): GlobalFlags {
  return { format: null, compact: false, help: false, version: false, cwd: null };
}

/** Scores for suggestions (SPEC §4.6). */
export function suggest(input: string, candidates: readonly string[]): string[] {
  const scored: [number, string][] = [];
  const limit = Math.max(2, Math.floor(input.length / 3));
  for (const c of candidates) {
    const score = c.startsWith(input) || input.startsWith(c) ? 0 : levenshtein(input, c);
    if (score <= limit) scored.push([score, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return scored.slice(0, 3).map(([, c]) => c);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function usage(
  code:
    | "unknown_option"
    | "missing_value"
    | "invalid_value"
    | "missing_argument"
    | "unexpected_argument"
    | "conflicting_options"
    | "unknown_command"
    | "unknown_subcommand",
  message: string,
  details: Record<string, unknown>,
): CairnError {
  return new CairnError(code, message, details);
}

/** Children (next words) of a path in the table. */
export function childrenOf(table: Table, path: string): string[] {
  const depth = path === "" ? 0 : path.split(" ").length;
  const names = new Set<string>();
  for (const p of [...table.groups.map((g) => g.path), ...table.commands.map((c) => c.path)]) {
    const words = p.split(" ");
    if (words.length > depth && words.slice(0, depth).join(" ") === path) names.add(words[depth]!);
  }
  return [...names];
}

/**
 * Parses argv against the table. Usage errors are thrown as `CairnError`
 * with `parsedPath` attached so the envelope can name the deepest path.
 */
export function parseArgs(argv: readonly string[], table: Table): Parsed {
  const globals = emptyGlobals();
  const tokens = [...argv];
  let path = "";
  let command: CommandSpec | null = null;
  const rest: string[] = [];
  let i = 0;
  // 1. Global options and the command path, in any order before the leaf.
  for (; i < tokens.length && !command; i++) {
    const tok = tokens[i]!;
    if (tok === "--") {
      rest.push(...tokens.slice(i));
      i = tokens.length;
      break;
    }
    if (tok.startsWith("-") && tok !== "-") {
      if (takeGlobal(tok, tokens, i, globals)) {
        if (tok === "-C") i++;
        continue;
      }
      if (globals.help) continue;
      rest.push(...tokens.slice(i));
      i = tokens.length;
      break;
    }
    const next = path === "" ? tok : `${path} ${tok}`;
    const leaf = table.commands.find((c) => c.path === next);
    const isGroup = table.groups.some((g) => g.path === next);
    if (leaf && !isGroup) {
      command = leaf;
      path = next;
      continue;
    }
    if (isGroup) {
      path = next;
      continue;
    }
    if (globals.help) continue;
    const candidates = childrenOf(table, path);
    const err = path === ""
      ? usage("unknown_command", `Unknown command "${tok}"`, {
        command: tok,
        suggestions: suggest(tok, candidates),
      })
      : usage("unknown_subcommand", `Unknown subcommand "${tok}" for ${path}`, {
        group: path,
        subcommand: tok,
        available: candidates.sort(),
        suggestions: suggest(tok, candidates),
      });
    throw Object.assign(err, { parsedPath: path });
  }
  rest.push(...tokens.slice(i));
  if (!command) {
    const group = table.groups.find((g) => g.path === path);
    if (group?.defaultLeaf) {
      command = table.commands.find((c) => c.path === group.defaultLeaf) ?? null;
      if (command) path = command.path;
    }
  }
  const input: Input = { args: {}, opts: {}, given: new Set() };
  if (!command) {
    for (const tok of rest) {
      if (tok.startsWith("-")) takeGlobal(tok, rest, rest.indexOf(tok), globals);
    }
    return { globals, command: null, path, input };
  }
  if (globals.help) return { globals, command, path, input };
  try {
    parseLeaf(command, rest, globals, input);
  } catch (err) {
    throw Object.assign(err as Error, { parsedPath: path });
  }
  return { globals, command, path, input };
}

function takeGlobal(tok: string, tokens: string[], i: number, g: GlobalFlags): boolean {
  if (tok === "-h" || tok === "--help") g.help = true;
  else if (tok === "-V" || tok === "--version") g.version = true;
  else if (tok === "--json" || tok === "--toon" || tok === "--human") {
    g.format = tok.slice(2) as GlobalFlags["format"];
  } else if (tok === "--compact") g.compact = true;
  else if (tok === "-C") {
    if (i + 1 >= tokens.length) {
      throw usage("missing_value", "Option -C needs a directory", { option: "-C" });
    }
    g.cwd = tokens[i + 1]!;
  } else if (tok.startsWith("-C=")) g.cwd = tok.slice(3);
  else if (
    tok.startsWith("--") && tok.includes("=") && GLOBAL_BOOL.has(tok.slice(2, tok.indexOf("=")))
  ) {
    throw usage("invalid_value", `Option ${tok.slice(0, tok.indexOf("="))} takes no value`, {
      option: tok.slice(0, tok.indexOf("=")),
      value: tok.slice(tok.indexOf("=") + 1),
    });
  } else return false;
  return true;
}

function findOption(cmd: CommandSpec, name: string): OptionSpec | undefined {
  const opts = cmd.options ?? [];
  if (name.startsWith("--")) {
    const long = name.slice(2);
    return opts.find((o) => o.name === long) ?? opts.find((o) => o.name === LONG_ALIASES[long]);
  }
  const short = name.slice(1);
  return opts.find((o) =>
    SHORT_ALIASES[o.name] === short && !(o.name === "global" && cmd.path !== "skills install")
  );
}

/** `--opt` spellings a command accepts (for `allowedOptions` and suggestions). */
export function optionNames(cmd: CommandSpec): string[] {
  return (cmd.options ?? []).filter((o) => !o.hidden).map((o) => `--${o.name}`);
}

/**
 * Whether `-h`/`--help` appears in an option position (not as the value of a
 * value-taking option, not after `--`): it then wins over every other token,
 * unknown options included (SPEC §2.2).
 */
function helpRequested(cmd: CommandSpec, tokens: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === "--") return false;
    if (tok === "-h" || tok === "--help") return true;
    if (tok === "-C") i++;
    else if (tok.startsWith("-") && !tok.includes("=")) {
      const spec = findOption(cmd, tok);
      if (spec && spec.type !== "bool") i++;
    }
  }
  return false;
}

function parseLeaf(cmd: CommandSpec, tokens: string[], globals: GlobalFlags, input: Input): void {
  if (helpRequested(cmd, tokens)) {
    globals.help = true;
    return;
  }
  const positionals: string[] = [];
  const raw = new Map<string, string[]>();
  let optionsDone = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (optionsDone || tok === "-" || !tok.startsWith("-")) {
      positionals.push(tok);
      continue;
    }
    if (tok === "--") {
      optionsDone = true;
      continue;
    }
    if (takeGlobal(tok, tokens, i, globals)) {
      if (tok === "-C") i++;
      if (globals.help) return;
      continue;
    }
    const eq = tok.startsWith("--") ? tok.indexOf("=") : tok.indexOf("=") === 2 ? 2 : -1;
    const name = eq === -1 ? tok : tok.slice(0, eq);
    const spec = findOption(cmd, name);
    if (!spec) {
      const allowed = [...optionNames(cmd), ...GLOBAL_OPTIONS];
      throw usage("unknown_option", `Unknown option ${name} for ${cmd.path}`, {
        option: name,
        suggestions: suggest(name, allowed),
        allowedOptions: optionNames(cmd),
      });
    }
    let value: string;
    if (spec.type === "bool") {
      if (eq !== -1) {
        throw usage("invalid_value", `Option --${spec.name} takes no value`, {
          option: `--${spec.name}`,
          value: tok.slice(eq + 1),
        });
      }
      value = "true";
    } else if (eq !== -1) value = tok.slice(eq + 1);
    else {
      if (i + 1 >= tokens.length) {
        throw usage("missing_value", `Option --${spec.name} needs a value`, {
          option: `--${spec.name}`,
        });
      }
      value = tokens[++i]!;
    }
    const list = raw.get(spec.name) ?? [];
    list.push(value);
    raw.set(spec.name, list);
  }
  // 3. Value types.
  for (const [name, values] of raw) {
    const spec = findOption(cmd, `--${name}`)!;
    input.given.add(name);
    if (spec.type === "bool") {
      input.opts[camel(name)] = true;
      continue;
    }
    const converted = values.map((v) => convert(spec, `--${name}`, v));
    input.opts[camel(name)] = spec.repeatable ? converted : converted[0];
  }
  const args = cmd.args ?? [];
  const typedPositionals: unknown[] = [];
  for (let k = 0; k < positionals.length; k++) {
    const spec = args[Math.min(k, args.length - 1)];
    typedPositionals.push(
      spec && (k < args.length || spec.variadic)
        ? convert(spec, spec.name, positionals[k]!)
        : positionals[k],
    );
  }
  // 4. Arity and requirements.
  let k = 0;
  for (const spec of args) {
    if (spec.variadic) {
      input.args[camel(spec.name)] = typedPositionals.slice(k);
      k = typedPositionals.length;
      if (spec.required && (input.args[camel(spec.name)] as unknown[]).length === 0) {
        throw usage("missing_argument", `Missing argument <${spec.name}> for ${cmd.path}`, {
          argument: spec.name,
        });
      }
      continue;
    }
    if (k < typedPositionals.length) input.args[camel(spec.name)] = typedPositionals[k++];
    else if (spec.required) {
      throw usage("missing_argument", `Missing argument <${spec.name}> for ${cmd.path}`, {
        argument: spec.name,
      });
    }
  }
  if (k < positionals.length) {
    throw usage("unexpected_argument", `Unexpected argument "${positionals[k]}" for ${cmd.path}`, {
      unexpected: positionals.slice(k),
    });
  }
  for (const spec of cmd.options ?? []) {
    if (spec.required && !raw.has(spec.name)) {
      throw usage("missing_argument", `Missing option --${spec.name} for ${cmd.path}`, {
        option: `--${spec.name}`,
      });
    }
    if (!raw.has(spec.name) && spec.default !== undefined) {
      input.opts[camel(spec.name)] = spec.default;
    }
  }
  // 5. Mutual exclusion and repetition.
  for (const set of cmd.exclusive ?? []) {
    const present = set.filter((n) =>
      raw.has(n) || (n.startsWith("<") && input.args[camel(n.slice(1, -1))] !== undefined)
    );
    if (present.length > 1) {
      throw usage(
        "conflicting_options",
        `Options ${present.map(dash).join(" and ")} cannot be combined`,
        {
          options: present.map(dash),
        },
      );
    }
  }
  for (const [name, values] of raw) {
    const spec = findOption(cmd, `--${name}`)!;
    if (!spec.repeatable && spec.type !== "bool" && values.length > 1) {
      throw usage("conflicting_options", `Option --${name} was given ${values.length} times`, {
        option: `--${name}`,
        values,
      });
    }
  }
}

function dash(name: string): string {
  return name.startsWith("<") ? name : `--${name}`;
}

const STATUS_ALIASES: Record<string, string> = { "in-progress": "in_progress" };

/** Converts one raw value by its declared type; throws `invalid_value`. */
export function convert(
  spec: OptionSpec | {
    name: string;
    type: OptionSpec["type"];
    values?: readonly string[];
    min?: number;
    max?: number;
  },
  label: string,
  value: string,
): unknown {
  const bad = (expected: string, extra: Record<string, unknown> = {}) =>
    usage("invalid_value", `Invalid value "${value}" for ${label}: expected ${expected}`, {
      option: label,
      value,
      ...extra,
    });
  switch (spec.type) {
    case "int": {
      if (!/^(0|[1-9][0-9]*)$/.test(value)) throw bad("an integer");
      const n = Number(value);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw bad(`an integer ${spec.min ?? ""}..${spec.max ?? ""}`, {
          expected: `${spec.min}..${spec.max}`,
        });
      }
      return n;
    }
    case "duration": {
      const ms = parseDuration(value);
      if (ms === null) throw bad("a duration such as 90s, 30m, 1h30m, 2d or none");
      return ms;
    }
    case "enum": {
      const word = STATUS_ALIASES[value.trim().toLowerCase()] ?? value.trim().toLowerCase();
      if (!spec.values!.includes(word)) {
        throw bad(`one of ${spec.values!.join(", ")}`, { allowed: spec.values });
      }
      return word;
    }
    case "csv-enum": {
      const words = value.split(",").map((w) => w.trim().toLowerCase()).filter((w) => w !== "").map(
        (w) => STATUS_ALIASES[w] ?? w,
      );
      if (words.length === 0 || words.some((w) => !spec.values!.includes(w))) {
        throw bad(`comma-separated words of ${spec.values!.join(", ")}`, { allowed: spec.values });
      }
      return words;
    }
    case "priority": {
      const m = /^p?([0-4])$/i.exec(value.trim());
      if (!m) throw bad("a priority p0..p4", { allowed: ["p0", "p1", "p2", "p3", "p4"] });
      return Number(m[1]);
    }
    case "csv-id": {
      const ids = value.split(",").map((w) => w.trim()).filter((w) => w !== "");
      if (ids.length === 0 || ids.length > 1000) throw bad("1 to 1000 comma-separated ids");
      return ids;
    }
    default:
      return value;
  }
}
