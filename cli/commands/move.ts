/**
 * Move commands (SPEC §5.5, §9.3.6, §9.4.6, §9.5): `epic move`, `task move`,
 * `subtask move`. Parse, one core call, render.
 *
 * @module
 */
import { moveEpic, moveSubtask, moveTask } from "../../core/mod.ts";
import type { ArgSpec, CommandSpec, OptionSpec } from "../spec.ts";

const idArg = (kind: string): ArgSpec => ({
  name: kind,
  type: "id",
  description: `The ${kind} to move (id or unique prefix)`,
  required: true,
});
const place = (kind: string): OptionSpec[] => [
  { name: "before", type: "id", description: `Place before this ${kind}` },
  { name: "after", type: "id", description: `Place after this ${kind}` },
];
const str = (v: unknown) => v as string | undefined;

function moved(
  kind: string,
  id: string,
  from: { position: number; parent?: string },
  to: { position: number; parent?: string },
) {
  if (from.parent !== to.parent) return `Moved ${kind} ${id} from ${from.parent} to ${to.parent}`;
  return from.position === to.position
    ? `${kind[0]!.toUpperCase()}${kind.slice(1)} ${id} is already there`
    : `Moved ${kind} ${id} (position ${from.position} -> ${to.position})`;
}

/** Move commands. */
export const commands: CommandSpec[] = [
  {
    path: "epic move",
    summary: "Reorder an epic before or after another epic",
    args: [idArg("epic")],
    options: place("epic"),
    exclusive: [["before", "after"]],
    mutates: true,
    idempotent: true,
    examples: ["cairn epic move e-8d2m --before e-1x9w"],
    run: async (ctx, { args, opts }) =>
      moveEpic(await ctx.core(), {
        id: args.epic as string,
        before: str(opts.before),
        after: str(opts.after),
      }),
    human: (d) =>
      moved("epic", d.epic.id, { position: d.position.from }, { position: d.position.to }),
  },
  {
    path: "task move",
    summary: "Reorder a task, or move it (with its subtasks and criteria) to another epic",
    args: [idArg("task")],
    options: [
      {
        name: "epic",
        type: "id",
        description: "Move to the end of this epic (or next to --before/--after there)",
      },
      ...place("task"),
    ],
    exclusive: [["before", "after"]],
    mutates: true,
    idempotent: true,
    examples: ["cairn task move t-3k9q --after t-8d2m", "cairn task move t-3k9q --epic e-1x9w"],
    run: async (ctx, { args, opts }) =>
      moveTask(await ctx.core(), {
        id: args.task as string,
        epic: str(opts.epic),
        before: str(opts.before),
        after: str(opts.after),
      }),
    human: (d) =>
      [
        moved("task", d.task.id, { position: d.from.position, parent: d.from.epicId }, {
          position: d.to.position,
          parent: d.to.epicId,
        }),
        ...d.auto.map((a: { id: string; from: string; to: string }) =>
          `epic ${a.id}: ${a.from} -> ${a.to} (automatic)`
        ),
      ].join("\n"),
  },
  {
    path: "subtask move",
    summary: "Reorder a subtask, or move it to another task",
    args: [idArg("subtask")],
    options: [
      {
        name: "task",
        type: "id",
        description: "Move to the end of this task (or next to --before/--after there)",
      },
      ...place("subtask"),
    ],
    exclusive: [["before", "after"]],
    mutates: true,
    idempotent: true,
    examples: [
      "cairn subtask move s-0w4r --before s-1x9w",
      "cairn subtask move s-0w4r --task t-3k9q",
    ],
    run: async (ctx, { args, opts }) =>
      moveSubtask(await ctx.core(), {
        id: args.subtask as string,
        task: str(opts.task),
        before: str(opts.before),
        after: str(opts.after),
      }),
    human: (d) =>
      moved("subtask", d.subtask.id, { position: d.from.position, parent: d.from.taskId }, {
        position: d.to.position,
        parent: d.to.taskId,
      }),
  },
];
