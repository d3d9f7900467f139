/**
 * `session` (SPEC §9.2.2): the one read an agent makes at the start of a
 * session — who acts, where the storage is, what it holds, what to do next,
 * and the sync counters, all without network or git processes.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { setting } from "./config.ts";
import { type Ref, ref, type Status, type TaskRef, taskRef } from "./records.ts";
import type { Store } from "./store/store.ts";
import { iso } from "./time.ts";
import { effectiveOwner } from "./owner.ts";
import { resolveEpic, taskRows } from "./readiness.ts";
import { analyzeReadiness, isStale, type ReadinessAnalysis } from "./open_graph.ts";
import { chooseNext, nextTaskOf } from "./next_task.ts";
import { staleClaims } from "./progress.ts";
import { offlineSyncCounters } from "./sync/counters.ts";

/** Sync facts of `session` and `suggest` (SPEC §14.9): database and ref files only. */
export function syncSummary(ctx: Pick<Ctx, "store" | "settings">) {
  const remote = setting<string>(ctx.settings, "sync.remote");
  const counters = offlineSyncCounters(ctx.store, remote);
  const row = ctx.store.get<{ last_fetch_at: number | null }>(
    "SELECT last_fetch_at FROM sync_remotes WHERE remote = ?",
    remote,
  );
  const pending = ctx.store.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM conflicts WHERE status = 'pending'",
  )!;
  return {
    configured: counters.configured,
    remote,
    unpushed: counters.unpushed,
    unpulled: counters.unpulled,
    pendingConflicts: pending.n,
    lastFetchAt: iso(row?.last_fetch_at ?? null),
  };
}

/** Items held by `owner` that are not done: tasks, then subtasks, each in position order. */
export function heldBy(store: Store, a: ReadinessAnalysis, owner: string | null) {
  if (owner === null) return [];
  const tasks = taskRows(store, a.graph.tasks.filter((t) => t.owner === owner).map((t) => t.id));
  const subtasks = store.all<SubtaskLite>(
    `SELECT s.id, s.title, s.status, s.lease_expires_at FROM subtasks s JOIN tasks t ON t.id = s.task_id
      JOIN epics e ON e.id = t.epic_id WHERE s.owner = ? AND s.status <> 'done'
      ORDER BY e.position, e.created_at, e.id, t.position, t.created_at, t.id, s.position, s.created_at, s.id`,
    owner,
  );
  const entry = (item: TaskRef | Ref, r: { status: Status; lease_expires_at: number | null }) => ({
    item,
    status: r.status,
    leaseExpiresAt: iso(r.lease_expires_at),
    stale: r.status === "in_progress" && isStale(r, a.now),
  });
  return [
    ...a.graph.tasks.filter((t) => tasks.has(t.id)).map((t) => entry(taskRef(tasks.get(t.id)!), t)),
    ...subtasks.map((r) => entry(ref(r), r)),
  ];
}

interface SubtaskLite {
  id: string;
  title: string;
  status: Status;
  lease_expires_at: number | null;
}

function sessionHints(
  a: ReadinessAnalysis,
  stale: ReturnType<typeof staleClaims>,
  sync: ReturnType<typeof syncSummary>,
  hasNext: boolean,
  epics: number,
): string[] {
  const hints: string[] = [];
  if (sync.pendingConflicts > 0) {
    hints.push(`${sync.pendingConflicts} pending sync conflicts: cairn sync conflicts list`);
  }
  if (sync.unpulled > 0) hints.push(`${sync.unpulled} remote events not pulled: cairn sync pull`);
  for (const s of stale.slice(0, 3)) {
    hints.push(`${s.id} held by ${s.owner} has an expired lease`);
  }
  if (!hasNext && a.inScope.length > 0) {
    hints.push(
      `No ready task: ${a.waiting.length} waiting, ${a.blocked.length} blocked (cairn task ready)`,
    );
  }
  if (epics === 0) hints.push('No epics yet: plan one with cairn epic create --title "<title>"');
  return hints;
}

/**
 * `session [--epic] [--owner]` (SPEC §9.2.2). Read-only; never touches the
 * network and never spawns git.
 */
export function sessionInfo(ctx: Ctx, input: { epic?: string | null; owner?: string | null }) {
  const owner = effectiveOwner(ctx, input.owner);
  const actor = ctx.actor();
  const git = ctx.git();
  return ctx.store.read(() => {
    const store: Store = ctx.store;
    const epicId = input.epic ? resolveEpic(store, input.epic) : null;
    const now = ctx.now();
    const a = analyzeReadiness(store, { epicId, owner, now });
    const pick = chooseNext(a);
    const stale = staleClaims(store, { epicId, now });
    const sync = syncSummary(ctx);
    const epics = store.get<{ n: number }>("SELECT COUNT(*) AS n FROM epics")!;
    const schema = store.get<{ v: number }>("SELECT MAX(version) AS v FROM schema_migrations")!;
    return {
      actor,
      owner,
      storage: {
        root: store.location.root,
        database: store.location.database,
        schemaVersion: schema.v,
      },
      git: { branch: git.branch, worktree: git.worktree, head: git.head },
      mine: heldBy(store, a, owner),
      next: pick ? nextTaskOf(store, a, pick.row.id) : null,
      nextReason: pick?.reason ?? null,
      readiness: {
        ready: a.ready.length,
        waiting: a.waiting.length,
        blocked: a.blocked.length,
        inProgress: a.inScope.filter((t) => t.status === "in_progress").length,
        claimedByOthers: a.claimedByOthers,
      },
      staleClaims: stale,
      sync,
      hints: sessionHints(a, stale, sync, pick !== null, epics.n),
    };
  });
}
