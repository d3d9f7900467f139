/**
 * Literal matching for search and replace (SPEC §11.1): length-preserving
 * case folding, non-overlapping occurrences, snippets.
 *
 * @module
 */

// deno-lint-ignore no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * Simple lower-case mapping, code point by code point, that keeps every
 * UTF-16 index in place: a code point whose lower-case form has another
 * length (or is several code points) is kept unchanged.
 */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length && [...lower].length === 1 ? lower : ch;
  }
  return out;
}

/** Start indices of the non-overlapping occurrences of `needle`, left to right. */
export function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === "") return out;
  for (
    let i = haystack.indexOf(needle);
    i !== -1;
    i = haystack.indexOf(needle, i + needle.length)
  ) {
    out.push(i);
  }
  return out;
}

/** `text` with every occurrence (at `starts`, `length` long) replaced; not rescanned. */
export function spliceAll(text: string, starts: number[], length: number, by: string): string {
  let out = "";
  let at = 0;
  for (const s of starts) {
    out += text.slice(at, s) + by;
    at = s + length;
  }
  return out + text.slice(at);
}

const CONTEXT = 30;
const WINDOW = 4_000;

const collapse = (s: string) => s.replace(/\s+/g, " ");

/**
 * Up to 30 code points of context on each side of the occurrence at
 * `start`, whitespace runs collapsed to one space, `…` where cut.
 */
export function snippet(text: string, start: number, length: number): string {
  const from = Math.max(0, start - WINDOW);
  const left = [...collapse(text.slice(from, start))];
  const to = Math.min(text.length, start + length + WINDOW);
  const right = [...collapse(text.slice(start + length, to))];
  const head = left.length > CONTEXT || from > 0
    ? "…" + left.slice(-CONTEXT).join("")
    : left.join("");
  const tail = right.length > CONTEXT || to < text.length
    ? right.slice(0, CONTEXT).join("") + "…"
    : right.join("");
  return head + collapse(text.slice(start, start + length)) + tail;
}
