/**
 * Acceptance criteria commands (SPEC §9.7): `criteria add|list|check|
 * uncheck|update|move|remove`. Parse, one core call, render.
 *
 * @module
 */
import {
  addCriterion,
  CairnError,
  checkCriterion,
  listCriteria,
  moveCriterion,
  removeCriterion,
  uncheckCriterion,
  updateCriterion,
} from "../../core/mod.ts";
import type { CliContext } from "../context.ts";
import { table } from "../output/human.ts";
import type { ArgSpec, CommandSpec, OptionSpec } from "../spec.ts";

const criterionArg: ArgSpec = {
  name: "criterion",
  type: "id",
  description: "The criterion id (c-…) or a unique prefix",
  required: true,
};
const taskArg: ArgSpec = {
  name: "task",
  type: "id",
  description: "The task id or a unique prefix",
  required: true,
};
const place: OptionSpec[] = [
  { name: "before", type: "id", description: "Place before this criterion of the same task" },
  { name: "after", type: "id", description: "Place after this criterion of the same task" },
];
const str = (v: unknown) => v as string | undefined;

/** `--evidence`, or the UTF-8 content of `--evidence-file` (`-` = stdin). */
async function evidenceOf(ctx: CliContext, opts: Record<string, unknown>) {
  if (opts.evidence !== undefined) return opts.evidence as string;
  const path = str(opts.evidenceFile);
  if (path === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    const full = path === "-" ? "-" : path.startsWith("/") ? path : `${ctx.cwd}/${path}`;
    if (full !== "-" && Deno.statSync(full).isDirectory) throw new Deno.errors.IsADirectory(full);
    bytes = full === "-" ? await ctx.io.readStdin() : Deno.readFileSync(full);
  } catch (err) {
    throw new CairnError(
      err instanceof Deno.errors.PermissionDenied ? "permission_denied" : "invalid_path",
      `Cannot read ${path}: ${(err as Error).message}`,
      { path },
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CairnError("invalid_input", `${path} is not valid UTF-8`, {
      field: "evidence",
      path,
    });
  }
}

interface Summary {
  total: number;
  checked: number;
}
const counted = (s: Summary) => `${s.checked}/${s.total} checked`;
const mark = (c: { checked: boolean }) => (c.checked ? "[x]" : "[ ]");
const warned = (d: { warnings?: { message: string }[] }) =>
  (d.warnings ?? []).map((w) => `warning: ${w.message}`);

/** Criteria commands. */
export const commands: CommandSpec[] = [
  {
    path: "criteria add",
    summary: "Add an acceptance criterion to a task",
    args: [taskArg, {
      name: "text",
      type: "string",
      description: "The criterion (one line, 1-500 characters)",
      required: true,
    }],
    options: place,
    exclusive: [["before", "after"]],
    mutates: true,
    examples: ['cairn criteria add t-3k9q "Parses all sample files"'],
    run: async (ctx, { args, opts }) =>
      addCriterion(await ctx.core(), {
        task: args.task as string,
        text: args.text as string,
        before: str(opts.before),
        after: str(opts.after),
      }),
    human: (d) =>
      [`Added criterion ${d.criterion.id} to ${d.task.id} (${counted(d.summary)})`, ...warned(d)]
        .join("\n"),
  },
  {
    path: "criteria list",
    summary: "List a task's acceptance criteria in order",
    args: [taskArg],
    examples: ["cairn criteria list t-3k9q"],
    run: async (ctx, { args }) => listCriteria(await ctx.core(), { task: args.task as string }),
    human: (d) =>
      [
        `Criteria of ${d.task.id} "${d.task.title}": ${counted(d.summary)}`,
        table(
          ["", "ID", "TEXT"],
          d.criteria.map((
            c: { id: string; text: string; checked: boolean },
          ) => [mark(c), c.id, c.text]),
          "(no criteria)",
        ),
      ].join("\n"),
  },
  {
    path: "criteria check",
    summary: "Check a criterion, optionally with evidence",
    args: [criterionArg],
    options: [
      { name: "evidence", type: "string", description: "What shows it holds (kept if omitted)" },
      {
        name: "evidence-file",
        type: "path",
        description: "Read the evidence from a file (- = stdin)",
      },
    ],
    exclusive: [["evidence", "evidence-file"]],
    mutates: true,
    idempotent: true,
    examples: ['cairn criteria check c-1x9w --evidence "deno test: 212 passed"'],
    run: async (ctx, { args, opts }) => {
      const evidence = await evidenceOf(ctx, opts);
      return checkCriterion(await ctx.core(), { id: args.criterion as string, evidence });
    },
    human: (d) =>
      d.changed.length
        ? `Checked ${d.criterion.id} (${counted(d.summary)})`
        : `${d.criterion.id} was already checked`,
  },
  {
    path: "criteria uncheck",
    summary: "Uncheck a criterion (clears its evidence)",
    args: [criterionArg],
    mutates: true,
    idempotent: true,
    examples: ["cairn criteria uncheck c-1x9w"],
    run: async (ctx, { args }) =>
      uncheckCriterion(await ctx.core(), { id: args.criterion as string }),
    human: (d) =>
      [
        d.changed.length
          ? `Unchecked ${d.criterion.id} (${counted(d.summary)})`
          : `${d.criterion.id} was not checked`,
        ...warned(d),
      ].join("\n"),
  },
  {
    path: "criteria update",
    summary: "Change a criterion's text (checked state and evidence are kept)",
    args: [criterionArg],
    options: [{ name: "text", type: "string", description: "The new text", required: true }],
    mutates: true,
    idempotent: true,
    examples: ['cairn criteria update c-1x9w --text "Parses all 200 sample files"'],
    run: async (ctx, { args, opts }) =>
      updateCriterion(await ctx.core(), {
        id: args.criterion as string,
        text: opts.text as string,
      }),
    human: (
      d,
    ) => (d.changed.length ? `Updated ${d.criterion.id}` : `${d.criterion.id} is unchanged`),
  },
  {
    path: "criteria move",
    summary: "Reorder a criterion within its task",
    args: [criterionArg],
    options: place,
    exclusive: [["before", "after"]],
    mutates: true,
    idempotent: true,
    examples: ["cairn criteria move c-1x9w --before c-0w4r"],
    run: async (ctx, { args, opts }) =>
      moveCriterion(await ctx.core(), {
        id: args.criterion as string,
        before: str(opts.before),
        after: str(opts.after),
      }),
    human: (d) =>
      d.position.from === d.position.to
        ? `${d.criterion.id} is already there`
        : `Moved ${d.criterion.id} (position ${d.position.from} -> ${d.position.to})`,
  },
  {
    path: "criteria remove",
    summary: "Delete a criterion",
    args: [criterionArg],
    mutates: true,
    destructive: true,
    examples: ["cairn criteria remove c-1x9w"],
    run: async (ctx, { args }) =>
      removeCriterion(await ctx.core(), { id: args.criterion as string }),
    human: (d) => `Removed ${d.removed} (${counted(d.summary)})`,
  },
];
