/**
 * `show` and `history` (SPEC §9.2.4, §9.2.5).
 *
 * @module
 */
import { EVENT_FIELDS, itemHistory, showItem } from "../../core/mod.ts";
import type { CommandSpec } from "../spec.ts";
import { flag, idArg } from "./item_options.ts";
import { shown } from "./items_human.ts";

// deno-lint-ignore no-explicit-any
type Data = any;

function short(v: unknown): string {
  if (v === null || v === undefined) return "∅";
  if (v === "") return '""';
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:[\d.]+Z$/.test(v)) {
    return v.slice(11, 16);
  }
  const text = typeof v === "string" ? v : JSON.stringify(v);
  const one = text.replace(/\s+/g, " ");
  return [...one].length > 60 ? [...one].slice(0, 59).join("") + "…" : one;
}

function historyHuman(d: Data): string {
  const item = d.item;
  const head = `History of ${item.kind} ${item.id} "${item.title}"${
    item.deleted ? " (deleted)" : ""
  }: ${d.page.total} event(s)`;
  const rows = d.events.map((e: Data) =>
    [
      e.at.slice(0, 16).replace("T", " "),
      e.actor,
      e.op,
      `${e.itemId === item.id ? "" : `${e.itemId}: `}${
        e.changes.map((c: Data) => `${c.field} ${short(c.old)} → ${short(c.new)}`).join("; ")
      }`,
      `(${e.source}${e.command ? ` ${e.command}` : ""})`,
    ].join("  ")
  );
  const more = d.page.nextCursor ? `more: --cursor ${d.page.nextCursor}` : "";
  return [head, ...(rows.length ? rows : ["No events."]), more].filter(Boolean).join("\n");
}

/** Read commands. */
export const commands: CommandSpec[] = [
  {
    path: "show",
    summary: "Show any item: epic, task, subtask or criterion",
    args: [idArg("id", "An id or unique prefix of any kind")],
    options: [flag("all", "For an epic: the full tree")],
    examples: ["cairn show t-3k9q", "cairn show e-8d2m --all"],
    run: async (ctx, { args, opts }) =>
      showItem(await ctx.core(), { id: args.id as string, all: !!opts.all }),
    human: shown,
  },
  {
    path: "history",
    summary: "The audit trail of an item, newest first (deleted items too)",
    args: [idArg("id", "An id or unique prefix (live or deleted)")],
    options: [
      { name: "limit", type: "int", min: 1, max: 1000, description: "Page size (default 50)" },
      {
        name: "cursor",
        type: "string",
        description: "Continue after the page that returned this cursor",
      },
      flag("deep", "Include the events of descendants"),
      {
        name: "field",
        type: "string",
        description: `Only events that change this field (${EVENT_FIELDS.join(", ")})`,
      },
      flag("all", "Include heartbeat events"),
    ],
    examples: ["cairn history t-3k9q", "cairn history e-8d2m --deep --field status"],
    run: async (ctx, { args, opts }) =>
      itemHistory(await ctx.core(), {
        id: args.id as string,
        limit: opts.limit as number | undefined,
        cursor: opts.cursor as string | undefined,
        deep: !!opts.deep,
        field: opts.field as string | undefined,
        all: !!opts.all,
      }),
    human: historyHuman,
  },
];
