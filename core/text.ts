/**
 * Text input rules (SPEC §4.7, §5.4, §19.1): titles, descriptions, owners.
 *
 * @module
 */
import { CairnError } from "./errors.ts";

/** Text limits in code points (SPEC §19.1). */
export const LIMITS = {
  title: 200,
  description: 65_536,
  append: 65_536,
  criterion: 500,
  evidence: 4_000,
  owner: 100,
  search: 1_000,
  replacement: 10_000,
} as const;

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Number of Unicode code points: UTF-16 units less one per surrogate pair.
 * Counted by a native scan; a loop over the characters is slow in the cold
 * code of a one-shot process.
 */
export function codePoints(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

/** Throws `too_long` when a text exceeds its limit. */
export function checkLength(field: string, text: string, max: number): void {
  if (text.length <= max) return; // never fewer UTF-16 units than code points
  const actual = codePoints(text);
  if (actual > max) {
    throw new CairnError(
      "too_long",
      `The ${field} is ${actual} characters long; the limit is ${max}`,
      {
        field,
        max,
        actual,
      },
    );
  }
}

/** A single-line text (title, criterion): trimmed, non-empty, no control characters. */
export function cleanLine(field: string, raw: string, max: number): string {
  const text = raw.trim();
  if (text === "") {
    throw new CairnError("invalid_input", `The ${field} must not be empty`, { field });
  }
  if (CONTROL.test(text)) {
    throw new CairnError(
      "invalid_input",
      `The ${field} must be one line without control characters`,
      {
        field,
      },
    );
  }
  checkLength(field, text, max);
  return text;
}

/** A multi-line text (description, evidence): newlines normalised, trimmed. */
export function cleanBlock(field: string, raw: string, max: number): string {
  const text = raw.replace(/\r\n?/g, "\n").trim();
  checkLength(field, text, max);
  return text;
}

/** Text appended to a description: as a block, and never empty. */
export function cleanAppend(raw: string): string {
  const text = cleanBlock("appended text", raw, LIMITS.append);
  if (text === "") {
    throw new CairnError("invalid_input", "The appended text must not be empty", {
      field: "append",
    });
  }
  return text;
}

/** An owner or actor: trimmed, 1-100 characters, no whitespace or control characters. */
export function cleanOwner(raw: string, field = "owner"): string {
  const text = raw.trim();
  // deno-lint-ignore no-control-regex
  if (text === "" || /[\s\u0000-\u001f\u007f]/.test(text)) {
    throw new CairnError(
      "invalid_input",
      `Invalid ${field} "${raw}": use 1-100 characters without spaces`,
      {
        field,
        value: raw,
      },
    );
  }
  checkLength(field, text, LIMITS.owner);
  return text;
}
