/**
 * Board data shapes (SPEC §15.5): the snapshot, its records with derived
 * fields, and deltas. Type-only and browser-safe: islands `import type` it.
 *
 * @module
 */
import type { Criterion, Edge, Epic, Status, Subtask, Task } from "../records.ts";

export type { Criterion, Edge, Epic, Status, Subtask, Task };

/** Task counts of an epic by status. */
export interface BoardProgress {
  total: number;
  todo: number;
  in_progress: number;
  blocked: number;
  done: number;
}

/** Readiness with blockers as ids (SPEC §15.5). */
export interface BoardReadiness {
  state: "ready" | "waiting" | "blocked" | "done";
  blockers: string[];
}

/** An epic with its derived board fields. */
export type BoardEpic = Epic & {
  taskIds: string[];
  progress: BoardProgress;
  readyCount: number;
};

/** A task with its derived board fields. */
export type BoardTask = Task & {
  subtaskIds: string[];
  criteriaIds: string[];
  subtaskCounts: { total: number; done: number };
  criteriaCounts: { total: number; checked: number };
  dependsOn: string[];
  dependents: string[];
  readiness: BoardReadiness;
};

/** A subtask with its derived board fields. */
export type BoardSubtask = Subtask & {
  dependsOn: string[];
  dependents: string[];
  readiness: BoardReadiness;
};

/** Repository facts shown in the header. */
export interface RepoInfo {
  name: string;
  branch: string | null;
  worktree: string | null;
}

/** Everything the board shows, as of `seq`. */
export interface Snapshot {
  seq: number;
  generatedAt: string;
  repo: RepoInfo;
  owners: string[];
  epics: BoardEpic[];
  tasks: BoardTask[];
  subtasks: BoardSubtask[];
  criteria: Criterion[];
  dependencies: Edge[];
}

/** Records of each kind, keyed as in the snapshot. */
export interface DeltaRecords {
  epics: BoardEpic[];
  tasks: BoardTask[];
  subtasks: BoardSubtask[];
  criteria: Criterion[];
  dependencies: Edge[];
}

/** A removed edge. */
export interface EdgeKey {
  sourceId: string;
  dependsOnId: string;
}

/** Ids of removed records. */
export interface DeltaDeletes {
  epics: string[];
  tasks: string[];
  subtasks: string[];
  criteria: string[];
  dependencies: EdgeKey[];
}

/**
 * The changes of the events in `(fromSeq, seq]`: complete records (with
 * complete derived fields) as of `seq`.
 */
export interface Delta {
  seq: number;
  fromSeq: number;
  upserts: DeltaRecords;
  deletes: DeltaDeletes;
  owners?: string[];
}
