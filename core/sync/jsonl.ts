/**
 * The JSONL line format of the sync ref and of event archives (SPEC §14.4):
 * one event per line, keys in a fixed order, no insignificant whitespace.
 *
 * @module
 */
import type { EventRow, StoredChange } from "../events/record.ts";
import { iso } from "../time.ts";

/** One event as carried in the sync ref. */
export interface WireEvent {
  v: 1;
  id: string;
  replica: string;
  lamport: number;
  actor: string;
  at: string;
  branch: string | null;
  worktree: string | null;
  source: string;
  command: string | null;
  item: string;
  kind: string;
  op: string;
  changes: Record<string, StoredChange>;
  cause: string | null;
  resolves: string[] | null;
  flags: Record<string, unknown>;
}

const s = JSON.stringify;

/** Encodes an events row as one JSONL line (without the newline). */
export function encodeEventLine(row: EventRow): string {
  // The stored changes and flags are already compact JSON; they are embedded as they are.
  return `{"v":1,"id":${s(row.id)},"replica":${s(row.replica)},"lamport":${Number(row.lamport)},` +
    `"actor":${s(row.actor)},"at":${s(iso(row.at))},"branch":${s(row.branch)},` +
    `"worktree":${s(row.worktree)},"source":${s(row.source)},"command":${s(row.command)},` +
    `"item":${s(row.item_id)},"kind":${s(row.item_kind)},"op":${s(row.op)},` +
    `"changes":${row.changes},"cause":${s(row.cause)},"resolves":${row.resolves ?? "null"},` +
    `"flags":${row.flags ?? "{}"}}`;
}

/** Parses one JSONL line; null when it is not a well-formed event. */
export function decodeEventLine(line: string): WireEvent | null {
  let v: WireEvent;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (
    !v || typeof v !== "object" || typeof v.id !== "string" || !v.id.startsWith("ev-") ||
    typeof v.replica !== "string" || !Number.isSafeInteger(v.lamport) ||
    typeof v.actor !== "string" || typeof v.item !== "string" || typeof v.kind !== "string" ||
    typeof v.op !== "string" || !v.changes || typeof v.changes !== "object" ||
    typeof v.at !== "string" || Number.isNaN(Date.parse(v.at))
  ) return null;
  return v;
}

/** The UTC month (`YYYY-MM`) of an instant: the events file it belongs to. */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}
