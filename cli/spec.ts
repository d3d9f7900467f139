/**
 * Types of the command table (SPEC §4.1). One entry per leaf command; the
 * table drives parsing, help, completions, docs and the MCP tool list.
 *
 * @module
 */
import type { CliContext } from "./context.ts";

/** Value types of options and positionals (SPEC §4.3). */
export type ValueType =
  | "bool"
  | "string"
  | "int"
  | "duration"
  | "enum"
  | "priority"
  | "csv-enum"
  | "id"
  | "csv-id"
  | "path";

/** A declared option. Short aliases come from `SHORT_ALIASES` (SPEC §4.4). */
export interface OptionSpec {
  /** Long name without dashes (`retention-days`). */
  name: string;
  type: ValueType;
  description: string;
  /** Allowed words for enum and csv-enum. */
  values?: readonly string[];
  min?: number;
  max?: number;
  repeatable?: boolean;
  required?: boolean;
  default?: unknown;
  env?: string;
  config?: string;
  /** Kept out of help and completions (testing hooks). */
  hidden?: boolean;
}

/** A declared positional. */
export interface ArgSpec {
  name: string;
  type: ValueType;
  description: string;
  required?: boolean;
  variadic?: boolean;
  values?: readonly string[];
}

/** Parsed input handed to a command's `run`. Option keys are camelCase. */
export interface Input {
  args: Record<string, unknown>;
  opts: Record<string, unknown>;
  /** Option names (long, without dashes) given on the command line. */
  given: Set<string>;
}

/** One leaf command. */
export interface CommandSpec {
  /** Space-separated path (`task claim`). */
  path: string;
  /** Envelope command id; defaults to the path with dots. */
  id?: string;
  summary: string;
  description?: string;
  args?: ArgSpec[];
  options?: OptionSpec[];
  /** Sets of option names of which at most one may be given. */
  exclusive?: string[][];
  mutates?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
  /** Exposed as an MCP tool (default true). */
  mcp?: boolean;
  /** Does not open the database (help, version, quickstart, completions). */
  noStore?: boolean;
  examples?: string[];
  run: (ctx: CliContext, input: Input) => unknown | Promise<unknown>;
  /** Human rendering of the success data (shapes vary per command). */
  // deno-lint-ignore no-explicit-any
  human?: (data: any, ctx: CliContext) => string;
}

/** A command group (`task`, `sync conflicts`). */
export interface GroupSpec {
  path: string;
  summary: string;
  /** Leaf run when the group is invoked alone (`board` → `board open`). */
  defaultLeaf?: string;
}

/** Short aliases by long option name (SPEC §4.4). */
export const SHORT_ALIASES: Record<string, string> = {
  title: "t",
  description: "d",
  status: "s",
  priority: "p",
  owner: "o",
  epic: "e",
  limit: "n",
  force: "f",
  global: "g",
  yes: "y",
};

/** Long aliases (only `--desc`). */
export const LONG_ALIASES: Record<string, string> = { desc: "description" };

/** `retention-days` → `retentionDays`. */
export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
