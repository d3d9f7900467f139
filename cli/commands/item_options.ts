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

export const title = (required = false): OptionSpec => ({
  name: "title",
  type: "string",
  description: "Title (one line, 1-200 characters)",
  required,
});
export const description: OptionSpec = {
  name: "description",
  type: "string",
  description: "Description (markdown; --desc also works)",
};
export const descriptionFile: OptionSpec = {
  name: "description-file",
  type: "path",
  description: "Read the description from a file (- = stdin)",
};
export const append: OptionSpec = {
  name: "append",
  type: "string",
  description: "Append a paragraph to the description",
};
export const appendFile: OptionSpec = {
  name: "append-file",
  type: "path",
  description: "Append the content of a file (- = stdin)",
};
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
export const ids = (kind: string): OptionSpec => ({
  name: "ids",
  type: "csv-id",
  description: `Update several ${kind}s at once (comma-separated ids; atomic)`,
});
export const before = (kind: string): OptionSpec => ({
  name: "before",
  type: "id",
  description: `Place before this ${kind}`,
});
export const after = (kind: string): OptionSpec => ({
  name: "after",
  type: "id",
  description: `Place after this ${kind}`,
});
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
