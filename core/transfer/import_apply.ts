/**
 * Import, step 3 (SPEC §12.4): create absent records with their own ids,
 * positions and instants; update differing ones field by field; add absent
 * edges. Statuses are restored as given; inconsistencies become warnings.
 *
 * @module
 */
import type { Warning } from "../errors.ts";
import {
  insertCriterion,
  insertEdge,
  insertEpic,
  insertSubtask,
  insertTask,
} from "../items/insert.ts";
import { patchRow } from "../items/patch.ts";
import type { RowKind } from "../items/tables.ts";
import type { Status } from "../records.ts";
import { openTasksOf, unresolvedPrerequisites } from "../status.ts";
import type { Tx } from "../store/tx.ts";
import type { ImportDoc, Rec } from "./import_shape.ts";

/** Per-kind outcome counts. */
export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Data counts of an import. */
export interface ImportCounts {
  epics: Counts;
  tasks: Counts;
  subtasks: Counts;
  criteria: Counts;
  dependencies: { created: number; unchanged: number };
}

const TABLES: Record<RowKind, string> = {
  epic: "epics",
  task: "tasks",
  subtask: "subtasks",
  criterion: "criteria",
};

/** Columns compared and updated for records that already exist (creation instants are identity). */
const UPDATABLE: Record<RowKind, string[]> = {
  epic: ["title", "description", "status", "priority", "position", "completed_at"],
  task: [
    "epic_id",
    "title",
    "description",
    "status",
    "priority",
    "owner",
    "claimed_at",
    "position",
    "completed_at",
  ],
  subtask: [
    "task_id",
    "title",
    "description",
    "status",
    "owner",
    "claimed_at",
    "position",
    "completed_at",
  ],
  criterion: ["task_id", "text", "checked", "evidence", "checked_at", "checked_by", "position"],
};

function counts(): Counts {
  return { created: 0, updated: 0, unchanged: 0 };
}

function create(tx: Tx, kind: RowKind, r: Rec): void {
  const c = r.cols;
  const base = {
    id: r.id,
    position: c.position as number,
    createdAt: c.created_at as number,
  };
  const item = {
    title: c.title as string,
    description: c.description as string,
    status: c.status as Status,
    completedAt: c.completed_at as number | null,
  };
  if (kind === "epic") insertEpic(tx, { ...base, ...item, priority: c.priority as number });
  else if (kind === "task") {
    insertTask(tx, {
      ...base,
      ...item,
      epicId: c.epic_id as string,
      priority: c.priority as number,
      owner: c.owner as string | null,
      claimedAt: c.claimed_at as number | null,
    });
  } else if (kind === "subtask") {
    insertSubtask(tx, {
      ...base,
      ...item,
      taskId: c.task_id as string,
      owner: c.owner as string | null,
      claimedAt: c.claimed_at as number | null,
    });
  } else {
    insertCriterion(tx, {
      ...base,
      taskId: c.task_id as string,
      text: c.text as string,
      checked: c.checked === 1,
      evidence: c.evidence as string | null,
      checkedAt: c.checked_at as number | null,
      checkedBy: c.checked_by as string | null,
    });
  }
}

function upsert(tx: Tx, kind: RowKind, r: Rec, n: Counts): void {
  const before = tx.store.get<Record<string, unknown>>(
    `SELECT * FROM ${TABLES[kind]} WHERE id = ?`,
    r.id,
  );
  if (!before) {
    create(tx, kind, r);
    n.created++;
    return;
  }
  const set: Record<string, unknown> = {};
  for (const col of UPDATABLE[kind]) set[col] = r.cols[col] ?? null;
  const { changed } = patchRow(tx, { kind, id: r.id, before, set });
  if (changed.length) n.updated++;
  else n.unchanged++;
}

/** Applies a validated document inside the caller's write transaction. */
export function applyImport(tx: Tx, doc: ImportDoc): { counts: ImportCounts; warnings: Warning[] } {
  const result: ImportCounts = {
    epics: counts(),
    tasks: counts(),
    subtasks: counts(),
    criteria: counts(),
    dependencies: { created: 0, unchanged: 0 },
  };
  for (const r of doc.epics) upsert(tx, "epic", r, result.epics);
  for (const r of doc.tasks) upsert(tx, "task", r, result.tasks);
  for (const r of doc.subtasks) upsert(tx, "subtask", r, result.subtasks);
  for (const r of doc.criteria) upsert(tx, "criterion", r, result.criteria);
  for (const e of doc.edges) {
    const row = insertEdge(tx, e.sourceId, e.dependsOnId, {
      createdAt: e.createdAt ?? undefined,
      createdBy: e.createdBy ?? undefined,
    });
    if (row) result.dependencies.created++;
    else result.dependencies.unchanged++;
  }
  return { counts: result, warnings: inconsistencies(tx, doc) };
}

/** In-progress/done items with open prerequisites, and done epics with open tasks. */
function inconsistencies(tx: Tx, doc: ImportDoc): Warning[] {
  const warnings: Warning[] = [];
  const waiting = [...doc.tasks, ...doc.subtasks]
    .filter((r) => r.cols.status === "in_progress" || r.cols.status === "done")
    .filter((r) => unresolvedPrerequisites(tx.store, r.id).length > 0)
    .map((r) => r.id);
  if (waiting.length) {
    warnings.push({
      code: "prerequisite_open",
      message: `${waiting.length} in-progress or done item(s) have unfinished prerequisites`,
      ids: waiting,
    });
  }
  const epics = doc.epics.filter((r) =>
    r.cols.status === "done" && openTasksOf(tx.store, r.id).length > 0
  )
    .map((r) => r.id);
  if (epics.length) {
    warnings.push({
      code: "children_open",
      message: `${epics.length} done epic(s) have open tasks`,
      ids: epics,
    });
  }
  return warnings;
}
