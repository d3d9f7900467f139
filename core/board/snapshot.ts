/**
 * The board snapshot (SPEC §15.5): every record with its derived fields, as
 * of one event seq, read in one transaction. Whole tables are read once
 * (plain scans, no joins) and the derived fields are computed in memory, so
 * 10,000 tasks and 20,000 edges stay well under the 300 ms target.
 *
 * @module
 */
import {
  CRITERION_COLUMNS,
  criterionRecord,
  type CriterionRow,
  edgeRecord,
  type EdgeRow,
  EPIC_COLUMNS,
  epicRecord,
  type EpicRow,
  type Status,
  subtaskRecord,
  type SubtaskRow,
  TASK_COLUMNS,
  taskRecord,
  type TaskRow,
} from "../records.ts";
import type { Store } from "../store/store.ts";
import { iso } from "../time.ts";
import { byOrder, emptyProgress, push, readiness } from "./derive.ts";
import { loadOwners, maxSeq } from "./load.ts";
import type { BoardEpic, BoardSubtask, BoardTask, RepoInfo, Snapshot } from "./types.ts";

/**
 * Prerequisite and dependent lists of every node. Edges arrive in primary-key
 * order (source, prerequisite), so both lists come out ordered by id without
 * sorting, exactly as the delta path orders them.
 */
function adjacency(edges: EdgeRow[], status: Map<string, Status>) {
  const out = new Map<string, { id: string; status: Status | null }[]>();
  const inc = new Map<string, string[]>();
  for (const e of edges) {
    push(out, e.source_id, { id: e.depends_on_id, status: status.get(e.depends_on_id) ?? null });
    push(inc, e.depends_on_id, e.source_id);
  }
  const none: never[] = [];
  return {
    fields(id: string, s: Status) {
      const prereqs = out.get(id) ?? none;
      return {
        dependsOn: prereqs.map((n) => n.id),
        dependents: inc.get(id) ?? [],
        readiness: readiness(s, prereqs),
      };
    },
  };
}

function readRows(store: Store) {
  const epics = store.all<EpicRow>(`SELECT ${EPIC_COLUMNS} FROM epics e`).sort(byOrder);
  const epicIndex = new Map(epics.map((e, i) => [e.id, i]));
  const tasks = store.all<TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks t`).sort((a, b) =>
    (epicIndex.get(a.epic_id) ?? 0) - (epicIndex.get(b.epic_id) ?? 0) || byOrder(a, b)
  );
  const epicOf = new Map(tasks.map((t) => [t.id, t.epic_id]));
  const subtasks = store.all<Omit<SubtaskRow, "epic_id">>(
    `SELECT s.id, s.task_id, s.title, s.description, s.status, s.owner, s.claimed_at, s.lease_expires_at,
            s.lease_ms, s.position, s.created_at, s.updated_at, s.completed_at, s.version FROM subtasks s`,
  ).map((s) => ({ ...s, epic_id: epicOf.get(s.task_id) ?? "" }) as SubtaskRow).sort((a, b) =>
    a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : byOrder(a, b)
  );
  const criteria = store.all<CriterionRow>(`SELECT ${CRITERION_COLUMNS} FROM criteria c`).sort((
    a,
    b,
  ) => a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : byOrder(a, b));
  const edges = store.all<EdgeRow>(
    "SELECT source_id, depends_on_id, created_at, created_by FROM dependencies ORDER BY source_id, depends_on_id",
  );
  return { epics, tasks, subtasks, criteria, edges };
}

/**
 * Builds the whole snapshot in one read transaction.
 *
 * @example
 * ```ts
 * const snap = buildSnapshot(store, { now: Date.now(), repo: { name: "app", branch: "main", worktree: "." } });
 * ```
 */
export function buildSnapshot(store: Store, o: { now: number; repo: RepoInfo }): Snapshot {
  return store.read(() => {
    const seq = maxSeq(store);
    const rows = readRows(store);
    const status = new Map<string, Status>();
    for (const t of rows.tasks) status.set(t.id, t.status);
    for (const s of rows.subtasks) status.set(s.id, s.status);
    const graph = adjacency(rows.edges, status);
    const subsOf = new Map<string, SubtaskRow[]>();
    for (const s of rows.subtasks) push(subsOf, s.task_id, s);
    const critOf = new Map<string, CriterionRow[]>();
    for (const c of rows.criteria) push(critOf, c.task_id, c);
    const tasks: BoardTask[] = rows.tasks.map((r) => {
      const subs = subsOf.get(r.id) ?? [];
      const crit = critOf.get(r.id) ?? [];
      // Object.assign keeps the record's key order and avoids copying it.
      return Object.assign(taskRecord(r, o.now), {
        subtaskIds: subs.map((s) => s.id),
        criteriaIds: crit.map((c) => c.id),
        subtaskCounts: { total: subs.length, done: subs.filter((s) => s.status === "done").length },
        criteriaCounts: { total: crit.length, checked: crit.filter((c) => c.checked === 1).length },
      }, graph.fields(r.id, r.status));
    });
    const byEpic = new Map<string, BoardTask[]>();
    for (const t of tasks) push(byEpic, t.epicId, t);
    const epics: BoardEpic[] = rows.epics.map((r) => {
      const mine = byEpic.get(r.id) ?? [];
      const progress = emptyProgress();
      for (const t of mine) {
        progress.total++;
        progress[t.status]++;
      }
      return Object.assign(epicRecord(r), {
        taskIds: mine.map((t) => t.id),
        progress,
        readyCount: mine.filter((t) => t.readiness.state === "ready").length,
      });
    });
    const subtasks: BoardSubtask[] = rows.subtasks.map((r) =>
      Object.assign(subtaskRecord(r, o.now), graph.fields(r.id, r.status))
    );
    return {
      seq,
      generatedAt: iso(o.now)!,
      repo: o.repo,
      owners: loadOwners(store),
      epics,
      tasks,
      subtasks,
      criteria: rows.criteria.map(criterionRecord),
      dependencies: rows.edges.map(edgeRecord),
    };
  });
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
