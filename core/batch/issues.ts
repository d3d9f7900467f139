/**
 * Issues of batch specs (SPEC §10.5): where a spec came from, the issue
 * codes of `invalid_spec`, and how issues are built and located.
 *
 * @module
 */

/** Options that carry batch specs, in issue order. */
export type SpecOption = "--task" | "--subtask" | "--dep" | "--criterion";

/** Issue codes of `invalid_spec` (SPEC §10.5, §18.4). */
export type IssueCode =
  | "bad_escape"
  | "field_count"
  | "empty_field"
  | "bad_attribute"
  | "duplicate_attribute"
  | "invalid_key"
  | "duplicate_key"
  | "empty_title"
  | "too_long"
  | "invalid_value"
  | "unknown_key"
  | "bare_key"
  | "ambiguous_ref"
  | "ref_not_found"
  | "ref_wrong_kind"
  | "parent_other_epic"
  | "temp_key_not_allowed"
  | "too_many_specs";

/** One problem with one spec. */
export interface Issue {
  option: SpecOption;
  /** 1-based among that option's occurrences. */
  index: number;
  /** The raw spec, at most 200 characters. */
  spec: string;
  /** 1-based field, or null for the whole spec. */
  field: number | null;
  code: IssueCode;
  message: string;
  suggestion?: string;
}

/** Where a spec came from. */
export interface SpecSource {
  option: SpecOption;
  index: number;
  raw: string;
}

/** Limits of one batch (SPEC §19.1). */
export const BATCH_LIMITS = {
  specs: 5_000,
  specChars: 70_000,
  issues: 100,
} as const; /** A spec cut to 200 code points for issues. */
export function shortSpec(raw: string): string {
  if (raw.length <= 200) return raw;
  return [...raw.slice(0, 400)].slice(0, 200).join("");
}

/** The `--task 3, field 4` prefix of issue messages. */
export function where(src: SpecSource, field: number | null): string {
  return field === null
    ? `${src.option} ${src.index}`
    : `${src.option} ${src.index}, field ${field}`;
}

/** Builds an issue of a spec. */
export function issue(
  src: SpecSource,
  field: number | null,
  code: IssueCode,
  message: string,
  suggestion?: string,
): Issue {
  const out: Issue = {
    option: src.option,
    index: src.index,
    spec: shortSpec(src.raw),
    field,
    code,
    message,
  };
  if (suggestion !== undefined) out.suggestion = suggestion;
  return out;
}
