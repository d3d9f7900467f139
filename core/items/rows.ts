/**
 * Reading item rows by id, resolved by prefix (SPEC §5.2), in the shapes of
 * core/records.ts.
 *
 * @module
 */
import {
  CRITERION_COLUMNS,
  type CriterionRow,
  EPIC_COLUMNS,
  type EpicRow,
  SUBTASK_COLUMNS,
  type SubtaskRow,
  TASK_COLUMNS,
  type TaskRow,
} from "../records.ts";
import { resolveId } from "../resolve.ts";
import type { Store } from "../store/store.ts";

/** Row type of each item kind. */
export interface RowOf {
  epic: EpicRow;
  task: TaskRow;
  subtask: SubtaskRow;
  criterion: CriterionRow;
}

/** One row kind. */
export type ItemRowKind = keyof RowOf;

const SELECT: Record<ItemRowKind, string> = {
  epic: `SELECT ${EPIC_COLUMNS} FROM epics e WHERE e.id = ?`,
  task: `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ?`,
  subtask: `SELECT ${SUBTASK_COLUMNS} FROM subtasks s WHERE s.id = ?`,
  criterion: `SELECT ${CRITERION_COLUMNS} FROM criteria c WHERE c.id = ?`,
};

/** The row of a full id, or undefined. */
export function rowOf<K extends ItemRowKind>(
  store: Store,
  kind: K,
  id: string,
): RowOf[K] | undefined {
  return store.get<RowOf[K]>(SELECT[kind], id);
}

/** Resolves an id argument of one kind and reads its row (`not_found`, `ambiguous_id`, ...). */
export function loadRow<K extends ItemRowKind>(store: Store, kind: K, raw: string): RowOf[K] {
  const { id } = resolveId(store, raw, [kind]);
  return rowOf(store, kind, id)!;
}

/** The kind of a full item id by its prefix letter. */
export function kindOf(id: string): ItemRowKind {
  return id.startsWith("e-")
    ? "epic"
    : id.startsWith("t-")
    ? "task"
    : id.startsWith("s-")
    ? "subtask"
    : "criterion";
}
