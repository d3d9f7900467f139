/**
 * The open subgraph and its classification (SPEC §8.2–§8.4): every open task
 * and subtask with the edges between open items, loaded with three
 * set-based queries; tasks classified as ready, waiting or blocked; ready
 * tasks ranked, with `unblocks` from 256-bit bitsets over a Kahn
 * topological order (linear in edges).
 *
 * Rows are kept light (no titles): callers fetch full rows only for what they
 * return.
 *
 * @module
 */
import type { Status } from "./records.ts";
import type { Store } from "./store/store.ts";
import { heldByOther } from "./status.ts";

/** An open task, light: enough to classify and rank. */
export interface OpenTask {
  id: string;
  epic_id: string;
  status: Status;
  priority: number;
  owner: string | null;
  lease_expires_at: number | null;
  /** Node index in the graph (tasks come first, in position order: ord = node). */
  node: number;
}

/** An open subtask, light. */
export interface OpenSubtask {
  id: string;
  epic_id: string;
  status: Status;
  owner: string | null;
  lease_expires_at: number | null;
  node: number;
}

/** The open subgraph in compressed sparse rows (node indices). */
export interface OpenGraph {
  /** Open tasks in position order (§8.3 key 4). */
  tasks: OpenTask[];
  subtasks: OpenSubtask[];
  index: Map<string, number>;
  prereqStart: Int32Array;
  prereqs: Int32Array;
  dependentStart: Int32Array;
  dependents: Int32Array;
}

const TASK_SQL = `SELECT t.id, t.epic_id, t.status, t.priority, t.owner, t.lease_expires_at
  FROM tasks t JOIN epics e ON e.id = t.epic_id WHERE t.status <> 'done'
  ORDER BY e.position, e.created_at, e.id, t.position, t.created_at, t.id`;
const SUBTASK_SQL = `SELECT s.id, t.epic_id, s.status, s.owner, s.lease_expires_at
  FROM subtasks s JOIN tasks t ON t.id = s.task_id WHERE s.status <> 'done'`;
// Every id is 10 characters (`t-` + 8), so all edges travel as one string:
// 20,000 edges cost a third of what 20,000 row arrays cost.
const EDGE_SQL =
  "SELECT COUNT(*), COALESCE(group_concat(source_id || depends_on_id, ''), '') FROM dependencies";
const EDGE_ROWS_SQL = "SELECT source_id, depends_on_id FROM dependencies";

type TaskTuple = [string, string, Status, number, string | null, number | null];
type SubtaskTuple = [string, string, Status, string | null, number | null];

/** Rows as arrays: a third of the cost of objects on 10,000 rows. */
function arrays<T>(store: Store, sql: string): T[] {
  const stmt = store.db.prepare(sql) as unknown as {
    setReturnArrays(on: boolean): void;
    all(): T[];
  };
  stmt.setReturnArrays(true);
  return stmt.all();
}

/**
 * Every edge as one string of 20-character `<source><dependsOn>` pairs, or
 * the endpoints as a flat list when some id is not 10 characters long.
 */
function edgeEndpoints(
  store: Store,
): { text: string; list: null } | { text: null; list: string[] } {
  const [[count, text]] = arrays<[number, string]>(store, EDGE_SQL) as [[number, string]];
  if (text.length === count * 20) return { text, list: null };
  return { text: null, list: arrays<[string, string]>(store, EDGE_ROWS_SQL).flat() };
}

/** Loads the open subgraph (call inside a read or write transaction). */
export function loadOpenGraph(store: Store): OpenGraph {
  const index = new Map<string, number>();
  const tasks: OpenTask[] = arrays<TaskTuple>(store, TASK_SQL).map((r, node) => {
    index.set(r[0], node);
    return {
      id: r[0],
      epic_id: r[1],
      status: r[2],
      priority: r[3],
      owner: r[4],
      lease_expires_at: r[5],
      node,
    };
  });
  const subtasks: OpenSubtask[] = arrays<SubtaskTuple>(store, SUBTASK_SQL).map((r, i) => {
    const node = tasks.length + i;
    index.set(r[0], node);
    return {
      id: r[0],
      epic_id: r[1],
      status: r[2],
      owner: r[3],
      lease_expires_at: r[4],
      node,
    };
  });
  const n = tasks.length + subtasks.length;
  const { text, list } = edgeEndpoints(store);
  const count = text === null ? list.length / 2 : text.length / 20;
  const src = new Int32Array(count);
  const dst = new Int32Array(count);
  const prereqStart = new Int32Array(n + 1);
  const dependentStart = new Int32Array(n + 1);
  let m = 0;
  for (let k = 0; k < count; k++) {
    const a = index.get(text === null ? list[2 * k]! : text.slice(20 * k, 20 * k + 10));
    if (a === undefined) continue;
    const b = index.get(text === null ? list[2 * k + 1]! : text.slice(20 * k + 10, 20 * k + 20));
    if (b === undefined) continue;
    src[m] = a;
    dst[m++] = b;
    prereqStart[a + 1]!++;
    dependentStart[b + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    prereqStart[i + 1]! += prereqStart[i]!;
    dependentStart[i + 1]! += dependentStart[i]!;
  }
  const prereqs = new Int32Array(m);
  const dependents = new Int32Array(m);
  const pFill = prereqStart.slice(0, n);
  const dFill = dependentStart.slice(0, n);
  for (let k = 0; k < m; k++) {
    prereqs[pFill[src[k]!]!++] = dst[k]!;
    dependents[dFill[dst[k]!]!++] = src[k]!;
  }
  return { tasks, subtasks, index, prereqStart, prereqs, dependentStart, dependents };
}

/** Number of open prerequisites of an item (0 when it is not open). */
export function openPrerequisiteCount(g: OpenGraph, id: string): number {
  const i = g.index.get(id);
  return i === undefined ? 0 : g.prereqStart[i + 1]! - g.prereqStart[i]!;
}

/** Ids of the open prerequisites of an item. */
export function openPrerequisiteIds(g: OpenGraph, id: string): string[] {
  const i = g.index.get(id);
  if (i === undefined) return [];
  const out: string[] = [];
  for (let k = g.prereqStart[i]!; k < g.prereqStart[i + 1]!; k++) {
    out.push(nodeId(g, g.prereqs[k]!));
  }
  return out;
}

function nodeId(g: OpenGraph, node: number): string {
  return node < g.tasks.length ? g.tasks[node]!.id : g.subtasks[node - g.tasks.length]!.id;
}

/** The maximum number of ready tasks whose `unblocks` is computed (§8.4). */
export const TRACKED_BITS = 256;

/**
 * `unblocks` of the tracked nodes (§8.4): how many open nodes reach each one
 * through open edges. Kahn order; one bitset of up to 8 words per node.
 * Nodes on a cycle are never ordered and so never counted.
 */
export function computeUnblocks(g: OpenGraph, tracked: number[]): number[] {
  const n = g.index.size;
  const words = Math.max(1, Math.ceil(tracked.length / 32));
  const bits = new Int32Array(n * words);
  tracked.forEach((node, b) => bits[node * words + (b >> 5)]! |= 1 << (b & 31));
  const indeg = new Int32Array(n);
  for (let i = 0; i < n; i++) indeg[i] = g.prereqStart[i + 1]! - g.prereqStart[i]!;
  const queue = new Int32Array(n);
  let head = 0, tail = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue[tail++] = i;
  const counts = new Int32Array(tracked.length);
  while (head < tail) {
    const u = queue[head++]!;
    const base = u * words;
    for (let w = 0; w < words; w++) {
      let word = bits[base + w]!;
      while (word !== 0) {
        const low = word & -word;
        counts[w * 32 + 31 - Math.clz32(low)]!++;
        word ^= low;
      }
    }
    for (let k = g.dependentStart[u]!; k < g.dependentStart[u + 1]!; k++) {
      const d = g.dependents[k]!;
      const db = d * words;
      for (let w = 0; w < words; w++) bits[db + w]! |= bits[base + w]!;
      if (--indeg[d]! === 0) queue[tail++] = d;
    }
  }
  return tracked.map((_, b) => counts[b]! - 1);
}

/** A ranked ready task. */
export interface RankedTask {
  row: OpenTask;
  rank: number;
  unblocks: number | null;
}

/** The classification of one scope (§8.2). Lists are in position order except `ready`. */
export interface ReadinessAnalysis {
  graph: OpenGraph;
  epicId: string | null;
  owner: string | null;
  now: number;
  ready: RankedTask[];
  waiting: OpenTask[];
  blocked: OpenTask[];
  /** Open tasks in scope. */
  inScope: OpenTask[];
  claimedByOthers: number;
  tracked: number;
}

/** Scope of an analysis. */
export interface ReadinessScope {
  epicId?: string | null;
  owner?: string | null;
  now: number;
}

/** Classifies and ranks the tasks of a scope (§8.2, §8.3) over a loaded graph. */
export function classifyTasks(g: OpenGraph, scope: ReadinessScope): ReadinessAnalysis {
  const epicId = scope.epicId ?? null;
  const owner = scope.owner ?? null;
  const inScope = epicId === null ? g.tasks : g.tasks.filter((t) => t.epic_id === epicId);
  // Keys 1 and 2 as ten buckets filled in position order: no comparison sort needed.
  const buckets: OpenTask[][] = Array.from({ length: 10 }, () => []);
  const waiting: OpenTask[] = [];
  const blocked: OpenTask[] = [];
  let claimedByOthers = 0;
  for (const t of inScope) {
    if (t.status === "blocked") blocked.push(t);
    else if (g.prereqStart[t.node + 1]! > g.prereqStart[t.node]!) waiting.push(t);
    else if (owner !== null && heldByOther(t, owner, scope.now)) claimedByOthers++;
    else buckets[(t.status === "in_progress" ? 0 : 5) + t.priority]!.push(t);
  }
  const ordered = buckets.flat();
  const tracked = ordered.slice(0, TRACKED_BITS);
  const counts = computeUnblocks(g, tracked.map((t) => t.node));
  const score = new Map(tracked.map((t, i) => [t, counts[i]!]));
  // Untracked tasks sort as -1 and follow every tracked one of their bucket, so
  // sorting the tracked prefix (stably, by bucket then unblocks) is enough.
  const bucketOf = (t: OpenTask) => (t.status === "in_progress" ? 0 : 5) + t.priority;
  tracked.sort((a, b) => bucketOf(a) - bucketOf(b) || score.get(b)! - score.get(a)!);
  const ranked = [...tracked, ...ordered.slice(TRACKED_BITS)];
  return {
    graph: g,
    epicId,
    owner,
    now: scope.now,
    ready: ranked.map((row, i) => ({ row, rank: i + 1, unblocks: score.get(row) ?? null })),
    waiting,
    blocked,
    inScope,
    claimedByOthers,
    tracked: tracked.length,
  };
}

/** Loads the graph and classifies one scope. */
export function analyzeReadiness(store: Store, scope: ReadinessScope): ReadinessAnalysis {
  return classifyTasks(loadOpenGraph(store), scope);
}

/** Whether a claim is stale: its lease has expired. */
export function isStale(r: { lease_expires_at: number | null }, now: number): boolean {
  return r.lease_expires_at !== null && r.lease_expires_at < now;
}
