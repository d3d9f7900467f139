/**
 * Id resolution by full id or unique prefix (SPEC §5.2), inside the caller's
 * transaction.
 *
 * @module
 */
import { CairnError } from "./errors.ts";
import { type IdKind, KIND_PREFIX, parseIdQuery } from "./ids.ts";
import type { Store } from "./store/store.ts";
import { iso } from "./time.ts";

const TABLES: Record<IdKind, { table: string; title: string; status: string }> = {
  epic: { table: "epics", title: "title", status: "status" },
  task: { table: "tasks", title: "title", status: "status" },
  subtask: { table: "subtasks", title: "title", status: "status" },
  criterion: {
    table: "criteria",
    title: "text",
    status: "CASE checked WHEN 1 THEN 'checked' ELSE 'open' END",
  },
  conflict: { table: "conflicts", title: "COALESCE(field, kind)", status: "status" },
};

/** A resolved id. */
export interface Resolved {
  id: string;
  kind: IdKind;
}

interface Candidate {
  id: string;
  kind: IdKind;
  title: string;
  status: string;
}

/** Hint for `wrong_kind`: the command that accepts this kind. */
function hintFor(kind: IdKind, id: string): string {
  return kind === "criterion"
    ? `cairn show ${id}`
    : kind === "conflict"
    ? `cairn sync conflicts show ${id}`
    : `cairn show ${id}`;
}

/**
 * Resolves an id argument among the accepted kinds. Throws `invalid_id`,
 * `wrong_kind`, `not_found` or `ambiguous_id`.
 */
export function resolveId(store: Store, raw: string, kinds: readonly IdKind[]): Resolved {
  const q = parseIdQuery(raw);
  if (q.kind && !kinds.includes(q.kind)) {
    throw new CairnError(
      "wrong_kind",
      `"${raw}" is a ${q.kind} id; expected ${kinds.join(" or ")}`,
      {
        id: raw,
        expected: [...kinds],
        actual: q.kind,
        hint: hintFor(q.kind, q.input),
      },
    );
  }
  const searchKinds = q.kind ? [q.kind] : kinds;
  const found: Candidate[] = [];
  for (const kind of searchKinds) {
    const t = TABLES[kind];
    const prefix = `${KIND_PREFIX[kind]}-${q.body}`;
    const rows = store.all<Candidate>(
      `SELECT id, ${t.title} AS title, ${t.status} AS status FROM ${t.table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 11`,
      prefix,
      `${prefix}~`,
    );
    for (const r of rows) found.push({ ...r, kind });
  }
  if (found.length === 1) return { id: found[0]!.id, kind: found[0]!.kind };
  if (found.length === 0) {
    const details: Record<string, unknown> = { id: raw, kinds: [...searchKinds] };
    if (q.kind && q.body.length === 8) {
      const tomb = store.get<{ deleted_at: number; actor: string }>(
        "SELECT deleted_at, actor FROM tombstones WHERE item_id = ?",
        `${KIND_PREFIX[q.kind]}-${q.body}`,
      );
      if (tomb) {
        Object.assign(details, {
          deleted: true,
          deletedAt: iso(tomb.deleted_at),
          deletedBy: tomb.actor,
        });
      }
    }
    const what = searchKinds.length === 1 ? searchKinds[0] : "item";
    throw new CairnError(
      "not_found",
      `No ${what} matches "${raw}"${details.deleted ? " (it was deleted)" : ""}`,
      details,
    );
  }
  found.sort((a, b) => (a.id < b.id ? -1 : 1));
  throw new CairnError("ambiguous_id", `"${raw}" matches several items; use a longer prefix`, {
    input: raw,
    candidates: found.slice(0, 10).map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      status: c.status,
    })),
    total: Math.min(found.length, 11),
  });
}

/** Resolves a full id only (board API, import): a prefix is `invalid_id`. */
export function requireFullId(raw: string, kinds: readonly IdKind[]): void {
  const q = parseIdQuery(raw);
  if (!q.kind || q.body.length !== 8) {
    throw new CairnError("invalid_id", `"${raw}" is not a full id`, { input: raw });
  }
  if (!kinds.includes(q.kind)) {
    throw new CairnError(
      "wrong_kind",
      `"${raw}" is a ${q.kind} id; expected ${kinds.join(" or ")}`,
      {
        id: raw,
        expected: [...kinds],
        actual: q.kind,
        hint: hintFor(q.kind, raw),
      },
    );
  }
}
