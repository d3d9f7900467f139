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
  showItem,
  type Status,
  updateSubtask,
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
  idArg,
  ids,
  listExclusive,
  listInput,
  listOptions,
  owner,
  status,
  textExclusive,
  title,
} from "./item_options.ts";
import { deleted, shown, subtaskCreated, subtaskList, updated } from "./items_human.ts";
import { updateInput } from "./update_input.ts";

const taskOption = (description: string) => ({ name: "task", type: "id" as const, description });

/** Subtask commands. */
export const commands: CommandSpec[] = [
  {
    path: "subtask create",
    summary: "Create a subtask under a task",
    args: [idArg("task", "The parent task (or --task)", false)],
    options: [
      taskOption("The parent task (or the positional)"),
      title(true),
      description,
      descriptionFile,
      status,
      owner("Owner"),
      before("subtask"),
      after("subtask"),
    ],
    exclusive: [["<task>", "task"], ["description", "description-file"], ["before", "after"]],
    mutates: true,
    examples: ['cairn subtask create t-3k9q --title "Table-driven tests"'],
    run: async (ctx, { args, opts }) => {
      const task = (args.task ?? opts.task) as string | undefined;
      if (task === undefined) {
        throw new CairnError("missing_argument", "Missing the parent task: give <task> or --task", {
          anyOf: ["<task>", "--task"],
        });
      }
      return createSubtask(await ctx.core(), {
        task,
        title: opts.title as string,
        description: await textOption(ctx, opts, "description"),
        status: opts.status as Status | undefined,
        owner: opts.owner as string | undefined,
        before: opts.before as string | undefined,
        after: opts.after as string | undefined,
      });
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
  {
    path: "subtask show",
    summary: "Show a subtask with its task, dependencies and readiness",
    args: [idArg("subtask", "The subtask id or a unique prefix")],
    run: async (ctx, { args }) =>
      showItem(await ctx.core(), { id: args.subtask as string, kinds: ["subtask"] }),
    human: shown,
  },
  {
    path: "subtask update",
    summary: "Change a subtask's fields or status (or several with --ids)",
    args: [idArg("subtask", "The subtask id or a unique prefix", false)],
    options: [
      title(),
      description,
      descriptionFile,
      append,
      appendFile,
      status,
      owner('Assign an owner ("" clears it)'),
      ids("subtask"),
    ],
    exclusive: [textExclusive, ["<subtask>", "ids"]],
    mutates: true,
    examples: ["cairn subtask update s-0w4r --status in_progress"],
    run: async (ctx, input) =>
      updateSubtask(await ctx.core(), await updateInput(ctx, "subtask", input)),
    human: updated("subtask"),
  },
  {
    path: "subtask delete",
    summary: "Delete a subtask and its edges",
    args: [idArg("subtask", "The subtask id or a unique prefix")],
    mutates: true,
    destructive: true,
    examples: ["cairn subtask delete s-0w4r"],
    run: async (ctx, { args }) => deleteSubtask(await ctx.core(), { id: args.subtask as string }),
    human: deleted("subtask"),
  },
];
