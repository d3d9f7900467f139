/**
 * Batch processing up to the first write (SPEC §10.5 steps 1–5): parse,
 * check keys, allocate ids, resolve every reference, mark skipped edges,
 * then fail with `invalid_spec` or `dependency_cycle` — or hand back a plan
 * that `applyPlan` writes. Runs inside the command's write transaction.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import { type IdKind, newId } from "../ids.ts";
import type { Status } from "../records.ts";
import type { Tx } from "../store/tx.ts";
import { TABLE_OF } from "../items/tables.ts";
import { findBatchCycles, type NewEdge } from "./cycles.ts";
import { type ParsedBatch, sortIssues } from "./parse.ts";
import { collectKeys, type NewItem, RefResolver, type Target } from "./refs.ts";
import { BATCH_LIMITS, type CriterionSpec, type Issue } from "./spec.ts";

/** Where the batch's new items go. */
export interface PlanScope {
  /** Epic that parent and criterion references must belong to (null: a new epic). */
  epicId: string | null;
  /** Epic of the new tasks and subtasks (the new epic's id on create). */
  newEpicId: string | null;
  /** Parent of every `--subtask` (subtask create-many), else null. */
  parentTask: Target | null;
  keysAllowed: boolean;
}

/** A skipped dependency spec (SPEC §10.6). */
export interface Skipped {
  index: number;
  sourceId: string;
  dependsOnId: string;
  reason: "exists" | "duplicate";
}

/** Everything a valid batch will write, in order. */
export interface Plan {
  tasks: NewItem[];
  subtasks: (NewItem & { parent: Target })[];
  criteria: { spec: CriterionSpec; task: Target }[];
  edges: { index: number; source: Target; dependsOn: Target }[];
  skipped: Skipped[];
}

/**
 * `count` fresh ids of one kind: neither live, tombstoned, nor already in
 * `used` (which they join). One query checks each round of draws.
 */
export function allocateIds(
  tx: Tx,
  kind: IdKind & ("epic" | "task" | "subtask"),
  count: number,
  used: Set<string>,
): string[] {
  const ids: string[] = [];
  const taken = `SELECT id FROM ${TABLE_OF[kind]} WHERE id IN (SELECT value FROM json_each(?1))
    UNION ALL SELECT item_id FROM tombstones WHERE item_id IN (SELECT value FROM json_each(?1))`;
  while (ids.length < count) {
    const drawn = new Set<string>();
    while (drawn.size < count - ids.length) {
      const id = newId(kind);
      if (!used.has(id)) drawn.add(id);
    }
    for (const r of tx.store.all<{ id: string }>(taken, JSON.stringify([...drawn]))) {
      drawn.delete(r.id);
    }
    for (const id of drawn) {
      used.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/** Throws `invalid_spec` with at most 100 issues in option, then index order. */
export function throwIssues(issues: Issue[]): never {
  const sorted = sortIssues(issues);
  const first = sorted[0]!;
  const more = sorted.length > 1
    ? ` (and ${sorted.length - 1} more issue${sorted.length > 2 ? "s" : ""})`
    : "";
  throw new CairnError("invalid_spec", `Invalid batch spec: ${first.message}${more}`, {
    issues: sorted.slice(0, BATCH_LIMITS.issues),
    total: sorted.length,
  });
}

/** Resolves the `--dep` specs: new edges, skips (exists / duplicate). */
function planEdges(tx: Tx, parsed: ParsedBatch, refs: RefResolver, issues: Issue[]) {
  const edges: Plan["edges"] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  for (const dep of parsed.deps) {
    if (dep.source === "" && dep.dependsOn === "") continue;
    const source = dep.source === "" ? null : refs.resolve(dep, 1, dep.source, "dep", issues);
    const dependsOn = dep.dependsOn === ""
      ? null
      : refs.resolve(dep, 2, dep.dependsOn, "dep", issues);
    if (!source || !dependsOn) continue;
    const pair = `${source.id}>${dependsOn.id}`;
    const base = { index: dep.index, sourceId: source.id, dependsOnId: dependsOn.id };
    if (seen.has(pair)) skipped.push({ ...base, reason: "duplicate" });
    else if (
      !source.isNew && !dependsOn.isNew &&
      tx.store.get(
        "SELECT 1 FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
        source.id,
        dependsOn.id,
      )
    ) skipped.push({ ...base, reason: "exists" });
    else edges.push({ index: dep.index, source, dependsOn });
    seen.add(pair);
  }
  return { edges, skipped };
}

/** The stored edges reachable from a JSON list of items, following `depends on`. */
const REACHABLE_EDGES_SQL = `WITH RECURSIVE reach(id) AS (
    SELECT value FROM json_each(?)
    UNION SELECT d.depends_on_id FROM dependencies d JOIN reach r ON d.source_id = r.id)
  SELECT d.source_id AS s, d.depends_on_id AS d FROM reach r JOIN dependencies d ON d.source_id = r.id`;

/** Throws `dependency_cycle` when the new edges close a cycle (§7 rule 12). */
function checkCycles(tx: Tx, edges: Plan["edges"], labels: Map<string, string>): void {
  if (edges.length === 0) return;
  const added: NewEdge[] = edges.map((e) => ({
    index: e.index,
    sourceId: e.source.id,
    dependsOnId: e.dependsOn.id,
  }));
  // A new cycle runs through some new edge and back along stored edges that
  // start where a new edge points: only stored edges reachable from the
  // stored targets of new edges can close one, so only those are loaded.
  const targets = [...new Set(edges.filter((e) => !e.dependsOn.isNew).map((e) => e.dependsOn.id))];
  const existing = targets.length
    ? tx.store.all<{ s: string; d: string }>(REACHABLE_EDGES_SQL, JSON.stringify(targets))
      .map((r) => [r.s, r.d] as const)
    : [];
  const found = findBatchCycles(existing, added);
  if (found.length === 0) return;
  const first = found[0]!;
  const label = (id: string) => labels.get(id) ?? id;
  const what = first.reason === "self"
    ? `--dep ${first.index} makes ${label(first.sourceId)} depend on itself`
    : `--dep ${first.index} would close the cycle ${first.path.map(label).join(" > ")}`;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : "";
  throw new CairnError("dependency_cycle", `Cannot add the dependencies: ${what}${more}`, {
    reason: "batch",
    issues: found,
  });
}

/**
 * Validates a parsed batch against the database inside `tx` and returns
 * what to write. Throws `invalid_spec` (all issues) or `dependency_cycle`;
 * nothing is written either way.
 */
export function planBatch(tx: Tx, parsed: ParsedBatch, scope: PlanScope): Plan {
  const issues = [...parsed.issues];
  const used = new Set<string>();
  const taskIds = allocateIds(tx, "task", parsed.tasks.length, used);
  const subtaskIds = allocateIds(tx, "subtask", parsed.subtasks.length, used);
  const tasks: NewItem[] = parsed.tasks.map((spec, i) => ({ kind: "task", spec, id: taskIds[i]! }));
  const subtaskItems: NewItem[] = parsed.subtasks.map((spec, i) => ({
    kind: "subtask",
    spec,
    id: subtaskIds[i]!,
  }));
  const keys = collectKeys([...tasks, ...subtaskItems], issues);
  const refs = new RefResolver(tx.store, {
    keys,
    epicId: scope.epicId,
    newEpicId: scope.newEpicId,
    keysAllowed: scope.keysAllowed,
  });
  const subtasks: Plan["subtasks"] = [];
  for (const item of subtaskItems) {
    const raw = item.spec.parentRef;
    const parent = scope.parentTask ??
      (raw ? refs.resolve(item.spec, 1, raw, "parent", issues) : null);
    if (parent) subtasks.push({ ...item, parent });
  }
  const criteria: Plan["criteria"] = [];
  for (const spec of parsed.criteria) {
    if (spec.taskRef === "") continue;
    const task = refs.resolve(spec, 1, spec.taskRef, "criterion", issues);
    if (task) criteria.push({ spec, task });
  }
  const { edges, skipped } = planEdges(tx, parsed, refs, issues);
  if (issues.length) throwIssues(issues);
  const labels = new Map([...keys].map(([key, item]) => [item.id, `@${key}`]));
  checkCycles(tx, edges, labels);
  return { tasks, subtasks, criteria, edges, skipped };
}

/** Statuses that may trigger epic rules, in first-seen order (each status once suffices). */
export function triggeringStatuses(plan: Plan): Status[] {
  const out: Status[] = [];
  const add = (s: Status) => {
    if (!out.includes(s)) out.push(s);
  };
  for (const t of plan.tasks) add(t.spec.status);
  for (const s of plan.subtasks) {
    if (s.spec.status === "in_progress" || s.spec.status === "done") add(s.spec.status);
  }
  return out;
}
