/**
 * A status change requested by `update --status` (SPEC §6.2–§6.6): the
 * checks in their documented order, the columns to write, and the effects
 * after the write (epic rules, unblocked / reblocked dependents, warnings).
 *
 * @module
 */
import { reblockedBy, unblockedBy } from "../deps.ts";
import type { Warning } from "../errors.ts";
import type { Status } from "../records.ts";
import {
  applyEpicRules,
  type AutoTransition,
  checkCriteriaGate,
  checkDependencyGate,
  checkEpicDone,
  checkTransition,
} from "../status.ts";
import type { Tx } from "../store/tx.ts";
import type { UpdateKind } from "./update.ts";

/** Columns and event flags of a validated status change. */
export interface StatusColumns {
  set: Record<string, unknown>;
  flags: Record<string, unknown>;
  warnings: Warning[];
}

/**
 * Validates `from → to` (transition, dependency gate, criteria gate, epic
 * rule; first failure wins) and returns the columns to write. No-op when the
 * status does not change.
 */
export function statusColumns(
  tx: Tx,
  kind: UpdateKind,
  row: { id: string; status: Status },
  to: Status | undefined,
  force = false,
): StatusColumns {
  const out: StatusColumns = { set: {}, flags: {}, warnings: [] };
  if (to === undefined || to === row.status) return out;
  checkTransition(kind, row.id, row.status, to);
  if (kind !== "epic") checkDependencyGate(tx.store, kind, row.id, to);
  if (kind === "task" && to === "done") {
    const open = checkCriteriaGate(tx.store, row.id, force);
    if (open.length) {
      out.flags = { forced: true, openCriteria: open };
      out.warnings.push({
        code: "criteria_forced",
        message: `"${row.id}" was completed with ${open.length} unchecked criteria`,
        ids: open,
      });
    }
  }
  if (kind === "epic" && to === "done") checkEpicDone(tx.store, row.id);
  out.set.status = to;
  out.set.completed_at = to === "done" ? tx.now : null;
  if (kind !== "epic" && row.status === "in_progress") {
    out.set.lease_expires_at = null;
    out.set.lease_ms = null;
  }
  return out;
}

/** Effects of a written status change of a task or subtask. */
export interface StatusEffects {
  auto: AutoTransition[];
  unblocked: ReturnType<typeof unblockedBy>;
  reblocked: ReturnType<typeof reblockedBy>;
  warnings: Warning[];
}

/**
 * After a task or subtask moved `from → to`: epic auto-start / auto-reopen
 * (subtasks only start an epic, SPEC §6.6), the dependents it unblocked or
 * reblocked, and the `open_subtasks` warning for a completed task.
 */
export function statusEffects(
  tx: Tx,
  kind: "task" | "subtask",
  row: { id: string; epic_id: string },
  from: Status,
  to: Status,
  cause: string | null,
): StatusEffects {
  const out: StatusEffects = { auto: [], unblocked: [], reblocked: [], warnings: [] };
  if (from === to) return out;
  out.auto = epicRulesAfter(tx, kind, { epicId: row.epic_id, status: to, cause });
  if (to === "done") out.unblocked = unblockedBy(tx.store, [row.id]);
  if (from === "done") out.reblocked = reblockedBy(tx.store, row.id);
  if (kind === "task" && to === "done") {
    const open = tx.store.all<{ id: string }>(
      "SELECT id FROM subtasks WHERE task_id = ? AND status <> 'done' ORDER BY position, created_at, id",
      row.id,
    ).map((s) => s.id);
    if (open.length) {
      out.warnings.push({
        code: "open_subtasks",
        message: `"${row.id}" was completed with ${open.length} open subtask${
          open.length === 1 ? "" : "s"
        }`,
        ids: open,
      });
    }
  }
  return out;
}

/**
 * The epic rules after a task or subtask of `epicId` took `status` (created
 * or changed): epic auto-start / auto-reopen; a subtask only starts a `todo`
 * epic, it never reopens one (SPEC §6.6).
 */
export function epicRulesAfter(
  tx: Tx,
  kind: "task" | "subtask",
  o: { epicId: string; status: Status; cause: string | null },
): AutoTransition[] {
  if (kind === "subtask") {
    const epic = tx.store.get<{ status: Status }>(
      "SELECT status FROM epics WHERE id = ?",
      o.epicId,
    );
    if (epic?.status !== "todo") return [];
  }
  return applyEpicRules(tx, o.epicId, o.status, o.cause);
}
