/**
 * Splitting a batch spec into fields (SPEC §10.3): unescaped `|` separates,
 * a backslash starts an escape, fields are trimmed; and the spec length limit.
 *
 * @module
 */
import { BATCH_LIMITS, type Issue, issue, type SpecSource, where } from "./issues.ts";

const ESCAPES: Record<string, string> = { "|": "|", "\\": "\\", n: "\n", t: "\t", r: "\r" };

/** The hint of footgun issues. */
export const ESCAPE_HINT = 'If "|" belongs to the text, escape it as "\\|".';

/** A spec split into unescaped, trimmed fields, with the raw offsets of its separators. */
export interface Split {
  fields: string[];
  separators: number[];
}

/** Splits a spec on unescaped `|` and resolves escapes (SPEC §10.3). */
export function splitSpec(src: SpecSource, issues: Issue[]): Split | null {
  const raw = src.raw;
  const separators: number[] = [];
  if (!raw.includes("\\")) {
    // No escapes, as in most specs: split natively (a loop over the
    // characters is slow in the cold code of a one-shot process).
    for (let at = raw.indexOf("|"); at !== -1; at = raw.indexOf("|", at + 1)) separators.push(at);
    return { fields: raw.split("|").map((f) => f.trim()), separators };
  }
  const fields: string[] = [];
  let current = "";
  let ok = true;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === "|") {
      fields.push(current.trim());
      separators.push(i);
      current = "";
    } else if (ch === "\\") {
      const next = raw[i + 1];
      const field = fields.length + 1;
      if (next === undefined) {
        issues.push(issue(src, field, "bad_escape", `${where(src, field)}: trailing lone "\\"`));
        ok = false;
      } else if (ESCAPES[next] === undefined) {
        const shown = String.fromCodePoint(raw.codePointAt(i + 1)!);
        issues.push(
          issue(src, field, "bad_escape", `${where(src, field)}: invalid escape \\${shown}`),
        );
        ok = false;
        i++;
      } else {
        current += ESCAPES[next];
        i++;
      }
    } else current += ch;
  }
  fields.push(current.trim());
  return ok ? { fields, separators } : null;
}

/** The spec with the separator before `field` escaped (the footgun's fix). */
export function escapedAt(src: SpecSource, split: Split, field: number): string {
  const at = split.separators[field - 2]!;
  return src.raw.slice(0, at) + "\\" + src.raw.slice(at);
}

/** Checks a spec's length; false (with an issue) when over the limit. */
export function withinLength(src: SpecSource, issues: Issue[]): boolean {
  if (src.raw.length <= BATCH_LIMITS.specChars) return true;
  issues.push(issue(
    src,
    null,
    "too_long",
    `${
      where(src, null)
    } is ${src.raw.length} characters long; the limit is ${BATCH_LIMITS.specChars}`,
  ));
  return false;
}
