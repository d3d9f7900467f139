/**
 * Reading what an export contains (SPEC §12.1, §12.3): one epic or all of
 * them, in tree order, with the edges touching them and the outside
 * endpoints of those edges.
 *
 * @module
 */
import {
  CRITERION_COLUMNS,
  type CriterionRow,
  type EdgeRow,
  EPIC_COLUMNS,
  type EpicRow,
  SUBTASK_COLUMNS,
  type SubtaskRow,
  TASK_COLUMNS,
  type TaskRow,
} from "../records.ts";
import type { Store } from "../store/store.ts";

/** An edge endpoint outside the exported epic. */
export interface ExternalItem {
  id: string;
  kind: "task" | "subtask";
  title: string;
  status: string;
  epicId: string;
}

/** Everything one export holds, in tree order. */
export interface ExportRows {
  epics: EpicRow[];
  tasks: TaskRow[];
  subtasks: SubtaskRow[];
  criteria: CriterionRow[];
  edges: EdgeRow[];
  external: ExternalItem[];
}

const EPIC_ORDER = "e.position, e.created_at, e.id";
const TASK_ORDER = "t.position, t.created_at, t.id";

/** Reads the rows of one epic (`epicId`) or of everything (null). Call inside a read. */
export function readExportRows(store: Store, epicId: string | null): ExportRows {
  const where = epicId ? "WHERE e.id = ?" : "";
  const p = epicId ? [epicId] : [];
  const epics = store.all<EpicRow>(
    `SELECT ${EPIC_COLUMNS} FROM epics e ${where} ORDER BY ${EPIC_ORDER}`,
    ...p,
  );
  const tasks = store.all<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM tasks t JOIN epics e ON e.id = t.epic_id ${where}
      ORDER BY ${EPIC_ORDER}, ${TASK_ORDER}`,
    ...p,
  );
  const subtasks = store.all<SubtaskRow>(
    `SELECT ${SUBTASK_COLUMNS} FROM subtasks s JOIN tasks t ON t.id = s.task_id
       JOIN epics e ON e.id = t.epic_id ${where}
      ORDER BY ${EPIC_ORDER}, ${TASK_ORDER}, s.position, s.created_at, s.id`,
    ...p,
  );
  const criteria = store.all<CriterionRow>(
    `SELECT ${CRITERION_COLUMNS} FROM criteria c JOIN tasks t ON t.id = c.task_id
       JOIN epics e ON e.id = t.epic_id ${where}
      ORDER BY ${EPIC_ORDER}, ${TASK_ORDER}, c.position, c.created_at, c.id`,
    ...p,
  );
  const order = treeOrder(tasks, subtasks);
  const edges = epicId ? edgesTouching(store, order) : allEdges(store, order);
  edges.sort((a, b) =>
    rank(order, a.source_id) - rank(order, b.source_id) ||
    rank(order, a.depends_on_id) - rank(order, b.depends_on_id) ||
    (a.depends_on_id < b.depends_on_id ? -1 : a.depends_on_id > b.depends_on_id ? 1 : 0)
  );
  const external = epicId ? externalItems(store, edges, order) : [];
  return { epics, tasks, subtasks, criteria, edges, external };
}

/** Task, then its subtasks, in display order: the index of every item of the export. */
function treeOrder(tasks: TaskRow[], subtasks: SubtaskRow[]): Map<string, number> {
  const byTask = new Map<string, SubtaskRow[]>();
  for (const s of subtasks) {
    const list = byTask.get(s.task_id) ?? [];
    list.push(s);
    byTask.set(s.task_id, list);
  }
  const order = new Map<string, number>();
  for (const t of tasks) {
    order.set(t.id, order.size);
    for (const s of byTask.get(t.id) ?? []) order.set(s.id, order.size);
  }
  return order;
}

function rank(order: Map<string, number>, id: string): number {
  return order.get(id) ?? Number.MAX_SAFE_INTEGER;
}

function allEdges(store: Store, order: Map<string, number>): EdgeRow[] {
  return store.all<EdgeRow>(
    "SELECT source_id, depends_on_id, created_at, created_by FROM dependencies",
  ).filter((e) => order.has(e.source_id) && order.has(e.depends_on_id));
}

function edgesTouching(store: Store, order: Map<string, number>): EdgeRow[] {
  const ids = JSON.stringify([...order.keys()]);
  const rows = store.all<EdgeRow>(
    `SELECT source_id, depends_on_id, created_at, created_by FROM dependencies
      WHERE source_id IN (SELECT value FROM json_each(?1))
         OR depends_on_id IN (SELECT value FROM json_each(?1))`,
    ids,
  );
  // Edges whose outside endpoint no longer exists are left out (doctor reports them).
  return rows.filter((e) => exists(store, e.source_id) && exists(store, e.depends_on_id));
}

function exists(store: Store, id: string): boolean {
  const table = id.startsWith("t-") ? "tasks" : "subtasks";
  return store.get(`SELECT 1 FROM ${table} WHERE id = ?`, id) !== undefined;
}

function externalItems(store: Store, edges: EdgeRow[], order: Map<string, number>): ExternalItem[] {
  const ids = new Set<string>();
  for (const e of edges) {
    for (const id of [e.source_id, e.depends_on_id]) if (!order.has(id)) ids.add(id);
  }
  return [...ids].sort().map((id) => {
    if (id.startsWith("t-")) {
      const r = store.get<{ title: string; status: string; epic_id: string }>(
        "SELECT title, status, epic_id FROM tasks WHERE id = ?",
        id,
      )!;
      return { id, kind: "task" as const, title: r.title, status: r.status, epicId: r.epic_id };
    }
    const r = store.get<{ title: string; status: string; epic_id: string }>(
      "SELECT s.title, s.status, t.epic_id FROM subtasks s JOIN tasks t ON t.id = s.task_id WHERE s.id = ?",
      id,
    )!;
    return { id, kind: "subtask" as const, title: r.title, status: r.status, epicId: r.epic_id };
  });
}
