/**
 * Help generated from the command table (SPEC §2.7).
 *
 * @module
 */
import { CairnError } from "../core/mod.ts";
import { childrenOf, suggest, type Table } from "./parse.ts";
import { type CommandSpec, type OptionSpec, SHORT_ALIASES } from "./spec.ts";

/** Help data (`help` command id). */
export interface HelpData {
  topic: string | null;
  usage: string;
  summary: string;
  description: string;
  positionals: {
    name: string;
    type: string;
    required: boolean;
    variadic: boolean;
    description: string;
  }[];
  options: {
    name: string;
    short: string | null;
    type: string;
    default: unknown;
    env: string | null;
    config: string | null;
    values: readonly string[] | null;
    repeatable: boolean;
    required: boolean;
    description: string;
  }[];
  subcommands: { name: string; summary: string }[];
  examples: string[];
}

/** Global options shown in the root help. */
export const GLOBAL_HELP: HelpData["options"] = [
  ["json", null, "Machine output as JSON"],
  ["toon", null, "Machine output as TOON"],
  ["human", null, "Human output even when stdout is not a terminal"],
  ["compact", null, "Drop metadata and empty fields from the envelope"],
  ["help", "h", "Show help for the command path given so far"],
  ["version", "V", "Print version information"],
  ["C", null, "Run as if started in <dir>"],
].map(([name, short, description]) => ({
  name: name === "C" ? "-C <dir>" : `--${name}`,
  short: short ? `-${short}` : null,
  type: name === "C" ? "path" : "bool",
  default: null,
  env: name === "json" || name === "toon" || name === "human" ? "CAIRN_FORMAT" : null,
  config: name === "json" || name === "toon" || name === "human" ? "output.format" : null,
  values: null,
  repeatable: false,
  required: false,
  description: description!,
}));

function optionHelp(cmd: CommandSpec, o: OptionSpec): HelpData["options"][number] {
  const short = SHORT_ALIASES[o.name];
  const hasShort = short && (o.name !== "global" || cmd.path === "skills install");
  return {
    name: `--${o.name}`,
    short: hasShort ? `-${short}` : null,
    type: o.type,
    default: o.default ?? null,
    env: o.env ?? null,
    config: o.config ?? null,
    values: o.values ?? null,
    repeatable: !!o.repeatable,
    required: !!o.required,
    description: o.description,
  };
}

/** Usage line of a command. */
export function usageLine(cmd: CommandSpec): string {
  const parts = [`cairn ${cmd.path}`];
  for (const a of cmd.args ?? []) {
    const name = `<${a.name}>${a.variadic ? "..." : ""}`;
    parts.push(a.required ? name : `[${name}]`);
  }
  for (const o of (cmd.options ?? []).filter((o) => !o.hidden)) {
    const value = o.type === "bool" ? "" : ` <${o.type === "enum" ? o.values!.join("|") : o.name}>`;
    const text = `--${o.name}${value}${o.repeatable ? "..." : ""}`;
    parts.push(o.required ? text : `[${text}]`);
  }
  return parts.join(" ");
}

/** Builds help for a path (`""` = root). Unknown → `unknown_command`. */
export function buildHelp(
  table: Table,
  path: string,
  groupSummary: (path: string) => string,
): HelpData {
  const cmd = table.commands.find((c) => c.path === path);
  const isGroup = path === "" || table.groups.some((g) => g.path === path);
  if (!cmd && !isGroup) {
    const words = path.split(" ");
    throw new CairnError("unknown_command", `Unknown command "${path}"`, {
      command: path,
      suggestions: suggest(
        words[words.length - 1]!,
        childrenOf(table, words.slice(0, -1).join(" ")),
      ),
    });
  }
  const subcommands = isGroup
    ? childrenOf(table, path).map((name) => {
      const full = path ? `${path} ${name}` : name;
      const leaf = table.commands.find((c) => c.path === full);
      return { name, summary: leaf?.summary ?? groupSummary(full) };
    })
    : [];
  if (cmd) {
    // A leaf, or a group that runs a leaf of the same path (`sync`): its usage and options, plus any subcommands.
    return { ...leafHelp(cmd), topic: path, subcommands };
  }
  return {
    topic: path || null,
    usage: path
      ? `cairn ${path} <command> [options]`
      : "cairn [global options] <command> [<subcommand> ...] [arguments] [options]",
    summary: path
      ? groupSummary(path)
      : "A task tracker in your git repository, built for coding agents",
    description: path
      ? ""
      : "Plan work as epics > tasks > subtasks with dependencies, then execute it one ready task at a time.",
    positionals: [],
    options: path ? [] : GLOBAL_HELP,
    subcommands,
    examples: path ? [] : [
      "cairn --toon session",
      "cairn --toon task claim t-3k9q --owner agent-1",
      "cairn --toon task done t-3k9q",
    ],
  };
}

function leafHelp(cmd: CommandSpec): HelpData {
  return {
    topic: cmd.path,
    usage: usageLine(cmd),
    summary: cmd.summary,
    description: cmd.description ?? "",
    positionals: (cmd.args ?? []).map((a) => ({
      name: a.name,
      type: a.type,
      required: !!a.required,
      variadic: !!a.variadic,
      description: a.description,
    })),
    options: (cmd.options ?? []).filter((o) => !o.hidden).map((o) => optionHelp(cmd, o)),
    subcommands: [],
    examples: cmd.examples ?? [],
  };
}

/** Renders help as text. */
export function renderHelp(h: HelpData): string {
  const lines = [h.summary, "", `Usage: ${h.usage}`];
  if (h.description) lines.push("", h.description);
  if (h.positionals.length) {
    lines.push("", "Arguments:");
    for (const p of h.positionals) {
      lines.push(`  <${p.name}>${p.required ? "" : " (optional)"}  ${p.description}`);
    }
  }
  if (h.subcommands.length) {
    lines.push("", "Commands:");
    const w = Math.max(...h.subcommands.map((s) => s.name.length));
    for (const s of h.subcommands) lines.push(`  ${s.name.padEnd(w)}  ${s.summary}`);
  }
  if (h.options.length) {
    lines.push("", h.topic === null ? "Global options:" : "Options:");
    const names = h.options.map((o) =>
      `${o.short ? `${o.short}, ` : ""}${o.name}${
        o.type === "bool" || o.name.includes("<") ? "" : ` <${o.type}>`
      }`
    );
    const w = Math.max(...names.map((n) => n.length));
    h.options.forEach((o, i) => {
      const extra = [
        o.values ? `one of: ${o.values.join(", ")}` : "",
        o.default !== null ? `default: ${o.default}` : "",
        o.env ? `env: ${o.env}` : "",
        o.repeatable ? "repeatable" : "",
      ].filter(Boolean).join("; ");
      lines.push(`  ${names[i]!.padEnd(w)}  ${o.description}${extra ? ` (${extra})` : ""}`);
    });
  }
  if (h.examples.length) {
    lines.push("", "Examples:");
    for (const e of h.examples) lines.push(`  ${e}`);
  }
  return lines.join("\n");
}
