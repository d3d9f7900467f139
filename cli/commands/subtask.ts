/**
 * `subtask create|list|show|update|delete` (SPEC §9.5). The agent-loop
 * subtask commands (claim, heartbeat, release, done) live in loop.ts.
 *
 * @module
 */
import {
  CairnError,
  createSubtask,
  deleteSubtask,
  listSubtasks,
  updateSubtask,
} from "../../core/mod.ts";
import type { CommandSpec } from "../spec.ts";
import { deleteCommand, showCommand, updateCommand } from "./item_commands.ts";
import { createInput } from "./item_input.ts";
import {
  createExclusive,
  createOptions,
  idArg,
  listExclusive,
  listInput,
  listOptions,
  owner,
} from "./item_options.ts";
import { subtaskCreated, subtaskList } from "./items_human.ts";

const taskOption = (description: string) => ({ name: "task", type: "id" as const, description });

/** Subtask commands. */
export const commands: CommandSpec[] = [
  {
    path: "subtask create",
    summary: "Create a subtask under a task",
    args: [idArg("task", "The parent task (or --task)", false)],
    options: [
      taskOption("The parent task (or the positional)"),
      ...createOptions("subtask", [owner("Owner")]),
    ],
    exclusive: [["<task>", "task"], ...createExclusive],
    mutates: true,
    examples: ['cairn subtask create t-3k9q --title "Table-driven tests"'],
    run: async (ctx, { args, opts }) => {
      const task = (args.task ?? opts.task) as string | undefined;
      if (task === undefined) {
        throw new CairnError("missing_argument", "Missing the parent task: give <task> or --task", {
          anyOf: ["<task>", "--task"],
        });
      }
      return createSubtask(await ctx.core(), { task, ...await createInput(ctx, opts) });
    },
    human: subtaskCreated,
  },
  {
    path: "subtask list",
    summary: "List subtasks (open ones by default)",
    args: [idArg("task", "Only this task's subtasks (or --task)", false)],
    options: [
      taskOption("Only this task's subtasks"),
      { name: "epic", type: "id", description: "Only subtasks of this epic's tasks" },
      ...listOptions.slice(0, 1),
      owner("Only subtasks with this owner"),
      ...listOptions.slice(1),
    ],
    exclusive: [["<task>", "task"], ...listExclusive],
    examples: ["cairn subtask list t-3k9q", "cairn subtask list --epic e-8d2m --all"],
    run: async (ctx, { args, opts }) =>
      listSubtasks(await ctx.core(), {
        ...listInput(opts),
        task: (args.task ?? opts.task) as string | undefined,
        epic: opts.epic as string | undefined,
        owner: opts.owner as string | undefined,
      }),
    human: subtaskList,
  },
  showCommand("subtask", "Show a subtask with its task, dependencies and readiness"),
  updateCommand("subtask", {
    summary: "Change a subtask's fields or status (or several with --ids)",
    fields: [owner('Assign an owner ("" clears it)')],
    examples: ["cairn subtask update s-0w4r --status in_progress"],
    update: updateSubtask,
  }),
  deleteCommand("subtask", {
    summary: "Delete a subtask and its edges",
    examples: ["cairn subtask delete s-0w4r"],
    remove: (core, { id }) => deleteSubtask(core, { id }),
  }),
];
