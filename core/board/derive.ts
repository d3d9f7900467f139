/**
 * Pure derivations shared by the snapshot and the deltas, so both compute the
 * board's derived fields (readiness, edge lists, counts) the same way.
 *
 * @module
 */
import type { Status } from "../records.ts";
import type { BoardProgress, BoardReadiness } from "./types.ts";

/** Appends to a list in a map of lists. */
export function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Readiness (SPEC §5.8) from the status and the prerequisites' statuses (null: missing row). */
export function readiness(
  status: Status,
  prereqs: { id: string; status: Status | null }[],
): BoardReadiness {
  const blockers = prereqs.filter((p) => p.status !== null && p.status !== "done").map((p) => p.id);
  if (status === "done") return { state: "done", blockers };
  if (status === "blocked") return { state: "blocked", blockers };
  return { state: blockers.length ? "waiting" : "ready", blockers };
}

/** An empty progress counter. */
export function emptyProgress(): BoardProgress {
  return { total: 0, todo: 0, in_progress: 0, blocked: 0, done: 0 };
}

/** Display order of siblings: position, then created_at, then id. */
export function byOrder(
  a: { position: number; created_at: number; id: string },
  b: { position: number; created_at: number; id: string },
): number {
  return a.position - b.position || a.created_at - b.created_at ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
