/**
 * `epic list`, `task list`, `subtask list` (SPEC §9.3.3, §9.4.3, §9.5):
 * filters, position order, pages.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { cursorOffset, pageAfter } from "../paging.ts";
import {
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
import { resolveId } from "../resolve.ts";
import { read } from "../store/tx.ts";

/** Common list options. */
export interface ListInput {
  status?: Status[];
  /** Every status and no paging. */
  all?: boolean;
  limit?: number;
  cursor?: string;
  /** Include descriptions. */
  full?: boolean;
}

const OPEN: Status[] = ["todo", "in_progress", "blocked"];
const EVERY: Status[] = ["todo", "in_progress", "blocked", "done"];
const DEFAULT_LIMIT = 100;

interface Query {
  from: string;
  where: string[];
  params: (string | number | null)[];
  order: string;
}

function paged<T>(ctx: Ctx, q: Query, input: ListInput, filters: unknown, columns: string) {
  const limit = input.all ? null : input.limit ?? DEFAULT_LIMIT;
  const offset = input.all ? 0 : cursorOffset(input.cursor, filters);
  const where = q.where.length ? `WHERE ${q.where.join(" AND ")}` : "";
  const total =
    ctx.store.get<{ n: number }>(`SELECT COUNT(*) AS n ${q.from} ${where}`, ...q.params)!.n;
  const rows = ctx.store.all<T>(
    `SELECT ${columns} ${q.from} ${where} ORDER BY ${q.order} LIMIT ? OFFSET ?`,
    ...q.params,
    limit ?? -1,
    offset,
  );
  return { rows, page: pageAfter(limit, offset, rows.length, total, filters) };
}

function statusFilter(input: ListInput): Status[] {
  return input.all ? EVERY : input.status ?? OPEN;
}

/** `epic list`: epics with their task progress, in position order. */
export function listEpics(ctx: Ctx, input: ListInput & { priority?: number[] } = {}) {
  return read(ctx, () => {
    const status = statusFilter(input);
    const priority = input.priority ?? null;
    const q: Query = {
      from: "FROM epics e",
      where: [
        "e.status IN (SELECT value FROM json_each(?))",
        "(? IS NULL OR e.priority IN (SELECT value FROM json_each(?)))",
      ],
      params: [JSON.stringify(status), priority && "y", JSON.stringify(priority ?? [])],
      order: "e.position, e.created_at, e.id",
    };
    const filters = { kind: "epic", status, priority };
    const { rows, page } = paged<EpicRow & { total: number; done: number }>(
      ctx,
      q,
      input,
      filters,
      `${EPIC_COLUMNS}, (SELECT COUNT(*) FROM tasks WHERE epic_id = e.id) AS total,
       (SELECT COUNT(*) FROM tasks WHERE epic_id = e.id AND status = 'done') AS done`,
    );
    return {
      epics: rows.map((r) => ({
        ...epicRecord(r, { description: !!input.full }),
        progress: { total: r.total, done: r.done },
      })),
      page,
    };
  });
}

/** `task list`: tasks by epic position, then task position. */
export function listTasks(
  ctx: Ctx,
  input: ListInput & { epic?: string; priority?: number[]; owner?: string } = {},
) {
  return read(ctx, () => {
    const epicId = input.epic === undefined ? null : resolveId(ctx.store, input.epic, ["epic"]).id;
    const status = statusFilter(input);
    const priority = input.priority ?? null;
    const owner = input.owner ?? null;
    const q: Query = {
      from: "FROM tasks t JOIN epics e ON e.id = t.epic_id",
      where: [
        "t.status IN (SELECT value FROM json_each(?))",
        "(? IS NULL OR t.epic_id = ?)",
        "(? IS NULL OR t.priority IN (SELECT value FROM json_each(?)))",
        "(? IS NULL OR t.owner = ?)",
      ],
      params: [
        JSON.stringify(status),
        epicId,
        epicId,
        priority && "y",
        JSON.stringify(priority ?? []),
        owner,
        owner,
      ],
      order: "e.position, e.created_at, e.id, t.position, t.created_at, t.id",
    };
    const filters = { kind: "task", status, epicId, priority, owner };
    const { rows, page } = paged<TaskRow>(ctx, q, input, filters, TASK_COLUMNS);
    const now = ctx.now();
    return { tasks: rows.map((r) => taskRecord(r, now, { description: !!input.full })), page };
  });
}

/** `subtask list`: subtasks by epic, task and subtask position. */
export function listSubtasks(
  ctx: Ctx,
  input: ListInput & { task?: string; epic?: string; owner?: string } = {},
) {
  return read(ctx, () => {
    const taskId = input.task === undefined ? null : resolveId(ctx.store, input.task, ["task"]).id;
    const epicId = input.epic === undefined ? null : resolveId(ctx.store, input.epic, ["epic"]).id;
    const status = statusFilter(input);
    const owner = input.owner ?? null;
    const q: Query = {
      from: "FROM subtasks s JOIN tasks t ON t.id = s.task_id JOIN epics e ON e.id = t.epic_id",
      where: [
        "s.status IN (SELECT value FROM json_each(?))",
        "(? IS NULL OR s.task_id = ?)",
        "(? IS NULL OR t.epic_id = ?)",
        "(? IS NULL OR s.owner = ?)",
      ],
      params: [JSON.stringify(status), taskId, taskId, epicId, epicId, owner, owner],
      order:
        "e.position, e.created_at, e.id, t.position, t.created_at, t.id, s.position, s.created_at, s.id",
    };
    const filters = { kind: "subtask", status, taskId, epicId, owner };
    const { rows, page } = paged<SubtaskRow>(ctx, q, input, filters, SUBTASK_COLUMNS);
    const now = ctx.now();
    return {
      subtasks: rows.map((r) => subtaskRecord(r, now, { description: !!input.full })),
      page,
    };
  });
}
