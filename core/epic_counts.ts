/**
 * The `Progress` object of an epic (SPEC §9.2.4): status counts of its tasks
 * and subtasks, criteria, percent done, readiness counts and stale claims.
 *
 * @module
 */
import type { Store } from "./store/store.ts";

/** Per-status counts. */
export interface StatusCounts {
  total: number;
  todo: number;
  in_progress: number;
  blocked: number;
  done: number;
}

/** Progress of one epic (SPEC §9.2.4). */
export interface Progress {
  tasks: StatusCounts;
  subtasks: StatusCounts;
  criteria: { total: number; checked: number };
  percentDone: number;
  readiness: { ready: number; waiting: number; blocked: number };
  staleClaims: number;
}

/** SQL: whether the task or subtask `<alias>.id` has a prerequisite that is not done. */
export function waitingSql(alias: string): string {
  return `EXISTS (SELECT 1 FROM dependencies d
    LEFT JOIN tasks pt ON pt.id = d.depends_on_id LEFT JOIN subtasks ps ON ps.id = d.depends_on_id
    WHERE d.source_id = ${alias}.id AND COALESCE(pt.status, ps.status) <> 'done')`;
}

function counts(rows: { status: string; n: number }[]): StatusCounts {
  const c: StatusCounts = { total: 0, todo: 0, in_progress: 0, blocked: 0, done: 0 };
  for (const r of rows) {
    c[r.status as keyof Omit<StatusCounts, "total">] = r.n;
    c.total += r.n;
  }
  return c;
}

/** Computes the progress of an epic at instant `now` (lease evaluation). */
export function progressCounts(store: Store, epicId: string, now: number): Progress {
  const tasks = counts(store.all(
    "SELECT status, COUNT(*) AS n FROM tasks WHERE epic_id = ? GROUP BY status",
    epicId,
  ));
  const subtasks = counts(store.all(
    `SELECT s.status, COUNT(*) AS n FROM subtasks s JOIN tasks t ON t.id = s.task_id
      WHERE t.epic_id = ? GROUP BY s.status`,
    epicId,
  ));
  const criteria = store.get<{ total: number; checked: number | null }>(
    `SELECT COUNT(*) AS total, SUM(c.checked) AS checked FROM criteria c
       JOIN tasks t ON t.id = c.task_id WHERE t.epic_id = ?`,
    epicId,
  )!;
  const waiting = store.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM tasks t WHERE t.epic_id = ? AND t.status IN ('todo', 'in_progress')
        AND ${waitingSql("t")}`,
    epicId,
  )!.n;
  const stale = store.get<{ n: number }>(
    `SELECT (SELECT COUNT(*) FROM tasks WHERE epic_id = ?1 AND status = 'in_progress'
               AND lease_expires_at IS NOT NULL AND lease_expires_at < ?2)
          + (SELECT COUNT(*) FROM subtasks s JOIN tasks t ON t.id = s.task_id
              WHERE t.epic_id = ?1 AND s.status = 'in_progress'
                AND s.lease_expires_at IS NOT NULL AND s.lease_expires_at < ?2) AS n`,
    epicId,
    now,
  )!.n;
  return {
    tasks,
    subtasks,
    criteria: { total: criteria.total, checked: criteria.checked ?? 0 },
    percentDone: tasks.total === 0 ? 0 : Math.floor((100 * tasks.done) / tasks.total),
    readiness: {
      ready: tasks.todo + tasks.in_progress - waiting,
      waiting,
      blocked: tasks.blocked,
    },
    staleClaims: stale,
  };
}
