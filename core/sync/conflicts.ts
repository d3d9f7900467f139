/**
 * `sync conflicts list|show` (SPEC §14.7–14.8): conflict records with both
 * sides, the events behind them and the item they concern.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { cursorOffset, type Page, pageAfter } from "../paging.ts";
import { ref } from "../records.ts";
import { resolveId } from "../resolve.ts";
import type { Store } from "../store/store.ts";
import { read } from "../store/tx.ts";
import { iso } from "../time.ts";
import { COLUMN_OF, outputValue, TABLE_OF } from "../items/tables.ts";
import { rowKindOf } from "./apply_rows.ts";

/** A stored conflict row. */
export interface ConflictRow {
  id: string;
  kind: "field" | "delete_edit" | "cycle";
  item_id: string;
  item_kind: string;
  field: string | null;
  ours: string | null;
  ours_event: string | null;
  theirs: string | null;
  theirs_event: string | null;
  details: string;
  status: "pending" | "resolved";
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: number | null;
  resolution_event: string | null;
  created_at: number;
}

function eventRef(store: Store, id: string | null) {
  if (!id) return null;
  const e = store.get<{ actor: string; at: number; replica: string }>(
    "SELECT actor, at, replica FROM events WHERE id = ?",
    id,
  );
  return { id, actor: e?.actor ?? null, at: iso(e?.at ?? null), replica: e?.replica ?? null };
}

function itemOf(store: Store, id: string, kind: string) {
  const rowKind = rowKindOf(id);
  if (rowKind) {
    const title = rowKind === "criterion" ? "text AS text, checked" : "title, status";
    const row = store.get<
      { id: string; title?: string; text?: string; status?: string; checked?: number }
    >(
      `SELECT id, ${title} FROM ${TABLE_OF[rowKind]} WHERE id = ?`,
      id,
    );
    return row ? ref(row) : { id, kind, deleted: true };
  }
  const [s, d] = id.split(">");
  const present = store.get(
    "SELECT 1 FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
    s!,
    d!,
  );
  return { id, kind, sourceId: s, dependsOnId: d, present: present !== undefined };
}

function parse(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** The Conflict record of a row (SPEC §14.8). */
export function conflictRecord(store: Store, r: ConflictRow) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    item: itemOf(store, r.item_id, r.item_kind),
    field: r.field,
    ours: { value: parse(r.ours), event: eventRef(store, r.ours_event) },
    theirs: { value: parse(r.theirs), event: eventRef(store, r.theirs_event) },
    details: JSON.parse(r.details || "{}"),
    createdAt: iso(r.created_at)!,
    resolution: r.resolution,
    resolvedBy: r.resolved_by,
    resolvedAt: iso(r.resolved_at),
  };
}

/** The Conflict record shape. */
export type Conflict = ReturnType<typeof conflictRecord>;

/** The current value of a conflict's field, or null when the item is gone. */
export function currentValue(store: Store, r: ConflictRow): unknown {
  const kind = rowKindOf(r.item_id);
  if (!r.field) return null;
  if (!kind) {
    const [s, d] = r.item_id.split(">");
    return store.get(
      "SELECT 1 FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
      s!,
      d!,
    ) !== undefined;
  }
  const col = COLUMN_OF[r.field];
  if (!col) return null;
  const row = store.get<Record<string, unknown>>(
    `SELECT ${col} AS v FROM ${TABLE_OF[kind]} WHERE id = ?`,
    r.item_id,
  );
  return row ? outputValue(col, row.v) : null;
}

/** Resolves an item filter (any prefix; deleted items by full id). */
export function itemFilter(store: Store, raw: string): string {
  if (raw.includes(">")) return raw.trim().toLowerCase();
  try {
    return resolveId(store, raw, ["epic", "task", "subtask", "criterion"]).id;
  } catch (err) {
    const id = raw.trim().toLowerCase();
    if (store.get("SELECT 1 FROM conflicts WHERE item_id = ?", id)) return id;
    throw err;
  }
}

/** Lists conflicts, newest first: pending, or all with `all`. */
export function listConflicts(
  ctx: Ctx,
  input: { all?: boolean; item?: string; limit?: number; cursor?: string } = {},
): { conflicts: Conflict[]; page: Page } {
  return read(ctx, () => {
    const store = ctx.store;
    const item = input.item ? itemFilter(store, input.item) : null;
    const limit = input.limit ?? 100;
    const filters = { all: input.all === true, item };
    const offset = cursorOffset(input.cursor, filters);
    const where = `WHERE ${input.all ? "1" : "status = 'pending'"} ${
      item ? "AND item_id = ?" : ""
    }`;
    const params = item ? [item] : [];
    const total = Number(
      store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM conflicts ${where}`, ...params)!.n,
    );
    const rows = store.all<ConflictRow>(
      `SELECT * FROM conflicts ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      ...params,
      limit,
      offset,
    );
    return {
      conflicts: rows.map((r) => conflictRecord(store, r)),
      page: pageAfter(limit, offset, rows.length, total, filters),
    };
  });
}

/** One conflict (prefix resolution with `k-`) and the field's current value. */
export function showConflict(
  ctx: Ctx,
  input: { id: string },
): { conflict: Conflict; current: unknown } {
  return read(ctx, () => {
    const { id } = resolveId(ctx.store, input.id, ["conflict"]);
    const row = ctx.store.get<ConflictRow>("SELECT * FROM conflicts WHERE id = ?", id)!;
    return { conflict: conflictRecord(ctx.store, row), current: currentValue(ctx.store, row) };
  });
}
