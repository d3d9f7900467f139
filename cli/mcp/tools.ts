/**
 * MCP tools generated from the command table (SPEC §17): names, input
 * schemas, annotations, and the argument vector a tool call becomes.
 *
 * @module
 */
import type { Table } from "../parse.ts";
import { type ArgSpec, camel, type CommandSpec, type OptionSpec } from "../spec.ts";

/** Command ids never exposed as tools, whatever the table says. */
export const EXCLUDED = new Set([
  "board.open",
  "mcp",
  "completions",
  "help",
  "wipe",
  "migrate.restore",
  "skills.install",
  "skills.update",
  "config.set",
  "config.unset",
]);

/** One tool as listed by `tools/list`. */
export interface ToolInfo {
  name: string;
  title: string;
  description: string;
  inputSchema: {
    type: "object";
    properties: Record<string, JsonSchema>;
    required?: string[];
    additionalProperties: false;
  };
  annotations: {
    title: string;
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    openWorldHint: boolean;
  };
}

type JsonSchema = Record<string, unknown>;

/** The envelope command id of a table entry. */
export function commandId(cmd: CommandSpec): string {
  return cmd.id ?? cmd.path.replaceAll(" ", ".");
}

/** `task.create-many` → `task_create_many`. */
export function toolName(cmd: CommandSpec): string {
  return commandId(cmd).replace(/[.-]/g, "_");
}

/** Leaf commands exposed as tools. */
export function exposedCommands(table: Table): CommandSpec[] {
  return table.commands.filter((c) => c.mcp !== false && !EXCLUDED.has(commandId(c)));
}

function valueSchema(spec: OptionSpec | ArgSpec): JsonSchema {
  const described = { description: spec.description };
  switch (spec.type) {
    case "bool":
      return { type: "boolean", ...described };
    case "int": {
      const s: JsonSchema = { type: "integer", ...described };
      if ("min" in spec && spec.min !== undefined) s.minimum = spec.min;
      if ("max" in spec && spec.max !== undefined) s.maximum = spec.max;
      return s;
    }
    case "enum":
      return { type: "string", enum: [...(spec.values ?? [])], ...described };
    case "priority":
      return { type: "string", enum: ["p0", "p1", "p2", "p3", "p4"], ...described };
    case "csv-enum":
      return {
        type: "string",
        description: `${spec.description} (comma-separated: ${(spec.values ?? []).join(", ")})`,
      };
    default:
      return { type: "string", ...described };
  }
}

function inputSchema(cmd: CommandSpec): ToolInfo["inputSchema"] {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const a of cmd.args ?? []) {
    const key = camel(a.name);
    properties[key] = a.variadic
      ? { type: "array", items: valueSchema({ ...a, description: "" }), description: a.description }
      : valueSchema(a);
    if (a.required) required.push(key);
  }
  for (const o of (cmd.options ?? []).filter((o) => !o.hidden)) {
    const key = camel(o.name);
    properties[key] = o.repeatable
      ? { type: "array", items: valueSchema({ ...o, description: "" }), description: o.description }
      : valueSchema(o);
    if (o.required) required.push(key);
  }
  for (const p of Object.values(properties)) {
    const items = p.items as JsonSchema | undefined;
    if (items && items.description === "") delete items.description;
  }
  return {
    type: "object",
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

function annotations(cmd: CommandSpec): ToolInfo["annotations"] {
  const id = commandId(cmd);
  const destructive = !!cmd.destructive || id.endsWith(".delete") || id === "events.prune";
  const idempotent = !!cmd.idempotent || /\.claim$/.test(id) || id === "dep.add" ||
    id === "dep.add-many" || id === "import";
  return {
    title: cmd.summary,
    readOnlyHint: !cmd.mutates,
    destructiveHint: destructive,
    idempotentHint: idempotent || !cmd.mutates,
    openWorldHint: ["sync", "sync.pull", "sync.push", "sync.status"].includes(id),
  };
}

/** The tool descriptions for `tools/list`. */
export function listTools(table: Table): ToolInfo[] {
  return exposedCommands(table).map((cmd) => ({
    name: toolName(cmd),
    title: cmd.summary,
    description: cmd.description ? `${cmd.summary}. ${cmd.description}` : cmd.summary,
    inputSchema: inputSchema(cmd),
    annotations: annotations(cmd),
  }));
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function text(value: unknown): string {
  return typeof value === "string"
    ? value
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value);
}

/**
 * The argument vector of a tool call: `--json`, the command path, options
 * (`--name=value`; `true` flags as `--name`), then `--` and the positionals.
 * Unknown properties become `--<name>` so the parser reports them
 * (`unknown_option`) exactly as on the command line.
 */
export function toolArgv(cmd: CommandSpec, input: Record<string, unknown>): string[] {
  const argNames = new Map((cmd.args ?? []).map((a) => [camel(a.name), a]));
  const options = new Map((cmd.options ?? []).map((o) => [camel(o.name), o]));
  const argv = ["--json", ...cmd.path.split(" ")];
  const positionals: string[] = [];
  for (const a of cmd.args ?? []) {
    const v = input[camel(a.name)];
    if (v === undefined || v === null) continue;
    positionals.push(...(Array.isArray(v) ? v.map(text) : [text(v)]));
  }
  for (const [key, v] of Object.entries(input)) {
    if (argNames.has(key) || v === undefined || v === null) continue;
    const o = options.get(key);
    const flag = `--${o ? o.name : kebab(key)}`;
    if (o ? o.type === "bool" : typeof v === "boolean") {
      if (v === true) argv.push(flag);
      else if (v !== false) argv.push(`${flag}=${text(v)}`);
      continue;
    }
    for (const item of Array.isArray(v) ? v : [v]) argv.push(`${flag}=${text(item)}`);
  }
  if (positionals.length) argv.push("--", ...positionals);
  return argv;
}
