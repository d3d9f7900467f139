/**
 * The items a search or replace looks at (SPEC §11.1 scope and order): the
 * whole database or the subtree of one item, in tree order — epics by
 * position; within an epic, the epic, then each task followed by its
 * criteria and subtasks.
 *
 * @module
 */
import { kindOfId } from "../ids.ts";
import type { Status } from "../records.ts";
import type { Store } from "../store/store.ts";

/** One searchable item. */
export interface SearchDoc {
  id: string;
  kind: "epic" | "task" | "subtask" | "criterion";
  /** Title, or a criterion's text. */
  title: string;
  /** Null for criteria. */
  description: string | null;
  /** Status used by `--status` (a criterion's task status). */
  status: Status;
  /** Status shown: the item's, or `checked` / `open` for a criterion. */
  shownStatus: string;
  parentId: string | null;
}

interface Row {
  id: string;
  parent: string | null;
  title: string;
  description: string | null;
  status: string;
}

const ORDER = "ORDER BY position, created_at, id";

function rows(store: Store, sql: string, param: string | null): Row[] {
  return param === null ? store.all<Row>(sql) : store.all<Row>(sql, param);
}

function byParent(list: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of list) {
    const bucket = out.get(r.parent!);
    if (bucket) bucket.push(r);
    else out.set(r.parent!, [r]);
  }
  return out;
}

/** Loads the scope (`inId` = a resolved epic, task or subtask id, or null for everything). */
export function loadScope(
  store: Store,
  inId: string | null,
  statuses: readonly Status[] | null,
): SearchDoc[] {
  const kind = inId === null ? null : kindOfId(inId);
  const keep = (s: Status) => statuses === null || statuses.includes(s);
  const out: SearchDoc[] = [];
  const item = (r: Row, k: "epic" | "task" | "subtask") => {
    const status = r.status as Status;
    if (keep(status)) {
      out.push({
        id: r.id,
        kind: k,
        title: r.title,
        description: r.description,
        status,
        shownStatus: status,
        parentId: r.parent,
      });
    }
  };
  if (kind === "subtask") {
    const r = rows(
      store,
      "SELECT id, task_id AS parent, title, description, status FROM subtasks WHERE id = ?",
      inId,
    );
    r.forEach((x) => item(x, "subtask"));
    return out;
  }
  const taskWhere = kind === "epic" ? "WHERE epic_id = ?" : kind === "task" ? "WHERE id = ?" : "";
  const childWhere = kind === "epic"
    ? "WHERE task_id IN (SELECT id FROM tasks WHERE epic_id = ?)"
    : kind === "task"
    ? "WHERE task_id = ?"
    : "";
  const epics = kind === "task" ? [] : rows(
    store,
    `SELECT id, NULL AS parent, title, description, status FROM epics ${
      kind === "epic" ? "WHERE id = ?" : ""
    } ${ORDER}`,
    inId,
  );
  const tasks = rows(
    store,
    `SELECT id, epic_id AS parent, title, description, status FROM tasks ${taskWhere} ${ORDER}`,
    inId,
  );
  const criteria = byParent(rows(
    store,
    `SELECT id, task_id AS parent, text AS title, NULL AS description, CASE checked WHEN 1 THEN 'checked' ELSE 'open' END AS status FROM criteria ${childWhere} ${ORDER}`,
    inId,
  ));
  const subtasks = byParent(rows(
    store,
    `SELECT id, task_id AS parent, title, description, status FROM subtasks ${childWhere} ${ORDER}`,
    inId,
  ));
  const addTask = (t: Row) => {
    item(t, "task");
    const status = t.status as Status;
    for (const c of criteria.get(t.id) ?? []) {
      if (keep(status)) {
        out.push({
          id: c.id,
          kind: "criterion",
          title: c.title,
          description: null,
          status,
          shownStatus: c.status,
          parentId: t.id,
        });
      }
    }
    for (const s of subtasks.get(t.id) ?? []) item(s, "subtask");
  };
  if (kind === "task") {
    tasks.forEach(addTask);
    return out;
  }
  const tasksByEpic = byParent(tasks);
  for (const e of epics) {
    item(e, "epic");
    for (const t of tasksByEpic.get(e.id) ?? []) addTask(t);
  }
  return out;
}
