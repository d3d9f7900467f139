/**
 * The `show`, `update` and `delete` commands of epics, tasks and subtasks,
 * built from one definition each (SPEC §9.3–§9.5).
 *
 * @module
 */
import {
  cascadeComplete,
  checkUpdateOptions,
  type Ctx,
  showItem,
  type UpdateInput,
} from "../../core/mod.ts";
import type { CommandSpec, Input, OptionSpec } from "../spec.ts";
import type { CliContext } from "../context.ts";
import { flag, idArg, textExclusive, updateOptions } from "./item_options.ts";
import { deleted, shown, updated } from "./items_human.ts";
import { updateInput } from "./item_input.ts";

type ItemKind = "epic" | "task" | "subtask";

const idOf = (kind: ItemKind, required = true) =>
  idArg(kind, `The ${kind} id or a unique prefix`, required);

/** `<kind> show`; `options` are the epic's `--all`. */
export function showCommand(kind: ItemKind, summary: string, options?: OptionSpec[]): CommandSpec {
  return {
    path: `${kind} show`,
    summary,
    args: [idOf(kind)],
    ...(options ? { options } : {}),
    run: async (ctx, { args, opts }) =>
      showItem(await ctx.core(), { id: args[kind] as string, kinds: [kind], all: !!opts.all }),
    human: shown,
  };
}

/** What differs between the `update` commands. */
export interface UpdateDefinition {
  summary: string;
  /** Options between `--status` and `--ids` (`--priority`, `--owner`). */
  fields: OptionSpec[];
  /** Descriptions of `--cascade` and `--force`, for kinds that complete a tree. */
  cascade?: { cascade: string; force: string };
  examples: string[];
  update: (core: Ctx, input: UpdateInput) => unknown;
}

/** `<kind> update`: fields or status of one item, or of several with `--ids`. */
export function updateCommand(kind: ItemKind, d: UpdateDefinition): CommandSpec {
  const cascade = d.cascade
    ? [flag("cascade", d.cascade.cascade), flag("force", d.cascade.force)]
    : [];
  return {
    path: `${kind} update`,
    summary: d.summary,
    args: [idOf(kind, false)],
    options: [...updateOptions(kind, d.fields), ...cascade],
    exclusive: [textExclusive, [`<${kind}>`, "ids"]],
    mutates: true,
    examples: d.examples,
    run: d.cascade
      ? updateOrCascade(kind as "epic" | "task", d.update)
      : async (ctx, input) => d.update(await ctx.core(), await updateInput(ctx, kind, input)),
    human: updated(kind),
  };
}

function updateOrCascade(kind: "epic" | "task", update: UpdateDefinition["update"]) {
  return async (ctx: CliContext, input: Input) => {
    const u = await updateInput(ctx, kind, input);
    const core = await ctx.core();
    if (!u.cascade) return update(core, u);
    checkUpdateOptions(kind, u);
    return cascadeComplete(core, { id: u.id!, kind, force: u.force });
  };
}

/** `<kind> delete`: `remove` gets the id and, for epics, `--cascade`. */
export function deleteCommand(
  kind: ItemKind,
  d: {
    summary: string;
    options?: OptionSpec[];
    examples: string[];
    remove: (core: Ctx, input: { id: string; cascade: boolean }) => unknown;
  },
): CommandSpec {
  return {
    path: `${kind} delete`,
    summary: d.summary,
    args: [idOf(kind)],
    ...(d.options ? { options: d.options } : {}),
    mutates: true,
    destructive: true,
    examples: d.examples,
    run: async (ctx, { args, opts }) =>
      d.remove(await ctx.core(), { id: args[kind] as string, cascade: !!opts.cascade }),
    human: deleted(kind),
  };
}
