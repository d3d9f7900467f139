/**
 * Import, step 2 (SPEC §12.4): checks against the database, run inside the
 * write transaction: references, deleted ids, external items and cycles in
 * database ∪ file.
 *
 * @module
 */
import { behindCycles } from "../batch/cycles.ts";
import type { Store } from "../store/store.ts";
import type { ImportDoc, Issues } from "./import_shape.ts";

const TABLE: Record<string, string> = { e: "epics", t: "tasks", s: "subtasks", c: "criteria" };

function live(store: Store, id: string): boolean {
  return store.get(`SELECT 1 FROM ${TABLE[id[0]!]} WHERE id = ?`, id) !== undefined;
}

function deleted(store: Store, id: string): boolean {
  return store.get("SELECT 1 FROM tombstones WHERE item_id = ?", id) !== undefined;
}

/** Adds the database issues of a shape-checked document. */
export function checkAgainstDb(store: Store, doc: ImportDoc, issues: Issues): void {
  const inFile = new Set<string>();
  for (const list of [doc.epics, doc.tasks, doc.subtasks, doc.criteria]) {
    for (const r of list) {
      inFile.add(r.id);
      if (deleted(store, r.id)) {
        issues.add(
          `${r.ptr}/id`,
          r.id,
          "id_deleted",
          `"${r.id}" was deleted; deleted ids are never reused`,
        );
      }
    }
  }
  const reference = (ptr: string, owner: string | null, id: string) => {
    if (inFile.has(id) || doc.rejected.has(id) || live(store, id)) return;
    if (deleted(store, id)) issues.add(ptr, owner, "id_deleted", `"${id}" was deleted`);
    else {issues.add(
        ptr,
        owner,
        "missing_reference",
        `"${id}" is neither in the file nor in the database`,
      );}
  };
  for (const r of doc.tasks) {
    if (r.cols.epic_id) reference(`${r.ptr}/epicId`, r.id, r.cols.epic_id as string);
  }
  for (const r of [...doc.subtasks, ...doc.criteria]) {
    if (r.cols.task_id) reference(`${r.ptr}/taskId`, r.id, r.cols.task_id as string);
  }
  for (const e of doc.edges) {
    reference(`${e.ptr}/sourceId`, null, e.sourceId);
    reference(`${e.ptr}/dependsOnId`, null, e.dependsOnId);
  }
  for (const x of doc.external) {
    if (!live(store, x.id)) {
      issues.add(x.ptr, x.id, "external_missing", `External item "${x.id}" is not in the database`);
    }
  }
  checkCycles(store, doc, issues);
}

/**
 * Kahn's algorithm in both directions over database ∪ file edges: what is
 * left in both is on a cycle. Each file edge inside that rest is an issue.
 */
function checkCycles(store: Store, doc: ImportDoc, issues: Issues): void {
  const pairs: [string, string][] = store.all<{ s: string; d: string }>(
    "SELECT source_id AS s, depends_on_id AS d FROM dependencies",
  ).map((r) => [r.s, r.d]);
  for (const e of doc.edges) {
    if (e.sourceId !== e.dependsOnId) pairs.push([e.sourceId, e.dependsOnId]);
  }
  const forward = behindCycles(pairs);
  if (forward.size === 0) return;
  const backward = behindCycles(pairs.map(([s, d]) => [d, s]));
  const onCycle = new Set([...forward].filter((id) => backward.has(id)));
  // Edges already in the database are acyclic on their own: the new ones close the cycles.
  const known = (e: { sourceId: string; dependsOnId: string }) =>
    store.get(
      "SELECT 1 FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
      e.sourceId,
      e.dependsOnId,
    ) !== undefined;
  for (const e of doc.edges) {
    if (onCycle.has(e.sourceId) && onCycle.has(e.dependsOnId) && !known(e)) {
      issues.add(
        e.ptr,
        `${e.sourceId}>${e.dependsOnId}`,
        "cycle",
        `"${e.sourceId}" depends on "${e.dependsOnId}", which closes a dependency cycle`,
      );
    }
  }
}
