/**
 * `suggest` (SPEC §9.2.3): the next commands to run, from eleven rules in
 * priority order. Read-only; every emitted command parses against the
 * command table.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { type Ref, ref, type Status } from "./records.ts";
import type { Store } from "./store/store.ts";
import { effectiveOwner } from "./owner.ts";
import { resolveEpic } from "./readiness.ts";
import { analyzeReadiness, openPrerequisiteCount, type ReadinessAnalysis } from "./open_graph.ts";
import { staleClaims } from "./progress.ts";
import { heldByOther } from "./status.ts";
import { syncSummary } from "./session.ts";

/** Suggestion categories (SPEC §18.4). */
export type SuggestionCategory =
  | "storage"
  | "sync"
  | "execution"
  | "claims"
  | "unblock"
  | "planning"
  | "closing";

/** One suggestion. */
export interface Suggestion {
  priority: number;
  category: SuggestionCategory;
  action: string;
  command: string;
  reason: string;
  itemId: string | null;
  needsInput: string[];
}

/** The owner placeholder left in commands when no owner is known. */
const OWNER = "<owner>";
const TASK_SPEC = '"<key>|<title>|<description>"';

/** Command of each rule (by rule number), for the parse test and for `suggestNext`. */
export const SUGGESTION_COMMANDS = {
  1: () => "cairn doctor --fix",
  2: () => "cairn sync conflicts list",
  3: () => "cairn sync pull",
  4: (id: string) => `cairn task show ${id}`,
  5: (id: string, owner: string | null) =>
    `cairn ${id.startsWith("s-") ? "subtask" : "task"} claim ${id} --owner ${owner ?? OWNER}`,
  6: (id: string) => `cairn task update ${id} --status todo`,
  7: (id: string, owner: string | null) => `cairn task claim ${id} --owner ${owner ?? OWNER}`,
  8: (epicId: string | null) => `cairn task ready${epicId ? ` --epic ${epicId}` : ""}`,
  9: (epicId: string, status: Status) =>
    `cairn epic update ${epicId} --status done${status === "in_progress" ? "" : " --cascade"}`,
  10: (epicId: string) => `cairn epic expand ${epicId} --task ${TASK_SPEC}`,
  11: () => `cairn epic create --title "<title>" --task ${TASK_SPEC}`,
} as const;

interface EpicRowLite {
  id: string;
  title: string;
  status: Status;
}

/** The active epic (SPEC §9.2.3): given, else the owner's task's, else first in progress, else first todo. */
function activeEpic(store: Store, epic: string | null | undefined, owner: string | null) {
  const get = (sql: string, ...p: string[]) => store.get<EpicRowLite>(sql, ...p) ?? null;
  if (epic) {
    return get("SELECT id, title, status FROM epics WHERE id = ?", resolveEpic(store, epic));
  }
  if (owner !== null) {
    const mine = get(
      `SELECT e.id, e.title, e.status FROM tasks t JOIN epics e ON e.id = t.epic_id
        WHERE t.status = 'in_progress' AND t.owner = ?
        ORDER BY e.position, e.created_at, e.id, t.position, t.created_at, t.id LIMIT 1`,
      owner,
    );
    if (mine) return mine;
  }
  for (const status of ["in_progress", "todo"]) {
    const e = get(
      "SELECT id, title, status FROM epics WHERE status = ? ORDER BY position, created_at, id LIMIT 1",
      status,
    );
    if (e) return e;
  }
  return null;
}

interface Facts {
  ctx: Ctx;
  owner: string | null;
  epic: EpicRowLite | null;
  epics: number;
  a: ReadinessAnalysis;
  stale: ReturnType<typeof staleClaims>;
  sync: ReturnType<typeof syncSummary>;
  epicTasks: { total: number; done: number };
  /** Title of a task, for the reasons of the (at most 20) emitted suggestions. */
  title: (id: string) => string;
}

type Rule = (f: Facts) => Omit<Suggestion, "priority" | "needsInput"> | null;

function gitignoreWrong(ctx: Ctx): boolean {
  try {
    return Deno.readTextFileSync(`${ctx.store.location.dir}/.gitignore`) !== "*\n";
  } catch {
    return true;
  }
}

/** The eleven rules of §9.2.3, in priority order. */
const RULES: Rule[] = [
  (f) =>
    gitignoreWrong(f.ctx)
      ? {
        category: "storage",
        action: "Repair the storage folder",
        command: SUGGESTION_COMMANDS[1](),
        reason: ".cairn/.gitignore is missing or does not ignore everything",
        itemId: null,
      }
      : null,
  (f) =>
    f.sync.pendingConflicts > 0
      ? {
        category: "sync",
        action: "Review sync conflicts",
        command: SUGGESTION_COMMANDS[2](),
        reason: `${f.sync.pendingConflicts} sync conflicts are pending`,
        itemId: null,
      }
      : null,
  (f) =>
    f.sync.unpulled > 0
      ? {
        category: "sync",
        action: "Pull remote changes",
        command: SUGGESTION_COMMANDS[3](),
        reason: `${f.sync.unpulled} remote events were fetched but not applied`,
        itemId: null,
      }
      : null,
  (f) => {
    const mine = f.a.inScope.find((t) => t.status === "in_progress" && t.owner === f.owner);
    return f.owner !== null && mine
      ? {
        category: "execution",
        action: "Continue your task",
        command: SUGGESTION_COMMANDS[4](mine.id),
        reason: `You hold ${mine.id} "${f.title(mine.id)}" in progress`,
        itemId: mine.id,
      }
      : null;
  },
  (f) => {
    const s = f.stale[0];
    return s
      ? {
        category: "claims",
        action: "Take over a stale claim",
        command: SUGGESTION_COMMANDS[5](s.id, f.owner),
        reason: `${s.id} held by ${s.owner} has an expired lease (${s.leaseExpiresAt})`,
        itemId: s.id,
      }
      : null;
  },
  (f) => {
    const t = f.a.blocked.find((b) => openPrerequisiteCount(f.a.graph, b.id) === 0);
    return t
      ? {
        category: "unblock",
        action: "Unblock a task",
        command: SUGGESTION_COMMANDS[6](t.id),
        reason: `${t.id} "${f.title(t.id)}" is blocked but its prerequisites are done`,
        itemId: t.id,
      }
      : null;
  },
  (f) => {
    const r = f.a.ready.find((x) =>
      !heldByOther(x.row, f.owner, f.a.now) &&
      !(x.row.status === "in_progress" && x.row.owner === f.owner)
    );
    return r
      ? {
        category: "execution",
        action: "Claim the next ready task",
        command: SUGGESTION_COMMANDS[7](r.row.id, f.owner),
        reason: `${r.row.id} "${f.title(r.row.id)}" is ready (rank ${r.rank}, p${r.row.priority})`,
        itemId: r.row.id,
      }
      : null;
  },
  (f) =>
    f.a.inScope.length > 0 && f.a.ready.length === 0 &&
      !f.a.inScope.some((t) => t.status === "in_progress")
      ? {
        category: "planning",
        action: "Review what is waiting",
        command: SUGGESTION_COMMANDS[8](f.epic?.id ?? null),
        reason: `No task is ready: ${f.a.waiting.length} waiting, ${f.a.blocked.length} blocked`,
        itemId: f.epic?.id ?? null,
      }
      : null,
  (f) =>
    f.epic && f.epic.status !== "done" && f.epicTasks.total > 0 &&
      f.epicTasks.done === f.epicTasks.total
      ? {
        category: "closing",
        action: "Close the epic",
        command: SUGGESTION_COMMANDS[9](f.epic.id, f.epic.status),
        reason: `Every task of ${f.epic.id} "${f.epic.title}" is done`,
        itemId: f.epic.id,
      }
      : null,
  (f) =>
    f.epic && f.epicTasks.total === 0
      ? {
        category: "planning",
        action: "Plan the epic's tasks",
        command: SUGGESTION_COMMANDS[10](f.epic.id),
        reason: `${f.epic.id} "${f.epic.title}" has no tasks`,
        itemId: f.epic.id,
      }
      : null,
  (f) =>
    f.epics === 0
      ? {
        category: "planning",
        action: "Plan an epic",
        command: SUGGESTION_COMMANDS[11](),
        reason: "There are no epics yet",
        itemId: null,
      }
      : null,
];

/** Placeholders a command still holds, as `needsInput` names. */
function placeholders(command: string): string[] {
  const names = [...command.matchAll(/<(owner|title|key|description)>/g)].map((m) => m[1]!);
  return [...new Set(names)];
}

/**
 * `suggest [--epic] [--owner] [--limit]` (SPEC §9.2.3). Read-only.
 */
export function suggestNext(
  ctx: Ctx,
  input: { epic?: string | null; owner?: string | null; limit?: number },
) {
  const owner = effectiveOwner(ctx, input.owner);
  const limit = input.limit ?? 3;
  return ctx.store.read(() => {
    const store = ctx.store;
    const epic = activeEpic(store, input.epic, owner);
    const now = ctx.now();
    const a = analyzeReadiness(store, { epicId: epic?.id ?? null, owner, now });
    const epicTasks = epic
      ? store.get<{ total: number; done: number }>(
        "SELECT COUNT(*) AS total, COALESCE(SUM(status = 'done'), 0) AS done FROM tasks WHERE epic_id = ?",
        epic.id,
      )!
      : { total: 0, done: 0 };
    const facts: Facts = {
      ctx,
      owner,
      epic,
      epics: store.get<{ n: number }>("SELECT COUNT(*) AS n FROM epics")!.n,
      a,
      stale: staleClaims(store, { epicId: epic?.id ?? null, now }),
      sync: syncSummary(ctx),
      epicTasks,
      title: (id) =>
        store.get<{ title: string }>("SELECT title FROM tasks WHERE id = ?", id)?.title ?? "",
    };
    const suggestions: Suggestion[] = [];
    RULES.forEach((rule, i) => {
      if (suggestions.length >= limit) return;
      const s = rule(facts);
      if (s) suggestions.push({ priority: i + 1, ...s, needsInput: placeholders(s.command) });
    });
    return {
      suggestions,
      context: {
        activeEpic: epic ? ref(epic) as Ref : null,
        epics: facts.epics,
        readyTasks: a.ready.length,
        waitingTasks: a.waiting.length,
        blockedTasks: a.blocked.length,
        inProgressTasks: a.inScope.filter((t) => t.status === "in_progress").length,
        staleClaims: facts.stale.length,
        pendingConflicts: facts.sync.pendingConflicts,
        unpulled: facts.sync.unpulled,
      },
    };
  });
}
