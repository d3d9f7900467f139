/**
 * Option declarations shared by the item commands (epic, task, subtask).
 *
 * @module
 */
import { STATUSES } from "../../core/mod.ts";
import type { ArgSpec, OptionSpec } from "../spec.ts";

const PRIORITIES = ["p0", "p1", "p2", "p3", "p4"];

/** A required or optional id positional. */
export const idArg = (name: string, description: string, required = true): ArgSpec => ({
  name,
  type: "id",
  description,
  required,
});

const title = (required = false): OptionSpec => ({
  name: "title",
  type: "string",
  description: "Title (one line, 1-200 characters)",
  required,
});

/** `--<name>` with its text inline and `--<name>-file` reading it from a file. */
const inlineOrFile = (name: string, inline: string, file: string): OptionSpec[] => [
  { name, type: "string", description: inline },
  { name: `${name}-file`, type: "path", description: file },
];
const descriptionOptions = inlineOrFile(
  "description",
  "Description (markdown; --desc also works)",
  "Read the description from a file (- = stdin)",
);
const appendOptions = inlineOrFile(
  "append",
  "Append a paragraph to the description",
  "Append the content of a file (- = stdin)",
);
export const status: OptionSpec = {
  name: "status",
  type: "enum",
  values: STATUSES,
  description: "Status",
};
export const priority: OptionSpec = {
  name: "priority",
  type: "priority",
  description: "Priority p0 (highest) .. p4",
};
export const owner = (description: string): OptionSpec => ({
  name: "owner",
  type: "string",
  description,
});

/** Options of `<kind> create`: title, description, status, `fields`, then placement. */
export function createOptions(kind: string, fields: OptionSpec[]): OptionSpec[] {
  const place = (where: "before" | "after"): OptionSpec => ({
    name: where,
    type: "id",
    description: `Place ${where} this ${kind}`,
  });
  return [title(true), ...descriptionOptions, status, ...fields, place("before"), place("after")];
}

/** Options of `<kind> update`: text and status fields, `fields`, then `--ids`. */
export function updateOptions(kind: string, fields: OptionSpec[]): OptionSpec[] {
  return [title(), ...descriptionOptions, ...appendOptions, status, ...fields, {
    name: "ids",
    type: "csv-id",
    description: `Update several ${kind}s at once (comma-separated ids; atomic)`,
  }];
}

/** Options of which a `create` takes at most one each. */
export const createExclusive = [["description", "description-file"], ["before", "after"]];
/** Options of which an `update` takes at most one. */

export const flag = (name: string, description: string): OptionSpec => ({
  name,
  type: "bool",
  description,
});

/** Options of list commands (SPEC §9.3.3). */
export const listOptions: OptionSpec[] = [
  {
    name: "status",
    type: "csv-enum",
    values: STATUSES,
    description: "Statuses (default: todo,in_progress,blocked)",
  },
  flag("all", "Every status, no paging"),
  { name: "limit", type: "int", min: 1, max: 1000, description: "Page size (default 100)" },
  {
    name: "cursor",
    type: "string",
    description: "Continue after the page that returned this cursor",
  },
  flag("full", "Include descriptions"),
];
export const priorities: OptionSpec = {
  name: "priority",
  type: "csv-enum",
  values: PRIORITIES,
  description: "Priorities (comma-separated p0..p4)",
};
export const listExclusive = [["all", "status"], ["all", "limit"], ["all", "cursor"]];
export const textExclusive = ["description", "description-file", "append", "append-file"];

/** Converts a csv-enum of `p0..p4` to stored integers. */
export function priorityList(v: unknown): number[] | undefined {
  return v === undefined ? undefined : (v as string[]).map((p) => Number(p.slice(1)));
}

/** Common list input from parsed options. */
export function listInput(opts: Record<string, unknown>) {
  return {
    status: opts.status as ("todo" | "in_progress" | "blocked" | "done")[] | undefined,
    all: opts.all as boolean | undefined,
    limit: opts.limit as number | undefined,
    cursor: opts.cursor as string | undefined,
    full: opts.full as boolean | undefined,
  };
}
