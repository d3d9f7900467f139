/**
 * `history <id>` (SPEC §9.2.5): the audit trail of one item, newest first,
 * with the events of edges touching it; live or deleted items.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError } from "./errors.ts";
import { EVENT_COLUMNS, eventRecord, type EventRow } from "./events/record.ts";
import { type IdKind, KIND_PREFIX, parseIdQuery } from "./ids.ts";
import { kindOf } from "./items/rows.ts";
import { cursorOffset, pageAfter } from "./paging.ts";
import { resolveId } from "./resolve.ts";
import type { Store } from "./store/store.ts";
import { read } from "./store/tx.ts";
import { iso } from "./time.ts";

/** Input of `history`. */
export interface HistoryInput {
  id: string;
  limit?: number;
  cursor?: string;
  /** Also events of descendants and delete events of former descendants. */
  deep?: boolean;
  /** Only events that change this record field. */
  field?: string;
  /** Include `heartbeat` events. */
  all?: boolean;
}

const KINDS: IdKind[] = ["epic", "task", "subtask", "criterion"];

/** Record field names that events can change (SPEC §14.1). */
export const EVENT_FIELDS = [
  "title",
  "description",
  "status",
  "priority",
  "owner",
  "epicId",
  "taskId",
  "position",
  "claimedAt",
  "leaseExpiresAt",
  "leaseMs",
  "completedAt",
  "createdAt",
  "text",
  "checked",
  "evidence",
  "checkedAt",
  "checkedBy",
  "present",
] as const;

interface Subject {
  id: string;
  kind: string;
  title: string;
  deleted: boolean;
  deletedAt: string | null;
  deletedBy: string | null;
}

/** Resolves a live item, else a tombstone by full id or unique prefix. */
function subject(store: Store, raw: string): Subject {
  try {
    const { id, kind } = resolveId(store, raw, KINDS);
    const title = store.get<{ t: string }>(
      `SELECT ${kind === "criterion" ? "text" : "title"} AS t FROM ${
        { epic: "epics", task: "tasks", subtask: "subtasks", criterion: "criteria" }[kind as string]
      } WHERE id = ?`,
      id,
    )!.t;
    return { id, kind, title, deleted: false, deletedAt: null, deletedBy: null };
  } catch (err) {
    if (!(err instanceof CairnError) || err.code !== "not_found") throw err;
    const q = parseIdQuery(raw);
    const kinds = q.kind ? [q.kind] : KINDS;
    const rows = kinds.flatMap((k) => {
      const p = `${KIND_PREFIX[k]}-${q.body}`;
      return store.all<
        {
          item_id: string;
          item_kind: string;
          title: string | null;
          deleted_at: number;
          actor: string;
        }
      >(
        "SELECT * FROM tombstones WHERE item_id >= ? AND item_id < ? ORDER BY item_id LIMIT 11",
        p,
        `${p}~`,
      );
    });
    if (rows.length !== 1) {
      if (rows.length === 0) throw err;
      throw new CairnError(
        "ambiguous_id",
        `"${raw}" matches several deleted items; use a longer prefix`,
        {
          input: raw,
          candidates: rows.slice(0, 10).map((r) => ({
            id: r.item_id,
            kind: r.item_kind,
            title: r.title ?? "",
            status: "deleted",
          })),
          total: Math.min(rows.length, 11),
        },
      );
    }
    const t = rows[0]!;
    return {
      id: t.item_id,
      kind: t.item_kind,
      title: t.title ?? "",
      deleted: true,
      deletedAt: iso(t.deleted_at),
      deletedBy: t.actor,
    };
  }
}

/** Current descendants and former (deleted) descendants of an item. */
function descendants(store: Store, id: string): { current: string[]; former: string[] } {
  const kind = kindOf(id);
  if (kind !== "epic" && kind !== "task") return { current: [], former: [] };
  const formerOf = (field: string, parents: string[]) =>
    store.all<{ item_id: string }>(
      `SELECT DISTINCT item_id FROM events WHERE op = 'delete'
          AND json_extract(changes, '$.${field}.old') IN (SELECT value FROM json_each(?))`,
      JSON.stringify(parents),
    ).map((r) => r.item_id);
  let tasks: string[] = [];
  const current: string[] = [];
  const former: string[] = [];
  if (kind === "epic") {
    const live = store.all<{ id: string }>("SELECT id FROM tasks WHERE epic_id = ?", id).map((r) =>
      r.id
    );
    const gone = formerOf("epicId", [id]).filter((t) => !live.includes(t));
    current.push(...live);
    former.push(...gone);
    tasks = [...live, ...gone];
  } else tasks = [id];
  for (const table of ["subtasks", "criteria"]) {
    const live = store.all<{ id: string }>(
      `SELECT id FROM ${table} WHERE task_id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(tasks),
    ).map((r) => r.id);
    current.push(...live);
    const liveSet = new Set(live);
    former.push(
      ...formerOf("taskId", tasks).filter((x) =>
        !liveSet.has(x) && x.startsWith(table === "subtasks" ? "s-" : "c-")
      ),
    );
  }
  return { current, former };
}

/**
 * The history of one item: its own events and those of edges touching it,
 * newest first (Lamport descending, then event id descending), paged.
 */
export function itemHistory(ctx: Ctx, input: HistoryInput) {
  if (input.field !== undefined && !(EVENT_FIELDS as readonly string[]).includes(input.field)) {
    throw new CairnError(
      "invalid_value",
      `Invalid value "${input.field}" for --field: not a record field`,
      {
        option: "--field",
        value: input.field,
        allowed: [...EVENT_FIELDS],
      },
    );
  }
  return read(ctx, () => {
    const store = ctx.store;
    const item = subject(store, input.id);
    const deep = input.deep ? descendants(store, item.id) : { current: [], former: [] };
    const ids = JSON.stringify([item.id, ...deep.current]);
    const filters = {
      id: item.id,
      deep: !!input.deep,
      field: input.field ?? null,
      all: !!input.all,
    };
    const where = `(item_id IN (SELECT value FROM json_each(?1))
        OR (item_kind = 'dependency'
            AND (substr(item_id, 1, instr(item_id, '>') - 1) IN (SELECT value FROM json_each(?1))
              OR substr(item_id, instr(item_id, '>') + 1) IN (SELECT value FROM json_each(?1))))
        OR (op = 'delete' AND item_id IN (SELECT value FROM json_each(?2))))
      AND (?3 OR op <> 'heartbeat')
      AND (?4 IS NULL OR json_type(changes, '$.' || ?4) IS NOT NULL)`;
    const params = [
      ids,
      JSON.stringify(deep.former),
      input.all ? 1 : 0,
      input.field ?? null,
    ] as const;
    const limit = input.limit ?? 50;
    const offset = cursorOffset(input.cursor, filters);
    const total =
      store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE ${where}`, ...params)!.n;
    const rows = store.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY lamport DESC, id DESC LIMIT ?5 OFFSET ?6`,
      ...params,
      limit,
      offset,
    );
    return {
      item,
      events: rows.map(eventRecord),
      page: pageAfter(limit, offset, rows.length, total, filters),
    };
  });
}
