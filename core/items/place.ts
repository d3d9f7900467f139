/**
 * `--before` / `--after` placement of a new item among its siblings
 * (SPEC §5.5, §9.3.1, §9.4.1, §9.5).
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import { planRelative, type RelativePlan, type Siblings } from "../positions.ts";
import type { Tx } from "../store/tx.ts";
import { loadRow } from "./rows.ts";

/** Where to put a new item: next to a sibling, or appended (undefined). */
export interface Placement {
  before?: string;
  after?: string;
}

/**
 * The position of a new item placed before/after a sibling of the same
 * parent (with the renumbering to apply after the item's create event), or
 * undefined to append. A sibling of another parent is `invalid_input`.
 */
export function placementPosition(
  tx: Tx,
  s: Siblings,
  p: Placement,
): RelativePlan | undefined {
  if (p.before !== undefined && p.after !== undefined) {
    throw new CairnError("conflicting_options", "Options --before and --after cannot be combined", {
      options: ["--before", "--after"],
    });
  }
  const raw = p.before ?? p.after;
  if (raw === undefined) return undefined;
  const anchor = loadRow(tx.store, s.kind as "epic" | "task" | "subtask", raw) as unknown as Record<
    string,
    unknown
  >;
  if (s.parentColumn && anchor[s.parentColumn] !== s.parentId) {
    const parent = s.parentColumn === "epic_id" ? "epic" : "task";
    throw new CairnError(
      "invalid_input",
      `"${anchor.id}" belongs to another ${parent}; --${
        p.before !== undefined ? "before" : "after"
      } must name a ${s.kind} of ${parent} "${s.parentId}"`,
      { id: anchor.id, [`${parent}Id`]: s.parentId },
    );
  }
  return planRelative(
    tx,
    s,
    anchor.id as string,
    p.before !== undefined ? "before" : "after",
    null,
  );
}
