/**
 * `sync`, `sync status|pull|push` and `sync conflicts list|show|resolve`
 * (SPEC §14.8). The sync subsystem is loaded lazily.
 *
 * @module
 */
import type { CommandSpec, OptionSpec } from "../spec.ts";
import { q, table } from "../output/human.ts";

const sync = () => import("../../core/sync/mod.ts");

const remote: OptionSpec = {
  name: "remote",
  type: "string",
  env: "CAIRN_SYNC_REMOTE",
  config: "sync.remote",
  description: "Git remote to sync with (default origin)",
};

interface PullLike {
  newEvents: number;
  applied: number;
  conflicts: { created: number };
  remote: string;
}

const pulled = (d: PullLike) =>
  `Pulled ${d.applied} of ${d.newEvents} new event(s) from ${d.remote}` +
  (d.conflicts.created ? `; ${d.conflicts.created} new conflict(s)` : "");

const pushed = (d: { exported: number; pushed: boolean; remote: string }) =>
  d.pushed ? `Pushed ${d.exported} event(s) to ${d.remote}` : `Nothing to push to ${d.remote}`;

interface ConflictLine {
  id: string;
  kind: string;
  item: { id: string; title?: string };
  field: string | null;
  ours: { value: unknown };
  theirs: { value: unknown };
  status: string;
}

const show = (v: unknown) => (typeof v === "string" ? q(v) : JSON.stringify(v));

/** Sync commands. */
export const commands: CommandSpec[] = [
  {
    path: "sync",
    summary: "Pull, then push the event log through git",
    description:
      "Events travel on refs/cairn/events; branches, the index and the working tree are never touched.",
    options: [remote],
    mutates: true,
    examples: ["cairn sync", "cairn sync --remote upstream"],
    run: async (ctx, { opts }) =>
      (await sync()).syncAll(await ctx.core(), { remote: opts.remote as string | undefined }),
    human: (d) => `${pulled(d.pull)}\n${pushed(d.push)}`,
  },
  {
    path: "sync status",
    summary: "Show unpushed and unpulled events and pending conflicts",
    options: [remote, {
      name: "offline",
      type: "bool",
      description: "Do not fetch; use what is known",
    }],
    examples: ["cairn sync status", "cairn sync status --offline"],
    run: async (ctx, { opts }) =>
      (await sync()).syncStatus(await ctx.core(), {
        remote: opts.remote as string | undefined,
        offline: opts.offline === true,
      }),
    human: (d) =>
      `${
        d.configured ? "Sync" : "Sync not configured yet"
      } with ${d.remote}: ${d.unpushed} unpushed, ${d.unpulled} unpulled, ${d.pendingConflicts} pending conflict(s)` +
      (d.lastFetchAt ? ` (last fetch ${d.lastFetchAt})` : ""),
  },
  {
    path: "sync pull",
    summary: "Fetch and apply other replicas' events",
    description: "Merges field by field; pulling twice changes nothing.",
    options: [remote],
    mutates: true,
    idempotent: true,
    run: async (ctx, { opts }) =>
      (await sync()).syncPull(await ctx.core(), { remote: opts.remote as string | undefined }),
    human: (d) => pulled(d),
  },
  {
    path: "sync push",
    summary: "Publish this replica's events to the remote",
    options: [remote],
    mutates: true,
    run: async (ctx, { opts }) =>
      (await sync()).syncPush(await ctx.core(), { remote: opts.remote as string | undefined }),
    human: (d) => pushed(d),
  },
  {
    path: "sync conflicts list",
    summary: "List conflicts recorded by sync (pending unless --all)",
    options: [
      { name: "all", type: "bool", description: "Include resolved conflicts" },
      { name: "item", type: "id", description: "Only conflicts about this item" },
      { name: "limit", type: "int", min: 1, max: 1000, default: 100, description: "Page size" },
      { name: "cursor", type: "string", description: "Cursor from data.page.nextCursor" },
    ],
    run: async (ctx, { opts }) =>
      (await sync()).listConflicts(await ctx.core(), {
        all: opts.all === true,
        item: opts.item as string | undefined,
        limit: opts.limit as number,
        cursor: opts.cursor as string | undefined,
      }),
    human: (d) => {
      const rows = (d.conflicts as ConflictLine[]).map((c) => [
        c.id,
        c.kind,
        c.status,
        c.item.id,
        c.field ?? "-",
        `ours ${show(c.ours.value)} / theirs ${show(c.theirs.value)}`,
      ]);
      return `${d.page.total} conflict(s)\n` +
        table(["ID", "KIND", "STATUS", "ITEM", "FIELD", "VALUES"], rows, "No conflicts");
    },
  },
  {
    path: "sync conflicts show",
    summary: "Show one conflict with both sides and the current value",
    args: [{
      name: "conflict",
      type: "id",
      required: true,
      description: "Conflict id or prefix (k-…)",
    }],
    run: async (ctx, { args }) =>
      (await sync()).showConflict(await ctx.core(), { id: args.conflict as string }),
    human: (d) =>
      `${d.conflict.id} ${d.conflict.kind} (${d.conflict.status}) on ${d.conflict.item.id}${
        d.conflict.field ? ` field ${d.conflict.field}` : ""
      }\n  ours:    ${show(d.conflict.ours.value)}\n  theirs:  ${
        show(d.conflict.theirs.value)
      }\n  current: ${show(d.current)}`,
  },
  {
    path: "sync conflicts resolve",
    summary: "Settle conflicts by choosing ours or theirs",
    description:
      "A field conflict writes the chosen value with a resolve event that also closes the other replica's " +
      "mirror conflict; delete_edit and cycle conflicts are acknowledged.",
    args: [{ name: "conflict", type: "id", description: "Conflict id or prefix (or --all)" }],
    options: [
      {
        name: "use",
        type: "enum",
        values: ["ours", "theirs"],
        required: true,
        description: "Which value wins",
      },
      {
        name: "all",
        type: "bool",
        description: "Every pending conflict (narrow with --item/--field)",
      },
      { name: "item", type: "id", description: "With --all: only this item" },
      { name: "field", type: "string", description: "With --all: only this field" },
      { name: "dry-run", type: "bool", description: "Report what would be resolved" },
    ],
    exclusive: [["<conflict>", "all"]],
    mutates: true,
    examples: [
      "cairn sync conflicts resolve k-5h7j --use theirs",
      "cairn sync conflicts resolve --all --use ours",
    ],
    run: async (ctx, { args, opts }) =>
      (await sync()).resolveConflicts(await ctx.core(), {
        id: args.conflict as string | undefined,
        all: opts.all === true,
        item: opts.item as string | undefined,
        field: opts.field as string | undefined,
        use: opts.use as "ours" | "theirs",
        dryRun: opts.dryRun === true,
      }),
    human: (d) =>
      d.wouldResolve
        ? `Would resolve ${d.wouldResolve.length} conflict(s)`
        : `Resolved ${d.resolved.length} conflict(s)${d.dataChanged ? "; data changed" : ""}`,
  },
];
