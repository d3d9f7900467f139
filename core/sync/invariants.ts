/**
 * The post-pull invariant check (SPEC §14.6 rule 7, doctor's
 * `graph.invariants`) on the items a pull touched.
 *
 * @module
 */
import type { Warning } from "../errors.ts";
import { openTasksOf, unresolvedPrerequisites } from "../status.ts";
import type { Store } from "../store/store.ts";

/** Inconsistencies among touched items, as `invariant` warnings. */
export function touchedInvariants(store: Store, touched: Iterable<string>): Warning[] {
  const waiting: string[] = [];
  const epics = new Set<string>();
  for (const id of touched) {
    if (id.startsWith("e-")) epics.add(id);
    if (!id.startsWith("t-") && !id.startsWith("s-")) continue;
    const table = id.startsWith("t-") ? "tasks" : "subtasks";
    const row = store.get<{ status: string; epic_id?: string }>(
      `SELECT status${table === "tasks" ? ", epic_id" : ""} FROM ${table} WHERE id = ?`,
      id,
    );
    if (!row) continue;
    if (row.epic_id) epics.add(row.epic_id);
    if (
      (row.status === "in_progress" || row.status === "done") &&
      unresolvedPrerequisites(store, id).length
    ) {
      waiting.push(id);
    }
  }
  const doneEpics = [...epics].filter((id) =>
    store.get<{ status: string }>("SELECT status FROM epics WHERE id = ?", id)?.status === "done" &&
    openTasksOf(store, id).length > 0
  );
  const out: Warning[] = [];
  if (waiting.length) {
    out.push({
      code: "invariant",
      message:
        `${waiting.length} in-progress or done item(s) have unfinished prerequisites after the pull`,
      ids: waiting.sort(),
    });
  }
  if (doneEpics.length) {
    out.push({
      code: "invariant",
      message: `${doneEpics.length} done epic(s) have open tasks after the pull`,
      ids: doneEpics.sort(),
    });
  }
  return out;
}
