/**
 * Event rows → the Event record (SPEC §5.8). The one converter every reader
 * of the event log uses (`events list`, `history`, the board).
 *
 * @module
 */
import { iso } from "../time.ts";

/** An `events` row as stored (SPEC §5.3). */
export interface EventRow {
  seq: number;
  id: string;
  replica: string;
  lamport: number;
  item_id: string;
  item_kind: string;
  op: string;
  /** JSON: `{field: {old, new, base}}`. */
  changes: string;
  actor: string;
  at: number;
  branch: string | null;
  worktree: string | null;
  source: string;
  command: string | null;
  cause: string | null;
  /** JSON array of event ids, or null. */
  resolves: string | null;
  /** JSON object, or null. */
  flags: string | null;
}

/** Every column of `events`, in the order of `EventRow`. */
export const EVENT_COLUMNS =
  "seq, id, replica, lamport, item_id, item_kind, op, changes, actor, at, branch, worktree, source, command, cause, resolves, flags";

/** One stored change with its `base` (the field clock it replaced). */
export interface StoredChange {
  old: unknown;
  new: unknown;
  base: string | null;
}

/** The stored changes of a row, keyed by field, in the recorded order. */
export function storedChanges(row: Pick<EventRow, "changes">): Record<string, StoredChange> {
  return JSON.parse(row.changes) as Record<string, StoredChange>;
}

/** The Event record of a row: changes as `[{field, old, new}]` (no `base`). */
export function eventRecord(row: EventRow) {
  const changes = Object.entries(storedChanges(row)).map(([field, c]) => ({
    field,
    old: c.old ?? null,
    new: c.new ?? null,
  }));
  return {
    id: row.id,
    seq: Number(row.seq),
    itemId: row.item_id,
    itemKind: row.item_kind,
    op: row.op,
    changes,
    actor: row.actor,
    at: iso(row.at)!,
    lamport: Number(row.lamport),
    replica: row.replica,
    branch: row.branch,
    worktree: row.worktree,
    source: row.source,
    command: row.command,
    cause: row.cause,
    resolves: row.resolves ? JSON.parse(row.resolves) as string[] : null,
    flags: row.flags ? JSON.parse(row.flags) as Record<string, unknown> : {},
  };
}

/** The Event record (SPEC §5.8). */
export type EventRecord = ReturnType<typeof eventRecord>;
