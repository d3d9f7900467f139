/**
 * `epic create|list|show|update|delete` (SPEC §9.3).
 *
 * @module
 */
import {
  cascadeComplete,
  checkUpdateOptions,
  createEpic,
  deleteEpic,
  listEpics,
  showItem,
  type Status,
  updateEpic,
} from "../../core/mod.ts";
import type { CommandSpec } from "../spec.ts";
import { textOption } from "../text_input.ts";
import {
  after,
  append,
  appendFile,
  before,
  description,
  descriptionFile,
  flag,
  idArg,
  ids,
  listExclusive,
  listInput,
  listOptions,
  priorities,
  priority,
  priorityList,
  status,
  textExclusive,
  title,
} from "./item_options.ts";
import { deleted, epicCreated, epicList, shown, updated } from "./items_human.ts";
import { updateInput } from "./update_input.ts";

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
      title(true),
      description,
      descriptionFile,
      status,
      priority,
      before("epic"),
      after("epic"),
      spec("task", "Task spec <key>|<title>|<description>[|<attribute>]..."),
      spec("subtask", "Subtask spec <parent-ref>|<key>|<title>|<description>[|<attribute>]..."),
      spec("dep", "Dependency spec <source-ref>|<depends-on-ref>"),
      spec("criterion", "Criterion spec <task-ref>|<text>"),
    ],
    exclusive: [["description", "description-file"], ["before", "after"]],
    mutates: true,
    examples: [
      'cairn epic create --title "Parser"',
      `cairn epic create --title "Parser" --task 'lex|Write lexer|' --task 'parse|Write parser|' --dep '@parse|@lex'`,
    ],
    run: async (ctx, { opts }) => {
      const base = {
        title: opts.title as string,
        description: await textOption(ctx, opts, "description"),
        status: opts.status as Status | undefined,
        priority: opts.priority as number | undefined,
        before: opts.before as string | undefined,
        after: opts.after as string | undefined,
      };
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
  {
    path: "epic show",
    summary: "Show an epic with its progress and tasks",
    args: [idArg("epic", "The epic id or a unique prefix")],
    options: [flag("all", "The full tree: every task with subtasks, criteria, dependencies")],
    run: async (ctx, { args, opts }) =>
      showItem(await ctx.core(), { id: args.epic as string, kinds: ["epic"], all: !!opts.all }),
    human: shown,
  },
  {
    path: "epic update",
    summary: "Change an epic's fields or status (or several epics with --ids)",
    args: [idArg("epic", "The epic id or a unique prefix", false)],
    options: [
      title(),
      description,
      descriptionFile,
      append,
      appendFile,
      status,
      priority,
      ids("epic"),
      flag("cascade", "With --status done: complete every task and subtask too"),
      flag("force", "With --cascade: complete tasks with unchecked criteria"),
    ],
    exclusive: [textExclusive, ["<epic>", "ids"]],
    mutates: true,
    examples: [
      "cairn epic update e-8d2m --status in_progress",
      "cairn epic update e-8d2m --status done --cascade",
    ],
    run: async (ctx, input) => {
      const u = await updateInput(ctx, "epic", input);
      const core = await ctx.core();
      if (!u.cascade) return updateEpic(core, u);
      checkUpdateOptions("epic", u);
      return cascadeComplete(core, { id: u.id!, kind: "epic", force: u.force });
    },
    human: updated("epic"),
  },
  {
    path: "epic delete",
    summary: "Delete an epic (with --cascade: its tasks, subtasks, criteria and edges)",
    args: [idArg("epic", "The epic id or a unique prefix")],
    options: [flag("cascade", "Also delete the epic's tasks")],
    mutates: true,
    destructive: true,
    examples: ["cairn epic delete e-8d2m --cascade"],
    run: async (ctx, { args, opts }) =>
      deleteEpic(await ctx.core(), { id: args.epic as string, cascade: !!opts.cascade }),
    human: deleted("epic"),
  },
];
