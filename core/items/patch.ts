/**
 * The one way rows change: diff against the current row, write the changed
 * columns, bump `version`/`updated_at` when a non-quiet field changed, and
 * append one `update` event with old and new values (SPEC §5.7, §14.1).
 *
 * @module
 */
import type { Tx, WrittenEvent } from "../store/tx.ts";
import { FIELD_OF, outputValue, QUIET_COLUMNS, type RowKind, TABLE_OF } from "./tables.ts";

/** A patch to one row. */
export interface Patch {
  kind: RowKind;
  id: string;
  /** The row as read in this transaction (column names). */
  before: Record<string, unknown>;
  /** Columns to set (column names, stored values). Unchanged values are ignored. */
  set: Record<string, unknown>;
  cause?: string | null;
  flags?: Record<string, unknown>;
  actor?: string;
  /** Event op (default `update`; `resolve` for conflict resolutions; `heartbeat` for leases). */
  op?: "update" | "resolve" | "heartbeat";
  resolves?: string[] | null;
  /** A pre-drawn event id (a root event that earlier events already name as `cause`). */
  eventId?: string;
}

/** What a patch did. */
export interface PatchResult {
  /** Record field names that changed, in column order. */
  changed: string[];
  event: WrittenEvent | null;
  /** Whether the version was bumped. */
  bumped: boolean;
}

/**
 * Applies a patch. An update that changes nothing writes nothing and
 * returns `changed: []`.
 */
export function patchRow(tx: Tx, p: Patch): PatchResult {
  const columns = Object.keys(p.set).filter((c) => !same(p.before[c], p.set[c]));
  if (columns.length === 0) return { changed: [], event: null, bumped: false };
  const bumped = columns.some((c) => !QUIET_COLUMNS.has(c));
  const assignments = columns.map((c) => `${c} = ?`);
  const values = columns.map((c) => p.set[c] as never);
  if (bumped) assignments.push("version = version + 1", "updated_at = ?");
  if (bumped) values.push(tx.now as never);
  tx.store.run(
    `UPDATE ${TABLE_OF[p.kind]} SET ${assignments.join(", ")} WHERE id = ?`,
    ...values,
    p.id,
  );
  const event = tx.event({
    itemId: p.id,
    itemKind: p.kind,
    op: p.op ?? "update",
    changes: columns.map((c) => ({
      field: FIELD_OF[c] ?? c,
      old: outputValue(c, p.before[c]),
      new: outputValue(c, p.set[c]),
    })),
    cause: p.cause,
    flags: p.flags,
    actor: p.actor,
    resolves: p.resolves,
    id: p.eventId,
  });
  for (const c of columns) p.before[c] = p.set[c];
  if (bumped) {
    p.before.version = Number(p.before.version ?? 0) + 1;
    p.before.updated_at = tx.now;
  }
  return { changed: columns.map((c) => FIELD_OF[c] ?? c), event, bumped };
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}
