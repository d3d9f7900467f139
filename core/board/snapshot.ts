/**
 * The board snapshot (SPEC §15.5): every record with its derived fields, as
 * of one event seq, read in one transaction.
 *
 * @module
 */
import type { Store } from "../store/store.ts";
import { iso } from "../time.ts";
import {
  loadCriteria,
  loadEdges,
  loadEpics,
  loadOwners,
  loadSubtasks,
  loadTasks,
  maxSeq,
} from "./load.ts";
import type { RepoInfo, Snapshot } from "./types.ts";

/**
 * Builds the whole snapshot in one read transaction.
 *
 * @example
 * ```ts
 * const snap = buildSnapshot(store, { now: Date.now(), repo: { name: "app", branch: "main", worktree: "." } });
 * ```
 */
export function buildSnapshot(store: Store, o: { now: number; repo: RepoInfo }): Snapshot {
  return store.read(() => ({
    seq: maxSeq(store),
    generatedAt: iso(o.now)!,
    repo: o.repo,
    owners: loadOwners(store),
    epics: loadEpics(store, null),
    tasks: loadTasks(store, null, o.now),
    subtasks: loadSubtasks(store, null, o.now),
    criteria: loadCriteria(store, null),
    dependencies: loadEdges(store, null),
  }));
}

/** An empty snapshot (used by clients before data arrives). */
export function emptySnapshot(repo: RepoInfo, now: number): Snapshot {
  return {
    seq: 0,
    generatedAt: iso(now)!,
    repo,
    owners: [],
    epics: [],
    tasks: [],
    subtasks: [],
    criteria: [],
    dependencies: [],
  };
}
