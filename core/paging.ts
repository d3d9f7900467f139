/**
 * Pages of list-like commands (SPEC §3.11): `{limit, nextCursor, total}` with
 * an opaque cursor bound to the filters it was issued for.
 *
 * @module
 */
import { CairnError } from "./errors.ts";

/** A page descriptor. */
export interface Page {
  limit: number | null;
  nextCursor: string | null;
  total: number;
}

function fingerprint(filters: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(filters)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

function encode(offset: number, filters: unknown): string {
  return btoa(JSON.stringify({ o: offset, f: fingerprint(filters) }))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * The row offset a cursor stands for (0 without a cursor). A cursor that does
 * not decode, or was issued for other filters, is `invalid_value`.
 */
export function cursorOffset(cursor: string | undefined, filters: unknown): number {
  if (cursor === undefined) return 0;
  const bad = () =>
    new CairnError(
      "invalid_value",
      `Invalid value "${cursor}" for --cursor: not a cursor of this listing`,
      {
        option: "--cursor",
        value: cursor,
      },
    );
  let parsed: { o?: unknown; f?: unknown };
  try {
    parsed = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    throw bad();
  }
  if (
    typeof parsed !== "object" || parsed === null || !Number.isInteger(parsed.o) ||
    (parsed.o as number) < 0 || parsed.f !== fingerprint(filters)
  ) throw bad();
  return parsed.o as number;
}

/** The page after rows `[offset, offset + returned)` of `total`. */
export function pageAfter(
  limit: number | null,
  offset: number,
  returned: number,
  total: number,
  filters: unknown,
): Page {
  const end = offset + returned;
  return {
    limit,
    nextCursor: limit !== null && end < total ? encode(end, filters) : null,
    total,
  };
}
