/**
 * `epic create|list|show|update|delete` (SPEC §9.3).
 *
 * @module
 */
import { createEpic, deleteEpic, listEpics, updateEpic } from "../../core/mod.ts";
import type { CommandSpec } from "../spec.ts";
import { deleteCommand, showCommand, updateCommand } from "./item_commands.ts";
import { createInput } from "./item_input.ts";
import {
  createExclusive,
  createOptions,
  flag,
  listExclusive,
  listInput,
  listOptions,
  priorities,
  priority,
  priorityList,
} from "./item_options.ts";
import { epicCreated, epicList } from "./items_human.ts";

const spec = (name: string, description: string) => ({
  name,
  type: "string" as const,
  repeatable: true,
  description,
});

/** Epic commands. */
export const commands: CommandSpec[] = [
  {
    path: "epic create",
    summary: "Create an epic, optionally with its whole plan in one transaction",
    description:
      "Without specs creates one epic. With --task/--subtask/--dep/--criterion specs creates the epic and the whole graph at once (see the batch spec grammar).",
    options: [
      ...createOptions("epic", [priority]),
      spec("task", "Task spec <key>|<title>|<description>[|<attribute>]..."),
      spec("subtask", "Subtask spec <parent-ref>|<key>|<title>|<description>[|<attribute>]..."),
      spec("dep", "Dependency spec <source-ref>|<depends-on-ref>"),
      spec("criterion", "Criterion spec <task-ref>|<text>"),
    ],
    exclusive: createExclusive,
    mutates: true,
    examples: [
      'cairn epic create --title "Parser"',
      `cairn epic create --title "Parser" --task 'lex|Write lexer|' --task 'parse|Write parser|' --dep '@parse|@lex'`,
    ],
    run: async (ctx, { opts }) => {
      const base = await createInput(ctx, opts);
      const specs = {
        tasks: opts.task as string[] | undefined,
        subtasks: opts.subtask as string[] | undefined,
        deps: opts.dep as string[] | undefined,
        criteria: opts.criterion as string[] | undefined,
      };
      const core = await ctx.core();
      if (!Object.values(specs).some((l) => l?.length)) return createEpic(core, base);
      const { createEpicWithSpecs } = await import("../../core/batch/mod.ts");
      return createEpicWithSpecs(core, { ...base, ...specs });
    },
    human: epicCreated,
  },
  {
    path: "epic list",
    summary: "List epics with their progress",
    options: [...listOptions.slice(0, 1), priorities, ...listOptions.slice(1)],
    exclusive: listExclusive,
    examples: ["cairn epic list", "cairn epic list --all"],
    run: async (ctx, { opts }) =>
      listEpics(await ctx.core(), { ...listInput(opts), priority: priorityList(opts.priority) }),
    human: epicList,
  },
  showCommand("epic", "Show an epic with its progress and tasks", [
    flag("all", "The full tree: every task with subtasks, criteria, dependencies"),
  ]),
  updateCommand("epic", {
    summary: "Change an epic's fields or status (or several epics with --ids)",
    fields: [priority],
    cascade: {
      cascade: "With --status done: complete every task and subtask too",
      force: "With --cascade: complete tasks with unchecked criteria",
    },
    examples: [
      "cairn epic update e-8d2m --status in_progress",
      "cairn epic update e-8d2m --status done --cascade",
    ],
    update: updateEpic,
  }),
  deleteCommand("epic", {
    summary: "Delete an epic (with --cascade: its tasks, subtasks, criteria and edges)",
    options: [flag("cascade", "Also delete the epic's tasks")],
    examples: ["cairn epic delete e-8d2m --cascade"],
    remove: deleteEpic,
  }),
];
