/**
 * `events list` and `events prune` (SPEC §9.8, §14.10). The events module is
 * loaded lazily.
 *
 * @module
 */
import type { CommandSpec } from "../spec.ts";
import { table } from "../output/human.ts";

const events = () => import("../../core/events/mod.ts");

interface EventLine {
  seq: number;
  at: string;
  op: string;
  itemId: string;
  actor: string;
  changes: { field: string }[];
}

/** Event log commands. */
export const commands: CommandSpec[] = [
  {
    path: "events list",
    summary: "List events after a sequence number",
    description:
      "Ascending seq order. Pass data.lastSeq back as --since to follow changes. Heartbeats only with --all.",
    options: [
      {
        name: "since",
        type: "int",
        min: 0,
        default: 0,
        description: "Only events with seq > this",
      },
      {
        name: "limit",
        type: "int",
        min: 1,
        max: 1000,
        default: 100,
        description: "At most this many",
      },
      { name: "all", type: "bool", description: "Include heartbeat events" },
    ],
    examples: ["cairn events list --since 120 --limit 50"],
    run: async (ctx, { opts }) =>
      (await events()).listEvents(await ctx.core(), {
        since: opts.since as number,
        limit: opts.limit as number,
        all: opts.all === true,
      }),
    human: (d) => {
      const rows = (d.events as EventLine[]).map((e) => [
        String(e.seq),
        e.at.slice(0, 19).replace("T", " "),
        e.op,
        e.itemId,
        e.actor,
        e.changes.map((c) => c.field).join(", "),
      ]);
      return `${rows.length} event(s), last seq ${d.lastSeq}\n` +
        table(["SEQ", "AT", "OP", "ITEM", "ACTOR", "FIELDS"], rows, "No events");
    },
  },
  {
    path: "events prune",
    summary: "Remove old events, optionally archiving them as JSONL first",
    description:
      "Keeps this replica's events that sync has not exported yet. Never changes data or sync state.",
    options: [
      {
        name: "retention-days",
        type: "int",
        min: 1,
        max: 36500,
        default: 90,
        description: "Prune events older than this many days",
      },
      { name: "archive", type: "bool", description: "Write them to .cairn/archive/ first" },
      { name: "dry-run", type: "bool", description: "Count only; remove nothing" },
    ],
    mutates: true,
    destructive: true,
    examples: ["cairn events prune --retention-days 30 --archive"],
    run: async (ctx, { opts }) =>
      (await events()).pruneEvents(await ctx.core(), {
        retentionDays: opts.retentionDays as number,
        archive: opts.archive === true,
        dryRun: opts.dryRun === true,
      }),
    human: (d) =>
      `${d.dryRun ? "Would prune" : "Pruned"} ${d.pruned} event(s) older than ${d.cutoff}` +
      (d.archivePath ? `, archived to ${d.archivePath}` : "") +
      (d.keptUnexported ? `; kept ${d.keptUnexported} not yet synced` : "") +
      `; ${d.heartbeatsPruned} heartbeat(s), ${d.conflictsPruned} conflict(s), ${d.idempotencyPruned} idempotency record(s)`,
  },
];
