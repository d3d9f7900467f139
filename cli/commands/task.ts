/**
 * `task create|list|show|update|delete` (SPEC §9.4). The agent-loop task
 * commands (claim, done, ready, next, ...) live in loop.ts.
 *
 * @module
 */
import {
  cascadeComplete,
  checkUpdateOptions,
  createTask,
  deleteTask,
  listTasks,
  showItem,
  type Status,
  updateTask,
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
  owner,
  priorities,
  priority,
  priorityList,
  status,
  textExclusive,
  title,
} from "./item_options.ts";
import { deleted, shown, taskCreated, taskList, updated } from "./items_human.ts";
import { updateInput } from "./update_input.ts";

/** Task commands. */
export const commands: CommandSpec[] = [
  {
    path: "task create",
    summary: "Create a task in an epic",
    options: [
      { name: "epic", type: "id", description: "The epic", required: true },
      title(true),
      description,
      descriptionFile,
      status,
      priority,
      owner("Owner"),
      before("task"),
      after("task"),
    ],
    exclusive: [["description", "description-file"], ["before", "after"]],
    mutates: true,
    examples: ['cairn task create --epic e-8d2m --title "Write the lexer" --priority p1'],
    run: async (ctx, { opts }) =>
      createTask(await ctx.core(), {
        epic: opts.epic as string,
        title: opts.title as string,
        description: await textOption(ctx, opts, "description"),
        status: opts.status as Status | undefined,
        priority: opts.priority as number | undefined,
        owner: opts.owner as string | undefined,
        before: opts.before as string | undefined,
        after: opts.after as string | undefined,
      }),
    human: taskCreated,
  },
  {
    path: "task list",
    summary: "List tasks (open ones by default)",
    options: [
      { name: "epic", type: "id", description: "Only this epic's tasks" },
      ...listOptions.slice(0, 1),
      priorities,
      owner("Only tasks with this owner"),
      ...listOptions.slice(1),
    ],
    exclusive: listExclusive,
    examples: ["cairn task list --epic e-8d2m", "cairn task list --status done --limit 20"],
    run: async (ctx, { opts }) =>
      listTasks(await ctx.core(), {
        ...listInput(opts),
        epic: opts.epic as string | undefined,
        priority: priorityList(opts.priority),
        owner: opts.owner as string | undefined,
      }),
    human: taskList,
  },
  {
    path: "task show",
    summary: "Show a task with its subtasks, criteria, dependencies and readiness",
    args: [idArg("task", "The task id or a unique prefix")],
    run: async (ctx, { args }) =>
      showItem(await ctx.core(), { id: args.task as string, kinds: ["task"] }),
    human: shown,
  },
  {
    path: "task update",
    summary: "Change a task's fields or status (or several tasks with --ids)",
    args: [idArg("task", "The task id or a unique prefix", false)],
    options: [
      title(),
      description,
      descriptionFile,
      append,
      appendFile,
      status,
      priority,
      owner('Assign an owner ("" clears it)'),
      ids("task"),
      flag("cascade", "With --status done: complete the task's subtasks too"),
      flag("force", "With --status done: complete despite unchecked criteria"),
    ],
    exclusive: [textExclusive, ["<task>", "ids"]],
    mutates: true,
    examples: [
      'cairn task update t-3k9q --append "Found the cause: retry loop"',
      "cairn task update --ids t-3k9q,t-8d2m --priority p1",
    ],
    run: async (ctx, input) => {
      const u = await updateInput(ctx, "task", input);
      const core = await ctx.core();
      if (!u.cascade) return updateTask(core, u);
      checkUpdateOptions("task", u);
      return cascadeComplete(core, { id: u.id!, kind: "task", force: u.force });
    },
    human: updated("task"),
  },
  {
    path: "task delete",
    summary: "Delete a task with its subtasks, criteria and edges",
    args: [idArg("task", "The task id or a unique prefix")],
    mutates: true,
    destructive: true,
    examples: ["cairn task delete t-3k9q"],
    run: async (ctx, { args }) => deleteTask(await ctx.core(), { id: args.task as string }),
    human: deleted("task"),
  },
];
