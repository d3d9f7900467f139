/**
 * Readiness and ranking (SPEC §8, §9.4.9): `task ready`, the Readiness of one
 * item, and the output shapes built from an analysis of the open subgraph
 * (core/open_graph.ts). Full rows are fetched only for what is returned.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError } from "./errors.ts";
import { ref, type Status, TASK_COLUMNS, taskRef, type TaskRow } from "./records.ts";
import { resolveId } from "./resolve.ts";
import { unresolvedPrerequisites } from "./status.ts";
import type { Store } from "./store/store.ts";
import { iso } from "./time.ts";
import { effectiveOwner } from "./owner.ts";
import {
  analyzeReadiness,
  isStale,
  openPrerequisiteIds,
  type OpenTask,
  type RankedTask,
  type ReadinessAnalysis,
} from "./open_graph.ts";

/** Full task rows of some ids (one query), keyed by id. */
export function taskRows(store: Store, ids: Iterable<string>): Map<string, TaskRow> {
  const rows = store.all<TaskRow>(
    `SELECT ${TASK_COLUMNS} FROM json_each(?) j JOIN tasks t ON t.id = j.value`,
    JSON.stringify([...new Set(ids)]),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

interface NodeRow {
  id: string;
  title: string;
  status: Status;
  position: number;
  created_at: number;
}

/** Refs of tasks and subtasks (two queries), keyed by id, with their position key. */
function nodeRows(store: Store, ids: Iterable<string>): Map<string, NodeRow> {
  const json = JSON.stringify([...new Set(ids)]);
  const rows = [
    ...store.all<NodeRow>(
      "SELECT t.id, t.title, t.status, t.position, t.created_at FROM json_each(?) j JOIN tasks t ON t.id = j.value",
      json,
    ),
    ...store.all<NodeRow>(
      "SELECT s.id, s.title, s.status, s.position, s.created_at FROM json_each(?) j JOIN subtasks s ON s.id = j.value",
      json,
    ),
  ];
  return new Map(rows.map((r) => [r.id, r]));
}

function byPosition(a: NodeRow, b: NodeRow): number {
  return a.position - b.position || a.created_at - b.created_at || (a.id < b.id ? -1 : 1);
}

/** Builds TaskRefs and blocker Refs for a set of returned tasks with two or three queries. */
export function outputRows(store: Store, a: ReadinessAnalysis, tasks: OpenTask[]) {
  const rows = taskRows(store, tasks.map((t) => t.id));
  const blockerIds = new Map(tasks.map((t) => [t.id, openPrerequisiteIds(a.graph, t.id)]));
  const nodes = nodeRows(store, [...blockerIds.values()].flat());
  return {
    row: (t: OpenTask) => rows.get(t.id)!,
    ref: (t: OpenTask) => taskRef(rows.get(t.id)!),
    blockers: (t: OpenTask) =>
      blockerIds.get(t.id)!.map((id) => nodes.get(id)!).sort(byPosition).map((n) => ref(n)),
  };
}

/** ReadyItem (§8.5). */
export function readyItem(a: ReadinessAnalysis, r: RankedTask, row: TaskRow) {
  return {
    rank: r.rank,
    task: taskRef(row),
    unblocks: r.unblocks,
    claim: row.owner === null ? null : {
      owner: row.owner,
      leaseExpiresAt: iso(row.lease_expires_at),
      stale: isStale(row, a.now),
    },
  };
}

/** Summary (§8.5). */
export function readinessSummary(
  a: ReadinessAnalysis,
  returned = { ready: 0, waiting: 0, blocked: 0 },
) {
  return {
    epicId: a.epicId,
    owner: a.owner,
    open: a.inScope.length,
    ready: a.ready.length,
    waiting: a.waiting.length,
    blocked: a.blocked.length,
    claimedByOthers: a.claimedByOthers,
    stale: a.inScope.filter((t) => t.status === "in_progress" && isStale(t, a.now)).length,
    returned,
    unblocksTracked: a.tracked,
  };
}

/** Options of `task ready`. */
export interface ListReadyInput {
  epic?: string | null;
  /** "Me" (default `CAIRN_ACTOR`): tasks held by others are left out and counted. */
  owner?: string | null;
  /** 1..1000, default 50; ignored with `all`. */
  limit?: number;
  all?: boolean;
}

/** Resolves an `--epic` option to a full epic id. */
export function resolveEpic(store: Store, raw: string): string {
  return resolveId(store, raw, ["epic"]).id;
}

/**
 * `task ready` (SPEC §9.4.9): ranked ready tasks, waiting and blocked tasks
 * of a scope, and the summary. Read-only.
 */
export function listReady(ctx: Ctx, input: ListReadyInput) {
  const owner = effectiveOwner(ctx, input.owner);
  return ctx.store.read(() => {
    const epicId = input.epic ? resolveEpic(ctx.store, input.epic) : null;
    const a = analyzeReadiness(ctx.store, { epicId, owner, now: ctx.now() });
    const limit = input.all ? Infinity : input.limit ?? 50;
    const ready = a.ready.slice(0, limit);
    const waiting = a.waiting.slice(0, limit);
    const blocked = a.blocked.slice(0, limit);
    const out = outputRows(ctx.store, a, [...ready.map((r) => r.row), ...waiting, ...blocked]);
    return {
      ready: ready.map((r) => readyItem(a, r, out.row(r.row))),
      waiting: waiting.map((t) => ({
        task: out.ref(t),
        reason: "waiting_on_dependencies" as const,
        blockers: out.blockers(t),
      })),
      blocked: blocked.map((t) => {
        const blockers = out.blockers(t);
        return {
          task: out.ref(t),
          reason: "status_blocked" as const,
          depsDone: blockers.length === 0,
          blockers,
          suggestion: blockers.length === 0 ? `cairn task update ${t.id} --status todo` : null,
        };
      }),
      summary: readinessSummary(a, {
        ready: ready.length,
        waiting: waiting.length,
        blocked: blocked.length,
      }),
    };
  });
}

/** Readiness of one task or subtask (SPEC §5.8): state and unresolved prerequisites. */
export function readinessOf(store: Store, id: string) {
  const table = id.startsWith("s-") ? "subtasks" : "tasks";
  const row = store.get<{ status: Status }>(`SELECT status FROM ${table} WHERE id = ?`, id);
  if (!row) {
    throw new CairnError("not_found", `No item matches "${id}"`, {
      id,
      kinds: ["task", "subtask"],
    });
  }
  const blockers = unresolvedPrerequisites(store, id).map(ref);
  const state = row.status === "done"
    ? "done"
    : row.status === "blocked"
    ? "blocked"
    : blockers.length
    ? "waiting"
    : "ready";
  return { state: state as "ready" | "waiting" | "blocked" | "done", blockers };
}

/** Readiness output type. */
export type Readiness = ReturnType<typeof readinessOf>;
