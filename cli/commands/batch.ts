/**
 * Batch planning commands (SPEC §10, §9.3.2, §9.4.2, §9.5, §9.6): `epic
 * expand`, `task create-many`, `subtask create-many`, `dep add-many`.
 * Parse, one core call, render.
 *
 * @module
 */
import {
  addDependenciesMany,
  CairnError,
  createSubtasksMany,
  createTasksMany,
  expandEpic,
} from "../../core/mod.ts";
import { table } from "../output/human.ts";
import type { CommandSpec, OptionSpec } from "../spec.ts";

const SPEC_HELP = "Escape a literal | as \\| (also \\\\, \\n, \\t, \\r)";

/** A repeatable batch-spec option. */
export const specOption = (name: string, shape: string, required = false): OptionSpec => ({
  name,
  type: "string",
  repeatable: true,
  required,
  description: `${shape}. ${SPEC_HELP}`,
});

/** The four spec options of `epic create` / `epic expand` (SPEC §10.1). */
export const EPIC_SPEC_OPTIONS: OptionSpec[] = [
  specOption("task", "Task spec key|title|description[|status][|priority]"),
  specOption("subtask", "Subtask spec parent-ref|key|title|description[|status]"),
  specOption("dep", "Dependency spec source-ref|depends-on-ref (refs: @key or id)"),
  specOption("criterion", "Criterion spec task-ref|text"),
];

const list = (v: unknown) => v as string[] | undefined;

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** What a batch created, as `3 tasks, 1 subtask, 2 criteria, 4 dependencies`. */
export function batchCounts(c: Record<string, number>): string {
  const parts: string[] = [];
  if (c.tasks !== undefined) parts.push(plural(c.tasks, "task"));
  if (c.subtasks !== undefined) parts.push(plural(c.subtasks, "subtask"));
  if (c.criteria !== undefined) parts.push(plural(c.criteria, "criterion", "criteria"));
  parts.push(plural(c.dependencies ?? 0, "dependency", "dependencies"));
  return parts.join(", ");
}

/** The lines after a batch summary: temp key → id table, skipped edges, auto transitions. */
export function batchDetails(d: {
  mappings?: { kind: string; tempKey: string; id: string }[];
  skipped?: { index: number; sourceId: string; dependsOnId: string; reason: string }[];
  auto?: { id: string; from: string; to: string }[];
  warnings?: { message: string }[];
}): string {
  const lines: string[] = [];
  if (d.mappings?.length) {
    lines.push(
      table(["KEY", "KIND", "ID"], d.mappings.map((m) => [`@${m.tempKey}`, m.kind, m.id]), ""),
    );
  }
  for (const s of d.skipped ?? []) {
    lines.push(`skipped --dep ${s.index}: ${s.sourceId} > ${s.dependsOnId} (${s.reason})`);
  }
  for (const a of d.auto ?? []) lines.push(`epic ${a.id}: ${a.from} -> ${a.to} (automatic)`);
  for (const w of d.warnings ?? []) lines.push(`warning: ${w.message}`);
  return lines.join("\n");
}

const join = (...parts: string[]) => parts.filter(Boolean).join("\n");

/** Batch commands. */
export const commands: CommandSpec[] = [
  {
    path: "epic expand",
    summary: "Add tasks, subtasks, criteria and dependencies to an epic in one transaction",
    description:
      "Every spec is validated before anything is written. Tasks are appended after the epic's tasks, in spec order.",
    args: [{
      name: "epic",
      type: "id",
      description: "The epic id or a unique prefix",
      required: true,
    }],
    options: EPIC_SPEC_OPTIONS,
    mutates: true,
    examples: [
      "cairn epic expand e-8d2m --task 'bench|Benchmark|Measure the parser' --dep '@bench|t-3k9q'",
    ],
    run: async (ctx, { args, opts }) =>
      expandEpic(await ctx.core(), {
        epic: args.epic as string,
        tasks: list(opts.task),
        subtasks: list(opts.subtask),
        deps: list(opts.dep),
        criteria: list(opts.criterion),
      }),
    human: (d) => join(`Expanded epic ${d.epicId} with ${batchCounts(d.counts)}`, batchDetails(d)),
  },
  {
    path: "task create-many",
    summary: "Create many tasks in one epic in one transaction",
    description:
      "--criterion and --dep may reference this command's temp keys (@key) or existing ids.",
    options: [
      { name: "epic", type: "id", description: "The epic id or a unique prefix", required: true },
      specOption("task", "Task spec key|title|description[|status][|priority]", true),
      specOption("criterion", "Criterion spec task-ref|text"),
      specOption("dep", "Dependency spec source-ref|depends-on-ref (refs: @key or id)"),
    ],
    mutates: true,
    examples: [
      "cairn task create-many --epic e-8d2m --task 'a|First|' --task 'b|Second||p1' --dep '@b|@a'",
    ],
    run: async (ctx, { opts }) =>
      createTasksMany(await ctx.core(), {
        epic: opts.epic as string,
        tasks: list(opts.task)!,
        criteria: list(opts.criterion),
        deps: list(opts.dep),
      }),
    human: (d) => join(`Created ${batchCounts(d.counts)} in ${d.epicId}`, batchDetails(d)),
  },
  {
    path: "subtask create-many",
    summary: "Create many subtasks of one task in one transaction",
    args: [{ name: "task", type: "id", description: "The parent task id or a unique prefix" }],
    options: [
      { name: "task", type: "id", description: "The parent task (instead of the positional)" },
      specOption("subtask", "Subtask spec key|title|description[|status]", true),
      specOption("dep", "Dependency spec source-ref|depends-on-ref (refs: @key or id)"),
    ],
    exclusive: [["<task>", "task"]],
    mutates: true,
    examples: [
      "cairn subtask create-many t-3k9q --subtask 'a|Write tests|' --subtask 'b|Fix|' --dep '@b|@a'",
    ],
    run: async (ctx, { args, opts }) => {
      const task = (args.task ?? opts.task) as string | undefined;
      if (task === undefined) {
        throw new CairnError("missing_argument", "Name the parent task: <task> or --task", {
          anyOf: ["<task>", "--task"],
        });
      }
      return createSubtasksMany(await ctx.core(), {
        task,
        subtasks: list(opts.subtask)!,
        deps: list(opts.dep),
      });
    },
    human: (d) => join(`Created ${batchCounts(d.counts)} in ${d.taskId}`, batchDetails(d)),
  },
  {
    path: "dep add-many",
    summary: "Add many dependencies at once (existing ones are skipped)",
    description:
      "Each --dep is source|depends-on with ids or unique prefixes. Cycles are checked for the whole batch; nothing is written on any error.",
    options: [specOption("dep", "Dependency spec source-id|depends-on-id", true)],
    mutates: true,
    idempotent: true,
    examples: ["cairn dep add-many --dep 't-3k9q|t-8d2m' --dep 't-3k9q|s-0w4r'"],
    run: async (ctx, { opts }) => addDependenciesMany(await ctx.core(), { deps: list(opts.dep)! }),
    human: (d) =>
      join(
        `Added ${plural(d.created, "dependency", "dependencies")}${
          d.skipped.length ? ` (${d.skipped.length} skipped)` : ""
        }`,
        batchDetails({ skipped: d.skipped, warnings: d.warnings }),
      ),
  },
];
