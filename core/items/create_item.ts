/**
 * The create flow shared by `epic|task|subtask create` (SPEC §9.3.1, §9.4.1,
 * §9.5): resolve the parent, clean the text fields, place among siblings,
 * insert with its create event, then apply the epic rules.
 *
 * @module
 */
import type { Status } from "../records.ts";
import type { AutoTransition } from "../status.ts";
import type { Tx } from "../store/tx.ts";
import { cleanBlock, cleanLine, cleanOwner, LIMITS } from "../text.ts";
import { insertEpic, insertSubtask, insertTask } from "./insert.ts";
import { type Placement, placementPosition } from "./place.ts";
import { loadRow, type RowOf, rowOf } from "./rows.ts";
import { epicRulesAfter } from "./status_set.ts";
import type { UpdateKind } from "./update.ts";

/** Fields of a new epic, task or subtask (raw text; `parent` is the epic or task id). */
export interface NewItemInput extends Placement {
  parent?: string;
  title: string;
  description?: string;
  status?: Status;
  priority?: number;
  owner?: string;
}

const PARENT = {
  epic: null,
  task: { kind: "epic", column: "epic_id" },
  subtask: { kind: "task", column: "task_id" },
} as const;

/** The cleaned columns of a new item at its planned position. */
interface NewValues {
  title: string;
  description: string;
  status: Status;
  priority?: number;
  owner: string | null;
  position?: number;
}

function insertOf(tx: Tx, kind: UpdateKind, parent: { id: string } | null, v: NewValues) {
  if (kind === "epic") return insertEpic(tx, v);
  if (kind === "task") return insertTask(tx, { ...v, epicId: parent!.id });
  return insertSubtask(tx, { ...v, taskId: parent!.id });
}

/**
 * Validates and inserts one new item inside `tx` (appended, or placed
 * before/after a sibling of the same parent); returns its row as re-read and
 * the epic auto-transitions it caused (subtasks only auto-start, SPEC §6.6).
 */
export function insertNewItem<K extends UpdateKind>(
  tx: Tx,
  kind: K,
  input: NewItemInput,
): { row: RowOf[K]; auto: AutoTransition[] } {
  const link = PARENT[kind];
  const parent = link &&
    loadRow(tx.store, link.kind, input.parent!) as RowOf["task"] | RowOf["epic"];
  const status = input.status ?? "todo";
  const values: NewValues = {
    title: cleanLine("title", input.title, LIMITS.title),
    description: cleanBlock("description", input.description ?? "", LIMITS.description),
    owner: input.owner === undefined ? null : cleanOwner(input.owner),
    status,
    priority: input.priority,
  };
  const plan = placementPosition(
    tx,
    { kind, parentColumn: link?.column ?? null, parentId: parent?.id ?? null },
    input,
  );
  const row = insertOf(tx, kind, parent, { ...values, position: plan?.position });
  const created = tx.written.at(-1)!.id;
  plan?.renumber?.(created);
  const auto = kind === "epic" ? [] : epicRulesAfter(tx, kind, {
    epicId: kind === "task" ? parent!.id : (parent as RowOf["task"]).epic_id,
    status,
    cause: created,
  });
  return { row: rowOf(tx.store, kind, row.id as string)!, auto };
}
