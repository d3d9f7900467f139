/**
 * `sync conflicts resolve` (SPEC §14.7): a `field` conflict is settled by a
 * `resolve` event that writes the chosen value (even when the field already
 * holds it, so other replicas close their mirror conflict); `delete_edit` and
 * `cycle` conflicts are acknowledged locally.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError } from "../errors.ts";
import { patchRow } from "../items/patch.ts";
import { COLUMN_OF, storedValue } from "../items/tables.ts";
import { resolveId } from "../resolve.ts";
import type { Tx } from "../store/tx.ts";
import { read, write } from "../store/tx.ts";
import {
  deleteEdgeRaw,
  edgeExists,
  insertEdgeRaw,
  isLive,
  rowKindOf,
  rowOf,
} from "./apply_rows.ts";
import { type ConflictRow, currentValue, itemFilter } from "./conflicts.ts";
import { validValue } from "./values.ts";

/** Input of a resolution. */
export interface ResolveInput {
  id?: string;
  all?: boolean;
  item?: string;
  field?: string;
  use: "ours" | "theirs";
  dryRun?: boolean;
}

/** Data of `sync conflicts resolve`. */
export interface ResolveData {
  resolved: string[];
  dataChanged: boolean;
  events: string[];
}

function checkInput(input: ResolveInput): void {
  if (input.id !== undefined && input.all) {
    throw new CairnError("conflicting_options", "Give a conflict id or --all, not both", {
      options: ["<conflict>", "--all"],
    });
  }
  if (input.id === undefined && !input.all) {
    throw new CairnError("missing_argument", "Name a conflict, or pass --all", {
      anyOf: ["<conflict>", "--all"],
    });
  }
  for (const opt of ["item", "field"] as const) {
    if (input[opt] !== undefined && !input.all) {
      throw new CairnError("missing_argument", `--${opt} requires --all`, {
        option: "--all",
        requiredBy: `--${opt}`,
      });
    }
  }
}

function targets(ctx: Ctx, input: ResolveInput): ConflictRow[] {
  const store = ctx.store;
  if (input.id !== undefined) {
    const { id } = resolveId(store, input.id, ["conflict"]);
    const row = store.get<ConflictRow>("SELECT * FROM conflicts WHERE id = ?", id)!;
    if (row.status === "resolved") {
      throw new CairnError("already_resolved", `Conflict "${id}" is already resolved`, {
        id,
        resolution: row.resolution,
        resolvedBy: row.resolved_by,
        resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at).toISOString(),
      });
    }
    return [row];
  }
  const item = input.item ? itemFilter(store, input.item) : null;
  return store.all<ConflictRow>(
    `SELECT * FROM conflicts WHERE status = 'pending' ${item ? "AND item_id = ?" : ""} ${
      input.field ? "AND field = ?" : ""
    } ORDER BY created_at DESC, id DESC`,
    ...[item, input.field ?? null].filter((x): x is string => x !== null),
  );
}

function chosenOf(row: ConflictRow, use: "ours" | "theirs"): unknown {
  const text = use === "ours" ? row.ours : row.theirs;
  return text === null ? null : JSON.parse(text);
}

/** Resolves one conflict, or every matching one with `all`. */
export function resolveConflicts(
  ctx: Ctx,
  input: ResolveInput,
): ResolveData | { wouldResolve: unknown[] } {
  checkInput(input);
  if (input.dryRun) {
    return read(ctx, () => ({
      wouldResolve: targets(ctx, input).map((r) => ({
        id: r.id,
        field: r.field,
        current: currentValue(ctx.store, r),
        chosen: chosenOf(r, input.use),
      })),
    }));
  }
  return write(ctx, (tx) => {
    const out: ResolveData = { resolved: [], dataChanged: false, events: [] };
    const done = new Set<string>();
    for (const row of targets(ctx, input)) {
      if (done.has(row.id)) continue;
      const group = row.kind === "field"
        ? tx.store.all<ConflictRow>(
          "SELECT * FROM conflicts WHERE status = 'pending' AND kind = 'field' AND item_id = ? AND field = ?",
          row.item_id,
          row.field!,
        )
        : [row];
      const event = row.kind === "field" ? writeChoice(tx, row, group, input.use, out) : null;
      if (event) out.events.push(event);
      for (const g of group) {
        tx.store.run(
          `UPDATE conflicts SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ?,
             resolution_event = ? WHERE id = ?`,
          input.use,
          tx.ctx.actor(),
          tx.now,
          event,
          g.id,
        );
        done.add(g.id);
        out.resolved.push(g.id);
      }
    }
    return out;
  });
}

/** Writes the chosen value with a `resolve` event; null when the item is gone. */
function writeChoice(
  tx: Tx,
  row: ConflictRow,
  group: ConflictRow[],
  use: "ours" | "theirs",
  out: ResolveData,
): string | null {
  const chosen = chosenOf(row, use);
  const resolves = [
    ...new Set(
      group.flatMap((g) => [g.ours_event, g.theirs_event]).filter((e): e is string => !!e),
    ),
  ];
  const field = row.field!;
  const kind = rowKindOf(row.item_id);
  const current = currentValue(tx.store, row);
  if (!kind) {
    const [s, d] = row.item_id.split(">") as [string, string];
    if (chosen === true && !edgeExists(tx.store, s, d)) {
      if (!isLive(tx.store, s) || !isLive(tx.store, d)) return null;
      insertEdgeRaw(tx.store, s, d, tx.now, tx.ctx.actor());
      out.dataChanged = true;
    } else if (chosen === false && edgeExists(tx.store, s, d)) {
      deleteEdgeRaw(tx.store, s, d);
      out.dataChanged = true;
    }
    return resolveEvent(tx, row.item_id, "dependency", field, current, chosen, resolves);
  }
  const before = rowOf(tx.store, kind, row.item_id);
  if (!before) return null;
  const col = COLUMN_OF[field]!;
  const value = storedValue(col, chosen);
  if (
    !validValue(col, value) ||
    ((col === "epic_id" || col === "task_id") && !isLive(tx.store, value as string))
  ) {
    throw new CairnError(
      "invalid_input",
      `The ${use} value of conflict "${row.id}" is no longer valid for ${field}`,
      {
        id: row.id,
        field,
        value: chosen,
      },
    );
  }
  if (before[col] === value) {
    return resolveEvent(tx, row.item_id, kind, field, current, chosen, resolves);
  }
  const { event } = patchRow(tx, {
    kind,
    id: row.item_id,
    before,
    set: { [col]: value },
    op: "resolve",
    resolves,
  });
  out.dataChanged = true;
  return event?.id ?? null;
}

function resolveEvent(
  tx: Tx,
  itemId: string,
  itemKind: "epic" | "task" | "subtask" | "criterion" | "dependency",
  field: string,
  current: unknown,
  chosen: unknown,
  resolves: string[],
): string {
  return tx.event({
    itemId,
    itemKind,
    op: "resolve",
    changes: [{ field, old: current, new: chosen }],
    resolves,
  }).id;
}
