/**
 * `events list` (SPEC §9.8): events after a `seq`, for tools that follow
 * changes.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { read } from "../store/tx.ts";
import { EVENT_COLUMNS, type EventRecord, eventRecord, type EventRow } from "./record.ts";

/** Input of `events list`. */
export interface ListEventsInput {
  /** Only events with a larger `seq` (default 0). */
  since?: number;
  /** 1..1000, default 100. */
  limit?: number;
  /** Include `heartbeat` events. */
  all?: boolean;
}

/**
 * Events with `seq > since` in ascending order. `lastSeq` is the cursor to
 * pass back as `since` (unchanged when nothing new).
 */
export function listEvents(
  ctx: Ctx,
  input: ListEventsInput = {},
): { events: EventRecord[]; lastSeq: number } {
  const since = input.since ?? 0;
  const rows = read(ctx, () =>
    ctx.store.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > ? ${
        input.all ? "" : "AND op <> 'heartbeat'"
      } ORDER BY seq LIMIT ?`,
      since,
      input.limit ?? 100,
    ));
  return { events: rows.map(eventRecord), lastSeq: rows.length ? Number(rows.at(-1)!.seq) : since };
}
