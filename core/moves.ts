/**
 * Moving epics, tasks and subtasks (SPEC §5.5, §9.3.6, §9.4.6, §9.5):
 * reordering among siblings (a quiet change: no version bump) and moving
 * tasks and subtasks to another parent (bumps the version, keeps edges).
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError } from "./errors.ts";
import { checkIfMatch } from "./items/guard.ts";
import { patchRow } from "./items/patch.ts";
import type { RowKind } from "./items/tables.ts";
import { orderedSiblings, planRelative, type Siblings } from "./positions.ts";
import {
  EPIC_COLUMNS,
  epicRecord,
  type EpicRow,
  SUBTASK_COLUMNS,
  subtaskRecord,
  type SubtaskRow,
  TASK_COLUMNS,
  taskRecord,
  type TaskRow,
} from "./records.ts";
import { resolveId } from "./resolve.ts";
import { applyEpicRules, type AutoTransition } from "./status.ts";
import type { Store } from "./store/store.ts";
import { type Tx, write } from "./store/tx.ts";

type Where = "before" | "after";

/**
 * Whether `id` already sits directly before/after `anchorId` among its
 * siblings (then a move there changes nothing). `anchorId` null: whether it
 * is already the last.
 */
export function alreadyPlaced(
  tx: Tx,
  s: Siblings,
  id: string,
  anchorId: string | null,
  where: Where,
): boolean {
  const list = orderedSiblings(tx, s);
  const i = list.findIndex((r) => r.id === id);
  if (i === -1) return false;
  if (anchorId === null) return i === list.length - 1;
  return (where === "after" ? list[i - 1] : list[i + 1])?.id === anchorId;
}

function epicRow(store: Store, id: string): EpicRow {
  return store.get<EpicRow>(`SELECT ${EPIC_COLUMNS} FROM epics e WHERE e.id = ?`, id)!;
}

function taskRow(store: Store, id: string): TaskRow {
  return store.get<TaskRow>(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ?`, id)!;
}

function subtaskRow(store: Store, id: string): SubtaskRow {
  return store.get<SubtaskRow>(`SELECT ${SUBTASK_COLUMNS} FROM subtasks s WHERE s.id = ?`, id)!;
}

function bothGiven(before: string | undefined, after: string | undefined): void {
  if (before !== undefined && after !== undefined) {
    throw new CairnError("conflicting_options", "Options --before and --after cannot be combined", {
      options: ["--before", "--after"],
    });
  }
}

/** One move of a row among the siblings of `parentId` (its current or a new parent). */
interface Relocation {
  kind: RowKind;
  id: string;
  before: Record<string, unknown>;
  /** `epic_id` / `task_id`, or null for epics. */
  parentColumn: string | null;
  parentId: string | null;
  /** Resolved anchor sibling, or null to append. */
  anchor: string | null;
  where: Where;
}

/** Writes one relocation; returns the new position and the move event (null: nothing changed). */
function relocate(tx: Tx, r: Relocation): { position: number; event: string | null } {
  const s: Siblings = { kind: r.kind, parentColumn: r.parentColumn, parentId: r.parentId };
  const sameParent = r.parentColumn === null || r.before[r.parentColumn] === r.parentId;
  const from = r.before.position as number;
  if (sameParent && alreadyPlaced(tx, s, r.id, r.anchor, r.where)) {
    return { position: from, event: null };
  }
  let position: number;
  let renumber: ((cause: string | null) => void) | null = null;
  if (r.anchor !== null) {
    ({ position, renumber } = planRelative(tx, s, r.anchor, r.where, r.id));
  } else {
    const others = orderedSiblings(tx, s).filter((x) => x.id !== r.id);
    const last = others.at(-1);
    position = last ? Math.floor(last.position) + 1 : 1;
  }
  const set: Record<string, unknown> = { position };
  if (!sameParent) set[r.parentColumn!] = r.parentId;
  const { event } = patchRow(tx, { kind: r.kind, id: r.id, before: { ...r.before }, set });
  renumber?.(event?.id ?? null);
  return { position, event: event?.id ?? null };
}

/** Resolves an anchor sibling of `kind`; it must be under `parentId` and not the moving item. */
function anchorIn(
  tx: Tx,
  o: { raw: string; kind: "epic" | "task" | "subtask"; movingId: string; parent: string | null },
): string {
  const id = resolveId(tx.store, o.raw, [o.kind]).id;
  if (id === o.movingId) {
    throw new CairnError("invalid_input", `Cannot move ${o.kind} "${id}" relative to itself`, {
      id,
    });
  }
  if (o.kind === "task" && taskRow(tx.store, id).epic_id !== o.parent) {
    throw new CairnError("invalid_input", `Task "${id}" is not in epic "${o.parent}"`, {
      id,
      epicId: o.parent,
    });
  }
  if (o.kind === "subtask" && subtaskRow(tx.store, id).task_id !== o.parent) {
    throw new CairnError("invalid_input", `Subtask "${id}" is not in task "${o.parent}"`, {
      id,
      taskId: o.parent,
    });
  }
  return id;
}

/** `epic move`: before or after another epic. Data `{epic, position:{from, to}}`. */
export function moveEpic(
  ctx: Ctx,
  input: { id: string; before?: string; after?: string; ifMatch?: number },
) {
  bothGiven(input.before, input.after);
  if (input.before === undefined && input.after === undefined) {
    throw new CairnError("missing_argument", "Give --before or --after", {
      anyOf: ["--before", "--after"],
    });
  }
  return write(ctx, (tx) => {
    const id = resolveId(tx.store, input.id, ["epic"]).id;
    const row = epicRow(tx.store, id);
    checkIfMatch(tx.store, "epic", id, input.ifMatch, () => epicRecord(row));
    const where: Where = input.before !== undefined ? "before" : "after";
    const anchor = anchorIn(tx, {
      raw: (input.before ?? input.after)!,
      kind: "epic",
      movingId: id,
      parent: null,
    });
    const moved = relocate(tx, {
      kind: "epic",
      id,
      before: row as unknown as Record<string, unknown>,
      parentColumn: null,
      parentId: null,
      anchor,
      where,
    });
    return {
      epic: epicRecord(epicRow(tx.store, id)),
      position: { from: row.position, to: moved.position },
    };
  });
}

/**
 * `task move`: reorder within the epic, or move (with its subtasks and
 * criteria, edges kept) to another epic; auto-reopen applies to a done
 * target epic. Data `{task, from, to, auto}`.
 */
export function moveTask(
  ctx: Ctx,
  input: { id: string; epic?: string; before?: string; after?: string; ifMatch?: number },
) {
  bothGiven(input.before, input.after);
  if (input.epic === undefined && input.before === undefined && input.after === undefined) {
    throw new CairnError("missing_argument", "Give --epic, --before or --after", {
      anyOf: ["--epic", "--before", "--after"],
    });
  }
  return write(ctx, (tx) => {
    const id = resolveId(tx.store, input.id, ["task"]).id;
    const row = taskRow(tx.store, id);
    checkIfMatch(tx.store, "task", id, input.ifMatch, () => taskRecord(row, tx.now));
    const target = input.epic === undefined
      ? row.epic_id
      : resolveId(tx.store, input.epic, ["epic"]).id;
    const raw = input.before ?? input.after;
    const anchor = raw === undefined
      ? null
      : anchorIn(tx, { raw, kind: "task", movingId: id, parent: target });
    const moved = relocate(tx, {
      kind: "task",
      id,
      before: row as unknown as Record<string, unknown>,
      parentColumn: "epic_id",
      parentId: target,
      anchor,
      where: input.before !== undefined ? "before" : "after",
    });
    const auto: AutoTransition[] = target !== row.epic_id
      ? applyEpicRules(tx, target, row.status, moved.event)
      : [];
    return {
      task: taskRecord(taskRow(tx.store, id), tx.now),
      from: { epicId: row.epic_id, position: row.position },
      to: { epicId: target, position: moved.position },
      auto,
    };
  });
}

/**
 * `subtask move`: reorder within the task, or move (edges kept) to another
 * task. Data `{subtask, from, to}`.
 */
export function moveSubtask(
  ctx: Ctx,
  input: { id: string; task?: string; before?: string; after?: string; ifMatch?: number },
) {
  bothGiven(input.before, input.after);
  if (input.task === undefined && input.before === undefined && input.after === undefined) {
    throw new CairnError("missing_argument", "Give --task, --before or --after", {
      anyOf: ["--task", "--before", "--after"],
    });
  }
  return write(ctx, (tx) => {
    const id = resolveId(tx.store, input.id, ["subtask"]).id;
    const row = subtaskRow(tx.store, id);
    checkIfMatch(tx.store, "subtask", id, input.ifMatch, () => subtaskRecord(row, tx.now));
    const target = input.task === undefined
      ? row.task_id
      : resolveId(tx.store, input.task, ["task"]).id;
    const raw = input.before ?? input.after;
    const anchor = raw === undefined
      ? null
      : anchorIn(tx, { raw, kind: "subtask", movingId: id, parent: target });
    const { epic_id: _derived, ...stored } = row;
    const moved = relocate(tx, {
      kind: "subtask",
      id,
      before: stored as unknown as Record<string, unknown>,
      parentColumn: "task_id",
      parentId: target,
      anchor,
      where: input.before !== undefined ? "before" : "after",
    });
    return {
      subtask: subtaskRecord(subtaskRow(tx.store, id), tx.now),
      from: { taskId: row.task_id, position: row.position },
      to: { taskId: target, position: moved.position },
    };
  });
}
