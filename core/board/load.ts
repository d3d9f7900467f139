/**
 * Loading board records with their derived fields (SPEC §15.5), either for
 * every row (snapshot) or for a set of ids (delta). Runs inside the caller's
 * read transaction.
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
  SUBTASK_COLUMNS,
  subtaskRecord,
  type SubtaskRow,
  TASK_COLUMNS,
  taskRecord,
  type TaskRow,
} from "../records.ts";
import type { Store } from "../store/store.ts";
import type { BoardEpic, BoardProgress, BoardSubtask, BoardTask, EdgeKey } from "./types.ts";
import type { Criterion, Edge } from "../records.ts";
import { push, readiness } from "./derive.ts";

/** Ids to load, or null for every row. */
export type Ids = readonly string[] | null;

/** A `column IN (...)` filter as SQL and parameters (json_each keeps statements cacheable). */
function filter(column: string, ids: Ids): [string, string[]] {
  if (ids === null) return ["1", []];
  return [`${column} IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)]];
}

const ORDER = "position, created_at, id";

/** Epics with task ids, progress and ready count. */
export function loadEpics(store: Store, ids: Ids): BoardEpic[] {
  if (ids?.length === 0) return [];
  const [w, p] = filter("e.id", ids);
  const rows = store.all<EpicRow>(
    `SELECT ${EPIC_COLUMNS} FROM epics e WHERE ${w} ORDER BY ${ORDER}`,
    ...p,
  );
  const [tw, tp] = filter("t.epic_id", ids);
  const tasks = store.all<{ id: string; epic_id: string; status: Status }>(
    `SELECT t.id, t.epic_id, t.status FROM tasks t WHERE ${tw} ORDER BY t.position, t.created_at, t.id`,
    ...tp,
  );
  const waiting = new Set(
    store.all<{ id: string }>(
      `SELECT DISTINCT d.source_id AS id FROM dependencies d JOIN tasks t ON t.id = d.source_id
         LEFT JOIN tasks pt ON pt.id = d.depends_on_id LEFT JOIN subtasks ps ON ps.id = d.depends_on_id
        WHERE ${tw} AND COALESCE(pt.status, ps.status, 'done') <> 'done'`,
      ...tp,
    ).map((r) => r.id),
  );
  const byEpic = new Map<string, { ids: string[]; progress: BoardProgress; ready: number }>();
  for (const r of rows) {
    byEpic.set(r.id, {
      ids: [],
      progress: { total: 0, todo: 0, in_progress: 0, blocked: 0, done: 0 },
      ready: 0,
    });
  }
  for (const t of tasks) {
    const e = byEpic.get(t.epic_id);
    if (!e) continue;
    e.ids.push(t.id);
    e.progress.total++;
    e.progress[t.status]++;
    if ((t.status === "todo" || t.status === "in_progress") && !waiting.has(t.id)) e.ready++;
  }
  return rows.map((r) => {
    const e = byEpic.get(r.id)!;
    return { ...epicRecord(r), taskIds: e.ids, progress: e.progress, readyCount: e.ready };
  });
}

/** Direct edges of a set of nodes: prerequisites (with status) and dependents. */
interface EdgeIndex {
  out: Map<string, { id: string; status: Status | null }[]>;
  in: Map<string, string[]>;
}

function edgeIndex(store: Store, ids: Ids): EdgeIndex {
  const index: EdgeIndex = { out: new Map(), in: new Map() };
  if (ids?.length === 0) return index;
  const [ow, op] = filter("d.source_id", ids);
  const out = store.all<{ source_id: string; depends_on_id: string; status: Status | null }>(
    `SELECT d.source_id, d.depends_on_id, COALESCE(pt.status, ps.status) AS status
       FROM dependencies d LEFT JOIN tasks pt ON pt.id = d.depends_on_id
       LEFT JOIN subtasks ps ON ps.id = d.depends_on_id
      WHERE ${ow} ORDER BY d.source_id, d.depends_on_id`,
    ...op,
  );
  for (const e of out) push(index.out, e.source_id, { id: e.depends_on_id, status: e.status });
  const [iw, ip] = filter("d.depends_on_id", ids);
  const incoming = store.all<{ source_id: string; depends_on_id: string }>(
    `SELECT d.source_id, d.depends_on_id FROM dependencies d
      WHERE ${iw} ORDER BY d.depends_on_id, d.source_id`,
    ...ip,
  );
  for (const e of incoming) push(index.in, e.depends_on_id, e.source_id);
  return index;
}

function graphFields(index: EdgeIndex, id: string, status: Status) {
  const out = index.out.get(id) ?? [];
  return {
    dependsOn: out.map((p) => p.id),
    dependents: index.in.get(id) ?? [],
    readiness: readiness(status, out),
  };
}

/** Tasks with their subtask/criteria ids and counts, edges and readiness. */
export function loadTasks(store: Store, ids: Ids, now: number): BoardTask[] {
  if (ids?.length === 0) return [];
  const [w, p] = filter("t.id", ids);
  const order = ids === null
    ? "(SELECT position FROM epics WHERE id = t.epic_id), t.epic_id, t.position, t.created_at, t.id"
    : "t.position, t.created_at, t.id";
  const rows = store.all<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE ${w} ORDER BY ${order}`,
    ...p,
  );
  const [sw, sp] = filter("task_id", ids);
  const subtasks = new Map<string, { id: string; done: boolean }[]>();
  for (
    const s of store.all<{ id: string; task_id: string; status: Status }>(
      `SELECT id, task_id, status FROM subtasks WHERE ${sw} ORDER BY ${ORDER}`,
      ...sp,
    )
  ) push(subtasks, s.task_id, { id: s.id, done: s.status === "done" });
  const criteria = new Map<string, { id: string; checked: boolean }[]>();
  for (
    const c of store.all<{ id: string; task_id: string; checked: number }>(
      `SELECT id, task_id, checked FROM criteria WHERE ${sw} ORDER BY ${ORDER}`,
      ...sp,
    )
  ) push(criteria, c.task_id, { id: c.id, checked: c.checked === 1 });
  const index = edgeIndex(store, ids);
  return rows.map((r) => {
    const subs = subtasks.get(r.id) ?? [];
    const crit = criteria.get(r.id) ?? [];
    return {
      ...taskRecord(r, now),
      subtaskIds: subs.map((s) => s.id),
      criteriaIds: crit.map((c) => c.id),
      subtaskCounts: { total: subs.length, done: subs.filter((s) => s.done).length },
      criteriaCounts: { total: crit.length, checked: crit.filter((c) => c.checked).length },
      ...graphFields(index, r.id, r.status),
    };
  });
}

/** Subtasks with edges and readiness. */
export function loadSubtasks(store: Store, ids: Ids, now: number): BoardSubtask[] {
  if (ids?.length === 0) return [];
  const [w, p] = filter("s.id", ids);
  const rows = store.all<SubtaskRow>(
    `SELECT ${SUBTASK_COLUMNS} FROM subtasks s WHERE ${w} ORDER BY s.task_id, s.position, s.created_at, s.id`,
    ...p,
  );
  const index = edgeIndex(store, ids);
  return rows.map((r) => ({ ...subtaskRecord(r, now), ...graphFields(index, r.id, r.status) }));
}

/** Criteria records. */
export function loadCriteria(store: Store, ids: Ids): Criterion[] {
  if (ids?.length === 0) return [];
  const [w, p] = filter("c.id", ids);
  return store.all<CriterionRow>(
    `SELECT ${CRITERION_COLUMNS} FROM criteria c WHERE ${w} ORDER BY c.task_id, c.position, c.created_at, c.id`,
    ...p,
  ).map(criterionRecord);
}

/** Edge records: all of them, or the given pairs that still exist. */
export function loadEdges(store: Store, keys: readonly EdgeKey[] | null): Edge[] {
  if (keys === null) {
    return store.all<EdgeRow>(
      "SELECT source_id, depends_on_id, created_at, created_by FROM dependencies ORDER BY source_id, depends_on_id",
    ).map(edgeRecord);
  }
  const out: Edge[] = [];
  for (const k of keys) {
    const row = store.get<EdgeRow>(
      "SELECT source_id, depends_on_id, created_at, created_by FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
      k.sourceId,
      k.dependsOnId,
    );
    if (row) out.push(edgeRecord(row));
  }
  return out;
}

/** Distinct owners of all tasks and subtasks, sorted. */
export function loadOwners(store: Store): string[] {
  return store.all<{ owner: string }>(
    `SELECT owner FROM tasks WHERE owner IS NOT NULL
     UNION SELECT owner FROM subtasks WHERE owner IS NOT NULL ORDER BY 1`,
  ).map((r) => r.owner);
}

/** The highest event seq, or 0. */
export function maxSeq(store: Store): number {
  return Number(store.get<{ s: number | null }>("SELECT MAX(seq) AS s FROM events")?.s ?? 0);
}
