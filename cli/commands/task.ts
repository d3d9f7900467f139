/**
 * `task create|list|show|update|delete` (SPEC §9.4). The agent-loop task
 * commands (claim, done, ready, next, ...) live in loop.ts.
 *
 * @module
 */
import { createTask, deleteTask, listTasks, updateTask } from "../../core/mod.ts";
import type { CommandSpec } from "../spec.ts";
import { deleteCommand, showCommand, updateCommand } from "./item_commands.ts";
import { createInput } from "./item_input.ts";
import {
  createExclusive,
  createOptions,
  listExclusive,
  listInput,
  listOptions,
  owner,
  priorities,
  priority,
  priorityList,
} from "./item_options.ts";
import { taskCreated, taskList } from "./items_human.ts";

/** Task commands. */
export const commands: CommandSpec[] = [
  {
    path: "task create",
    summary: "Create a task in an epic",
    options: [
      { name: "epic", type: "id", description: "The epic", required: true },
      ...createOptions("task", [priority, owner("Owner")]),
    ],
    exclusive: createExclusive,
    mutates: true,
    examples: ['cairn task create --epic e-8d2m --title "Write the lexer" --priority p1'],
    run: async (ctx, { opts }) =>
      createTask(await ctx.core(), { epic: opts.epic as string, ...await createInput(ctx, opts) }),
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
  showCommand("task", "Show a task with its subtasks, criteria, dependencies and readiness"),
  updateCommand("task", {
    summary: "Change a task's fields or status (or several tasks with --ids)",
    fields: [priority, owner('Assign an owner ("" clears it)')],
    cascade: {
      cascade: "With --status done: complete the task's subtasks too",
      force: "With --status done: complete despite unchecked criteria",
    },
    examples: [
      'cairn task update t-3k9q --append "Found the cause: retry loop"',
      "cairn task update --ids t-3k9q,t-8d2m --priority p1",
    ],
    update: updateTask,
  }),
  deleteCommand("task", {
    summary: "Delete a task with its subtasks, criteria and edges",
    examples: ["cairn task delete t-3k9q"],
    remove: (core, { id }) => deleteTask(core, { id }),
  }),
];
