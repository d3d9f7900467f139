/**
 * Batch planning commands (SPEC §10): `epic create` with specs, `epic
 * expand`, `task create-many`, `subtask create-many`, `dep add-many`. Each
 * validates every spec before writing anything, then writes everything in
 * one transaction.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError } from "../errors.ts";
import { insertEpic } from "../items/insert.ts";
import { planRelative } from "../positions.ts";
import { epicRecord, type EpicRow, type Status, STATUSES, type TaskRow } from "../records.ts";
import { resolveId } from "../resolve.ts";
import { write } from "../store/tx.ts";
import type { Tx } from "../store/tx.ts";
import { cleanBlock, cleanLine, LIMITS } from "../text.ts";
import { type Applied, applyPlan } from "./apply.ts";
import { parseBatch, type SpecLists } from "./parse.ts";
import { allocateIds, planBatch, type PlanScope } from "./plan.ts";
import type { Target } from "./refs.ts";

export type { Applied, Mapping } from "./apply.ts";
export type { Issue, IssueCode } from "./spec.ts";
export type { Skipped } from "./plan.ts";
export type { SpecLists } from "./parse.ts";
export { parseBatch } from "./parse.ts";
export { findBatchCycles } from "./cycles.ts";

const SPEC_OPTIONS = ["--task", "--subtask", "--dep", "--criterion"];
const SPEC_KEYS = ["tasks", "subtasks", "deps", "criteria"] as const;

type Created = "tasks" | "subtasks" | "criteria";

/** The data of a batch command: `head`, then the created lists, mappings, skips, counts, auto, warnings. */
function resultOf<H extends Record<string, unknown>, K extends Created>(
  head: H,
  a: Applied,
  kinds: K[],
) {
  const lists = {} as Pick<Applied, K>;
  const counts: Record<string, number> = {};
  for (const k of kinds) {
    (lists as Record<string, unknown>)[k] = a[k];
    counts[k] = a[k].length;
  }
  counts.dependencies = a.dependencies.length;
  counts.skippedDependencies = a.skipped.length;
  return {
    ...head,
    ...lists,
    dependencies: a.dependencies,
    mappings: a.mappings,
    skipped: a.skipped,
    counts,
    auto: a.auto,
    warnings: a.warnings,
  };
}

function requireSpecs(list: readonly string[] | undefined, option: string): void {
  if (!list?.length) {
    throw new CairnError("missing_argument", `At least one ${option} spec is required`, {
      option,
    });
  }
}

function planOf(tx: Tx, lists: SpecLists, scope: PlanScope) {
  const parsed = parseBatch(lists, { subtaskParent: scope.parentTask === null });
  return planBatch(tx, parsed, scope);
}

function epicScope(epicId: string): PlanScope {
  return { epicId, newEpicId: epicId, parentTask: null, keysAllowed: true };
}

/** Input of `epic create` with specs. */
export interface EpicWithSpecsInput extends SpecLists {
  title: string;
  description?: string;
  status?: Status;
  /** 0..4 or `p0`..`p4`. */
  priority?: number | string;
  before?: string;
  after?: string;
}

function priorityOf(p: number | string | undefined): number {
  if (p === undefined) return 2;
  const m = /^p?([0-4])$/i.exec(String(p).trim());
  if (!m) {
    throw new CairnError("invalid_value", `Invalid priority "${p}": expected p0..p4`, {
      option: "--priority",
      value: String(p),
      allowed: ["p0", "p1", "p2", "p3", "p4"],
    });
  }
  return Number(m[1]);
}

function statusOf(s: string | undefined): Status {
  if (s === undefined) return "todo";
  if (!(STATUSES as readonly string[]).includes(s)) {
    throw new CairnError("invalid_value", `Invalid status "${s}"`, {
      option: "--status",
      value: s,
      allowed: [...STATUSES],
    });
  }
  return s as Status;
}

/**
 * `epic create` with specs (SPEC §9.3.1): the epic and its whole graph in
 * one transaction. Returns `{epic, tasks, subtasks, criteria, dependencies,
 * mappings, skipped, counts, auto, warnings}`.
 */
export function createEpicWithSpecs(ctx: Ctx, input: EpicWithSpecsInput) {
  const title = cleanLine("title", input.title, LIMITS.title);
  const description = cleanBlock("description", input.description ?? "", LIMITS.description);
  const status = statusOf(input.status);
  const priority = priorityOf(input.priority);
  if (input.before !== undefined && input.after !== undefined) {
    throw new CairnError("conflicting_options", "Options --before and --after cannot be combined", {
      options: ["--before", "--after"],
    });
  }
  return write(ctx, (tx) => {
    const anchor = input.before ?? input.after;
    const place = anchor === undefined ? null : planRelative(
      tx,
      { kind: "epic", parentColumn: null, parentId: null },
      resolveId(tx.store, anchor, ["epic"]).id,
      input.before !== undefined ? "before" : "after",
      null,
    );
    const epicId = allocateIds(tx, "epic", 1, new Set())[0]!;
    const plan = planOf(tx, input, {
      epicId: null,
      newEpicId: epicId,
      parentTask: null,
      keysAllowed: true,
    });
    insertEpic(tx, {
      id: epicId,
      title,
      description,
      status,
      priority,
      ...(place ? { position: place.position } : {}),
    });
    place?.renumber?.(tx.firstEventId);
    const a = applyPlan(tx, plan, epicId);
    const epic = tx.store.get<EpicRow>("SELECT * FROM epics WHERE id = ?", epicId)!;
    return resultOf({ epic: epicRecord(epic) }, a, ["tasks", "subtasks", "criteria"]);
  });
}

/** Input of `epic expand`. */
export interface ExpandEpicInput extends SpecLists {
  /** Epic id or prefix. */
  epic: string;
}

/**
 * `epic expand` (SPEC §9.3.2): adds tasks, subtasks, criteria and edges to
 * an existing epic in one transaction; data as `epic create` with `epicId`.
 */
export function expandEpic(ctx: Ctx, input: ExpandEpicInput) {
  if (!SPEC_KEYS.some((k) => input[k]?.length)) {
    throw new CairnError("missing_argument", "Give at least one spec", { anyOf: SPEC_OPTIONS });
  }
  return write(ctx, (tx) => {
    const epicId = resolveId(tx.store, input.epic, ["epic"]).id;
    const a = applyPlan(tx, planOf(tx, input, epicScope(epicId)), epicId);
    return resultOf({ epicId }, a, ["tasks", "subtasks", "criteria"]);
  });
}

/** Input of `task create-many`. */
export interface CreateTasksManyInput {
  epic: string;
  tasks: readonly string[];
  criteria?: readonly string[];
  deps?: readonly string[];
}

/**
 * `task create-many` (SPEC §9.4.2): tasks appended to the epic in spec
 * order, with criteria and edges that may use the temp keys.
 */
export function createTasksMany(ctx: Ctx, input: CreateTasksManyInput) {
  requireSpecs(input.tasks, "--task");
  return write(ctx, (tx) => {
    const epicId = resolveId(tx.store, input.epic, ["epic"]).id;
    const lists = { tasks: input.tasks, criteria: input.criteria, deps: input.deps };
    const a = applyPlan(tx, planOf(tx, lists, epicScope(epicId)), epicId);
    return resultOf({ epicId }, a, ["tasks", "criteria"]);
  });
}

/** Input of `subtask create-many`. */
export interface CreateSubtasksManyInput {
  /** Parent task id or prefix. */
  task: string;
  subtasks: readonly string[];
  deps?: readonly string[];
}

/** `subtask create-many` (SPEC §9.5): subtasks appended to one task in spec order. */
export function createSubtasksMany(ctx: Ctx, input: CreateSubtasksManyInput) {
  requireSpecs(input.subtasks, "--subtask");
  return write(ctx, (tx) => {
    const taskId = resolveId(tx.store, input.task, ["task"]).id;
    const row = tx.store.get<Pick<TaskRow, "epic_id" | "status">>(
      "SELECT epic_id, status FROM tasks WHERE id = ?",
      taskId,
    )!;
    const parentTask: Target = {
      id: taskId,
      kind: "task",
      isNew: false,
      status: row.status,
      epicId: row.epic_id,
    };
    const lists = { subtasks: input.subtasks, deps: input.deps };
    const plan = planOf(tx, lists, {
      epicId: row.epic_id,
      newEpicId: row.epic_id,
      parentTask,
      keysAllowed: true,
    });
    const a = applyPlan(tx, plan, row.epic_id);
    return resultOf({ taskId }, a, ["subtasks"]);
  });
}

/**
 * `dep add-many` (SPEC §9.6): many edges between existing items (ids or
 * prefixes only), skipping existing and repeated ones, cycle-checked at once.
 */
export function addDependenciesMany(ctx: Ctx, input: { deps: readonly string[] }) {
  requireSpecs(input.deps, "--dep");
  return write(ctx, (tx) => {
    const plan = planOf(tx, { deps: input.deps }, {
      epicId: null,
      newEpicId: null,
      parentTask: null,
      keysAllowed: false,
    });
    const a = applyPlan(tx, plan, null);
    return {
      dependencies: a.dependencies,
      created: a.dependencies.length,
      skipped: a.skipped,
      warnings: a.warnings,
    };
  });
}
