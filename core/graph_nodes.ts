/**
 * Facts about dependency-graph nodes (tasks and subtasks) fetched in one
 * query for a set of ids, with the position key used to order them
 * (SPEC §8.3 key 4; subtasks follow their task).
 *
 * @module
 */
import type { Status } from "./records.ts";
import type { Store } from "./store/store.ts";

/** One task or subtask with its ordering key. */
export interface GraphNode {
  id: string;
  kind: "task" | "subtask";
  title: string;
  status: Status;
  epicId: string;
  taskId: string | null;
  key: (number | string)[];
}

interface NodeRow {
  id: string;
  kind: "task" | "subtask";
  title: string;
  status: Status;
  epicId: string;
  taskId: string | null;
  ep: number;
  ec: number;
  ei: string;
  tp: number;
  tc: number;
  ti: string;
  sub: number;
  sp: number;
  sc: number;
  si: string;
}

const NODES_SQL = `
SELECT t.id, 'task' AS kind, t.title, t.status, t.epic_id AS epicId, NULL AS taskId,
       e.position AS ep, e.created_at AS ec, e.id AS ei, t.position AS tp, t.created_at AS tc,
       t.id AS ti, 0 AS sub, 0 AS sp, 0 AS sc, '' AS si
  FROM json_each(?1) j JOIN tasks t ON t.id = j.value JOIN epics e ON e.id = t.epic_id
UNION ALL
SELECT s.id, 'subtask', s.title, s.status, t.epic_id, s.task_id,
       e.position, e.created_at, e.id, t.position, t.created_at, t.id, 1, s.position,
       s.created_at, s.id
  FROM json_each(?1) j JOIN subtasks s ON s.id = j.value JOIN tasks t ON t.id = s.task_id
  JOIN epics e ON e.id = t.epic_id`;

/** The live nodes among `ids` (missing ids are skipped), keyed by id. */
export function graphNodes(store: Store, ids: Iterable<string>): Map<string, GraphNode> {
  const rows = store.all<NodeRow>(NODES_SQL, JSON.stringify([...new Set(ids)]));
  const out = new Map<string, GraphNode>();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      epicId: r.epicId,
      taskId: r.taskId,
      key: [r.ep, r.ec, r.ei, r.tp, r.tc, r.ti, r.sub, r.sp, r.sc, r.si],
    });
  }
  return out;
}

/** Compares two nodes by their position keys. */
export function byPosition(a: GraphNode, b: GraphNode): number {
  for (let i = 0; i < a.key.length; i++) {
    const x = a.key[i]!;
    const y = b.key[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** The nodes of `ids` in position order. */
export function nodesInOrder(store: Store, ids: Iterable<string>): GraphNode[] {
  return [...graphNodes(store, ids).values()].sort(byPosition);
}

/** A node as a Ref (SPEC §5.8). */
export function nodeRef(n: GraphNode) {
  return { id: n.id, kind: n.kind, title: n.title, status: n.status };
}
