/**
 * `search` and `replace` (SPEC §11). Parse, one core call, render.
 *
 * @module
 */
import { SEARCH_FIELDS, STATUSES } from "../../core/mod.ts";
import type { SearchField, Status } from "../../core/mod.ts";
import { table } from "../output/human.ts";
import type { CommandSpec, OptionSpec } from "../spec.ts";

const scopeOptions: OptionSpec[] = [
  { name: "in", type: "id", description: "Only this epic, task or subtask and what it contains" },
  {
    name: "fields",
    type: "csv-enum",
    values: SEARCH_FIELDS,
    description: "Fields to look in (default title,description,criteria)",
  },
  { name: "ignore-case", type: "bool", description: "Compare case-insensitively" },
  {
    name: "status",
    type: "csv-enum",
    values: STATUSES,
    description: "Only items with these statuses (criteria follow their task)",
  },
];

function scopeOf(opts: Record<string, unknown>) {
  return {
    in: opts.in as string | undefined,
    fields: opts.fields as SearchField[] | undefined,
    ignoreCase: opts.ignoreCase as boolean | undefined,
    status: opts.status as Status[] | undefined,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

interface Change {
  item: { id: string };
  fields: { field: string; count: number; before: string; after: string }[];
}

/** Search commands. */
export const commands: CommandSpec[] = [
  {
    path: "search",
    summary: "Find items whose title, description or criteria contain a text",
    description: "Literal text, no patterns. Results in tree order with a snippet per field.",
    args: [{
      name: "text",
      type: "string",
      description: "The text to find (literal)",
      required: true,
    }],
    options: [
      ...scopeOptions,
      {
        name: "limit",
        type: "int",
        min: 1,
        max: 1000,
        description: "Items per page (default 100)",
      },
      {
        name: "cursor",
        type: "string",
        description: "Continue after the page that returned this cursor",
      },
    ],
    examples: ['cairn search "lexer"', 'cairn search "TODO" --in e-8d2m --fields description'],
    run: async (ctx, { args, opts }) =>
      (await import("../../core/search/mod.ts")).searchItems(await ctx.core(), {
        text: args.text as string,
        ...scopeOf(opts),
        limit: opts.limit as number | undefined,
        cursor: opts.cursor as string | undefined,
      }),
    human: (d) => {
      const rows: string[][] = [];
      for (const m of d.matches) {
        for (const f of m.fields) rows.push([m.item.id, f.field, String(f.count), f.snippet]);
      }
      const n = d.summary.items;
      const head = `${n} item${n === 1 ? " matches" : "s match"} "${d.query.text}" (${
        plural(d.summary.occurrences, "occurrence")
      })`;
      const more = d.page.nextCursor ? `more: --cursor ${d.page.nextCursor}` : "";
      return [head, table(["ID", "FIELD", "N", "SNIPPET"], rows, ""), more].filter(Boolean).join(
        "\n",
      );
    },
  },
  {
    path: "replace",
    summary: "Replace a literal text in titles, descriptions and criteria (preview unless --apply)",
    description:
      "Preview first, then apply with --expect <occurrences> so the write fails if the data changed in between.",
    options: [
      {
        name: "search",
        type: "string",
        description: "The text to replace (literal)",
        required: true,
      },
      {
        name: "replace",
        type: "string",
        description: 'The replacement ("" deletes)',
        required: true,
      },
      ...scopeOptions,
      { name: "apply", type: "bool", description: "Write the changes (default: preview)" },
      {
        name: "expect",
        type: "int",
        min: 0,
        description: "Fail unless exactly this many occurrences are found",
      },
    ],
    mutates: true,
    examples: [
      'cairn replace --search "lexer" --replace "tokenizer"',
      'cairn replace --search "lexer" --replace "tokenizer" --apply --expect 4',
    ],
    run: async (ctx, { opts }) =>
      (await import("../../core/search/mod.ts")).replaceText(await ctx.core(), {
        search: opts.search as string,
        replace: opts.replace as string,
        ...scopeOf(opts),
        apply: opts.apply as boolean | undefined,
        expect: opts.expect as number | undefined,
      }),
    human: (d) => {
      const s = d.summary;
      const what = `${plural(s.occurrences, "occurrence")} in ${plural(s.items, "item")}`;
      const head = d.mode === "apply"
        ? `Replaced ${what}`
        : `Preview: ${what}${
          s.occurrences ? ` (write with --apply --expect ${s.occurrences})` : ""
        }`;
      const rows = (d.changes as Change[]).flatMap((c) =>
        c.fields.map((f) => [c.item.id, f.field, String(f.count), `${f.before} -> ${f.after}`])
      );
      return [head, table(["ID", "FIELD", "N", "CHANGE"], rows, "")].filter(Boolean).join("\n");
    },
  },
];
