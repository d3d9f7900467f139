/**
 * Literal search and replace over titles, descriptions and criterion texts
 * (SPEC §11), in tree order, with snippets, pages, preview by default and
 * `--apply` validated inside the write transaction.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError } from "../errors.ts";
import { patchRow } from "../items/patch.ts";
import { ref, type Status } from "../records.ts";
import { resolveId } from "../resolve.ts";
import { read, write } from "../store/tx.ts";
import { checkLength, cleanBlock, cleanLine, codePoints, LIMITS } from "../text.ts";
import { fold, occurrences, snippet, spliceAll } from "./match.ts";
import { loadScope, type SearchDoc } from "./scope.ts";
import { SEARCH_FIELDS, type SearchField } from "./fields.ts";

/** Scope and matching options shared by search and replace. */
export interface SearchScope {
  in?: string;
  fields?: readonly SearchField[];
  ignoreCase?: boolean;
  status?: readonly Status[];
}

function checkNeedle(text: string, option: string): void {
  if (codePoints(text) < 1 || !/\S/.test(text)) {
    throw new CairnError(
      "invalid_input",
      `The ${option} text must contain a non-whitespace character`,
      { field: option },
    );
  }
  checkLength(option, text, LIMITS.search);
}

/** A field of one item with its occurrences. */
interface FieldHit {
  field: "title" | "description" | "text";
  value: string;
  starts: number[];
}

/** Matches of one item (fields with at least one occurrence); `needle` is already folded. */
function hitsOf(
  doc: SearchDoc,
  needle: string,
  ignoreCase: boolean,
  fields: Set<string>,
): FieldHit[] {
  const out: FieldHit[] = [];
  const candidates: [FieldHit["field"], string | null][] = doc.kind === "criterion"
    ? [["text", fields.has("criteria") ? doc.title : null]]
    : [
      ["title", fields.has("title") ? doc.title : null],
      ["description", fields.has("description") ? doc.description : null],
    ];
  for (const [field, value] of candidates) {
    if (!value) continue;
    const starts = occurrences(ignoreCase ? fold(value) : value, needle);
    if (starts.length) out.push({ field, value, starts });
  }
  return out;
}

function normalScope(ctx: Ctx, s: SearchScope) {
  const fields = [...(s.fields?.length ? new Set(s.fields) : SEARCH_FIELDS)];
  const scopeId = s.in === undefined
    ? null
    : resolveId(ctx.store, s.in, ["epic", "task", "subtask"]).id;
  return {
    fields,
    ignoreCase: s.ignoreCase ?? false,
    in: scopeId,
    status: s.status?.length ? [...s.status] : null,
  };
}

/** Every matching item of a scope, in tree order. */
function matchAll(ctx: Ctx, needle: string, q: ReturnType<typeof normalScope>) {
  const fields = new Set<string>(q.fields);
  const out: { doc: SearchDoc; hits: FieldHit[] }[] = [];
  const folded = q.ignoreCase ? fold(needle) : needle;
  for (const doc of loadScope(ctx.store, q.in, q.status)) {
    const hits = hitsOf(doc, folded, q.ignoreCase, fields);
    if (hits.length) out.push({ doc, hits });
  }
  return out;
}

function summaryOf(matches: { hits: FieldHit[] }[]) {
  let fields = 0;
  let occurrencesTotal = 0;
  for (const m of matches) {
    fields += m.hits.length;
    for (const h of m.hits) occurrencesTotal += h.starts.length;
  }
  return { items: matches.length, fields, occurrences: occurrencesTotal };
}

function fingerprint(parts: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(parts)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36);
}

function decodeCursor(cursor: string, fp: string): number {
  try {
    const raw = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (raw.f === fp && Number.isInteger(raw.o) && raw.o >= 0) return raw.o;
  } catch { /* reported below */ }
  throw new CairnError("invalid_value", `Invalid value "${cursor}" for --cursor`, {
    option: "--cursor",
    value: cursor,
  });
}

function encodeCursor(offset: number, fp: string): string {
  return btoa(JSON.stringify({ o: offset, f: fp })).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * `search` (SPEC §11.1): items whose fields contain `text` literally, in
 * tree order, `limit` items per page (default 100).
 */
export function searchItems(
  ctx: Ctx,
  input: SearchScope & { text: string; limit?: number; cursor?: string },
) {
  checkNeedle(input.text, "search");
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new CairnError(
      "invalid_value",
      `Invalid value "${limit}" for --limit: expected 1..1000`,
      {
        option: "--limit",
        value: String(limit),
        expected: "1..1000",
      },
    );
  }
  return read(ctx, () => {
    const q = normalScope(ctx, input);
    const fp = fingerprint([input.text, q]);
    const offset = input.cursor === undefined ? 0 : decodeCursor(input.cursor, fp);
    const all = matchAll(ctx, input.text, q);
    const page = all.slice(offset, offset + limit);
    return {
      query: { text: input.text, ...q },
      matches: page.map(({ doc, hits }) => ({
        item: {
          id: doc.id,
          kind: doc.kind,
          title: doc.title,
          status: doc.shownStatus,
          parentId: doc.parentId,
        },
        fields: hits.map((h) => ({
          field: h.field,
          count: h.starts.length,
          snippet: snippet(h.value, h.starts[0]!, input.text.length),
        })),
      })),
      summary: summaryOf(all),
      page: {
        limit,
        nextCursor: offset + limit < all.length ? encodeCursor(offset + limit, fp) : null,
        total: all.length,
      },
    };
  });
}

/** Input of `replace`. */
export interface ReplaceInput extends SearchScope {
  search: string;
  replace: string;
  apply?: boolean;
  expect?: number;
}

const COLUMN: Record<FieldHit["field"], string> = {
  title: "title",
  description: "description",
  text: "text",
};

/** The stored form of a new value, or the reason it is invalid. */
function validated(
  doc: SearchDoc,
  field: FieldHit["field"],
  value: string,
): string | { reason: string } {
  try {
    if (field === "description") return cleanBlock("description", value, LIMITS.description);
    const max = doc.kind === "criterion" ? LIMITS.criterion : LIMITS.title;
    return cleanLine(field, value, max);
  } catch (err) {
    if (!(err instanceof CairnError)) throw err;
    const reason = err.code === "too_long"
      ? "too_long"
      : value.trim() === ""
      ? "empty"
      : "control_characters";
    return { reason };
  }
}

/**
 * `replace` (SPEC §11.2): every non-overlapping occurrence, left to right.
 * Preview by default; `apply` recomputes inside the write transaction,
 * validates every new value (`invalid_input` with all issues) and updates
 * each changed item once. `expect` guards the occurrence count
 * (`match_count_mismatch`).
 */
export function replaceText(ctx: Ctx, input: ReplaceInput) {
  checkNeedle(input.search, "search");
  checkLength("replacement", input.replace, LIMITS.replacement);
  const run = () => {
    const q = normalScope(ctx, input);
    const matches = matchAll(ctx, input.search, q);
    const summary = summaryOf(matches);
    if (input.expect !== undefined && input.expect !== summary.occurrences) {
      throw new CairnError(
        "match_count_mismatch",
        `Expected ${input.expect} occurrences of "${input.search}", found ${summary.occurrences}`,
        { expected: input.expect, actual: summary.occurrences },
      );
    }
    const changes = matches.map(({ doc, hits }) => ({
      doc,
      fields: hits.map((h) => ({
        ...h,
        next: spliceAll(h.value, h.starts, input.search.length, input.replace),
      })),
    }));
    return { q, summary, changes };
  };
  const render = (r: ReturnType<typeof run>, mode: "preview" | "apply") => ({
    mode,
    query: { search: input.search, replace: input.replace, ...r.q },
    changes: r.changes.map(({ doc, fields }) => ({
      item: ref({ id: doc.id, title: doc.title, status: doc.shownStatus }),
      fields: fields.map((f) => ({
        field: f.field,
        count: f.starts.length,
        before: snippet(f.value, f.starts[0]!, input.search.length),
        after: snippet(f.next, f.starts[0]!, input.replace.length),
      })),
    })),
    summary: r.summary,
    warnings: [],
  });
  if (!input.apply) return read(ctx, () => render(run(), "preview"));
  return write(ctx, (tx) => {
    const r = run();
    const issues: { id: string; field: string; reason: string }[] = [];
    const sets = r.changes.map(({ doc, fields }) => {
      const set: Record<string, unknown> = {};
      for (const f of fields) {
        const v = validated(doc, f.field, f.next);
        if (typeof v === "string") set[COLUMN[f.field]] = v;
        else issues.push({ id: doc.id, field: f.field, reason: v.reason });
      }
      return { doc, set };
    });
    if (issues.length) {
      throw new CairnError(
        "invalid_input",
        `The replacement would leave ${issues.length} invalid value${
          issues.length === 1 ? "" : "s"
        } (first: ${issues[0]!.field} of "${issues[0]!.id}" ${
          issues[0]!.reason.replace("_", " ")
        })`,
        { issues },
      );
    }
    for (const { doc, set } of sets) {
      const before = doc.kind === "criterion"
        ? { text: doc.title }
        : { title: doc.title, description: doc.description };
      patchRow(tx, { kind: doc.kind, id: doc.id, before, set });
    }
    return render(r, "apply");
  });
}
