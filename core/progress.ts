/**
 * Epic progress (SPEC §9.2.4 `Progress`, §9.3.7 `epic progress`) and the
 * stale-claim listing shared with `session`.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { priorityName, ref, type Status, type TaskRef, taskRef } from "./records.ts";
import type { Store } from "./store/store.ts";
import { iso } from "./time.ts";
import { effectiveOwner } from "./owner.ts";
import { resolveEpic, taskRows } from "./readiness.ts";
import { analyzeReadiness } from "./open_graph.ts";

/** A stale claim (SPEC §6.9): in progress with an expired lease. */
export interface StaleClaim {
  id: string;
  kind: "task" | "subtask";
  title: string;
  owner: string | null;
  leaseExpiresAt: string | null;
}

/** Stale claims of tasks and subtasks (of one epic, or all), tasks first, in position order. */
export function staleClaims(store: Store, o: { epicId: string | null; now: number }): StaleClaim[] {
  const rows = store.all<
    { id: string; kind: "task" | "subtask"; title: string; owner: string; lease: number }
  >(
    `SELECT t.id, 'task' AS kind, t.title, t.owner, t.lease_expires_at AS lease, 0 AS k,
            e.position AS ep, e.id AS ei, t.position AS tp, t.id AS ti, 0 AS sp
       FROM tasks t JOIN epics e ON e.id = t.epic_id
      WHERE t.status = 'in_progress' AND t.lease_expires_at < ?1 AND (?2 IS NULL OR t.epic_id = ?2)
     UNION ALL
     SELECT s.id, 'subtask', s.title, s.owner, s.lease_expires_at, 1,
            e.position, e.id, t.position, t.id, s.position
       FROM subtasks s JOIN tasks t ON t.id = s.task_id JOIN epics e ON e.id = t.epic_id
      WHERE s.status = 'in_progress' AND s.lease_expires_at < ?1 AND (?2 IS NULL OR t.epic_id = ?2)
     ORDER BY k, ep, ei, tp, ti, sp`,
    o.now,
    o.epicId,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    owner: r.owner,
    leaseExpiresAt: iso(r.lease),
  }));
}

type Counts = Record<Status, number> & { total: number };

function countStatuses(rows: { status: Status; n: number }[]): Counts {
  const c: Counts = { total: 0, todo: 0, in_progress: 0, blocked: 0, done: 0 };
  for (const r of rows) {
    c[r.status] += r.n;
    c.total += r.n;
  }
  return c;
}

/**
 * `Progress` of one epic (SPEC §9.2.4): status counts of its tasks and
 * subtasks, criteria, percent done, readiness counts (no owner) and stale
 * claims. A handful of set-based queries.
 */
export function progressOf(store: Store, epicId: string, now: number) {
  const tasks = countStatuses(store.all(
    "SELECT status, COUNT(*) AS n FROM tasks WHERE epic_id = ? GROUP BY status",
    epicId,
  ));
  const subtasks = countStatuses(store.all(
    `SELECT s.status, COUNT(*) AS n FROM subtasks s JOIN tasks t ON t.id = s.task_id
      WHERE t.epic_id = ? GROUP BY s.status`,
    epicId,
  ));
  const criteria = store.get<{ total: number; checked: number }>(
    `SELECT COUNT(*) AS total, COALESCE(SUM(c.checked), 0) AS checked
       FROM criteria c JOIN tasks t ON t.id = c.task_id WHERE t.epic_id = ?`,
    epicId,
  )!;
  const waits = store.all<{ status: Status; waits: number }>(
    `SELECT t.status, EXISTS (SELECT 1 FROM dependencies d
              LEFT JOIN tasks pt ON pt.id = d.depends_on_id
              LEFT JOIN subtasks ps ON ps.id = d.depends_on_id
             WHERE d.source_id = t.id AND COALESCE(pt.status, ps.status) <> 'done') AS waits
       FROM tasks t WHERE t.epic_id = ? AND t.status <> 'done'`,
    epicId,
  );
  const blocked = waits.filter((w) => w.status === "blocked").length;
  const waiting = waits.filter((w) => w.status !== "blocked" && w.waits).length;
  return {
    tasks,
    subtasks,
    criteria: { total: criteria.total, checked: criteria.checked },
    percentDone: tasks.total === 0 ? 0 : Math.floor((100 * tasks.done) / tasks.total),
    readiness: { ready: waits.length - blocked - waiting, waiting, blocked },
    staleClaims: staleClaims(store, { epicId, now }),
  };
}

/** Progress output type. */
export type Progress = ReturnType<typeof progressOf>;

/**
 * `epic progress` (SPEC §9.3.7): the epic, its progress and its next task
 * (§8, owner-filtered). Read-only.
 */
export function epicProgress(ctx: Ctx, input: { id: string; owner?: string | null }) {
  const owner = effectiveOwner(ctx, input.owner);
  return ctx.store.read(() => {
    const epicId = resolveEpic(ctx.store, input.id);
    const epic = ctx.store.get<{ id: string; title: string; status: Status; priority: number }>(
      "SELECT id, title, status, priority FROM epics WHERE id = ?",
      epicId,
    )!;
    const now = ctx.now();
    const a = analyzeReadiness(ctx.store, { epicId, owner, now });
    const top = a.ready[0];
    return {
      epic: { ...ref(epic), priority: priorityName(epic.priority) },
      progress: progressOf(ctx.store, epicId, now),
      next: (top ? taskRef(taskRows(ctx.store, [top.row.id]).get(top.row.id)!) : null) as
        | TaskRef
        | null,
    };
  });
}
