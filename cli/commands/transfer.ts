/**
 * `epic export`, `export --all` and `import` (SPEC §12). The transfer
 * subsystem is loaded lazily. `--path -` prints the document as raw text.
 *
 * @module
 */
import type { CommandSpec, OptionSpec } from "../spec.ts";

const transfer = () => import("../../core/transfer/mod.ts");

const target: OptionSpec[] = [
  {
    name: "path",
    type: "path",
    description: "File or directory (relative to the current directory); - prints the document",
  },
  { name: "overwrite", type: "bool", description: "Replace an existing file" },
];

/** Wraps an outcome: raw text for `--path -`, else the data. */
async function output(outcome: { data: unknown; text: string | null }): Promise<unknown> {
  if (outcome.text === null) return outcome.data;
  const { RawText } = await import("../mod.ts");
  return new RawText(outcome.text, outcome.data);
}

/** Export and import commands. */
export const commands: CommandSpec[] = [
  {
    path: "epic export",
    summary: "Write one epic as a Markdown or JSON document",
    description:
      "Default path: <worktree root>/plans/<slug>.<ext>. Never overwrites without --overwrite.",
    args: [{ name: "epic", type: "id", required: true, description: "Epic id or prefix" }],
    options: [
      {
        name: "format",
        type: "enum",
        values: ["md", "json"],
        default: "md",
        description: "Document format",
      },
      ...target,
    ],
    examples: ["cairn epic export e-8d2m", "cairn epic export e-8d2m --format json --path -"],
    run: async (ctx, { args, opts }) =>
      output((await transfer()).exportEpic(await ctx.core(), {
        epic: args.epic as string,
        format: opts.format as "md" | "json",
        path: opts.path as string | undefined,
        overwrite: opts.overwrite === true,
        cwd: ctx.cwd,
      })),
    human: (d) =>
      `Exported epic ${d.epicId} to ${d.path} (${d.bytes} bytes: ${d.summary.tasks} tasks, ${d.summary.subtasks} subtasks, ${d.summary.criteria} criteria, ${d.summary.dependencies} dependencies)`,
  },
  {
    path: "export",
    summary: "Write everything as one JSON document",
    description:
      "--all is required (it names the scope). Default path: <worktree root>/cairn-export-<stamp>.json. " +
      "Two exports of the same data differ only in exportedAt.",
    options: [
      { name: "all", type: "bool", description: "Export every epic (required)" },
      { name: "format", type: "enum", values: ["md", "json"], description: "Only json" },
      ...target,
    ],
    examples: ["cairn export --all", "cairn export --all --path backup.json"],
    run: async (ctx, { opts }) =>
      output((await transfer()).exportAll(await ctx.core(), {
        all: opts.all === true,
        format: opts.format as "md" | "json" | undefined,
        path: opts.path as string | undefined,
        overwrite: opts.overwrite === true,
        cwd: ctx.cwd,
      })),
    human: (d) =>
      `Exported ${d.counts.epics} epics, ${d.counts.tasks} tasks, ${d.counts.subtasks} subtasks, ${d.counts.criteria} criteria, ${d.counts.dependencies} dependencies to ${d.path}`,
  },
  {
    path: "import",
    summary: "Import a JSON export (idempotent)",
    description:
      "Validates everything first (issues carry JSON Pointers) and writes nothing on any issue. " +
      "Creates absent records with their own ids, updates differing ones, never deletes.",
    args: [{
      name: "file",
      type: "path",
      required: true,
      description: "Export file, or - for stdin",
    }],
    options: [{
      name: "dry-run",
      type: "bool",
      description: "Report what would happen; write nothing",
    }],
    mutates: true,
    idempotent: true,
    examples: ["cairn import cairn-export-20260502T134530Z.json --dry-run"],
    run: async (ctx, { args, opts }) => {
      const t = await transfer();
      const file = args.file as string;
      const text = file === "-"
        ? t.decode(await ctx.io.readStdin())
        : t.readImportFile(file, ctx.cwd);
      return t.importExport(await ctx.core(), { text, dryRun: opts.dryRun === true });
    },
    human: (d) => {
      const parts = Object.entries(d.counts as Record<string, Record<string, number>>).map((
        [kind, n],
      ) => `${kind} ${n.created} created, ${n.updated ?? 0} updated, ${n.unchanged} unchanged`);
      return `${d.dryRun ? "Dry run, nothing written" : "Imported"}: ${parts.join("; ")}`;
    },
  },
];
