/**
 * The batch spec grammar (SPEC §10.2–§10.3): splitting with escapes, field
 * counts, titles and descriptions, attributes with the closed status footgun,
 * and the issues of §10.5. Pure: no database.
 *
 * @module
 */
import type { Status } from "../records.ts";
import { STATUSES } from "../records.ts";
import { codePoints, LIMITS } from "../text.ts";

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

/** A parsed `--task` or `--subtask` spec. */
export interface ItemSpec extends SpecSource {
  /** Null when the key field is invalid. */
  key: string | null;
  /** `--subtask` of epic create/expand: the raw parent reference. */
  parentRef: string | null;
  title: string;
  description: string;
  status: Status;
  priority: number;
  /** Whether the spec has issues (then nothing is created from it). */
  bad: boolean;
}

/** A parsed `--dep` spec. */
export interface DepSpec extends SpecSource {
  source: string;
  dependsOn: string;
  bad: boolean;
}

/** A parsed `--criterion` spec. */
export interface CriterionSpec extends SpecSource {
  taskRef: string;
  text: string;
  bad: boolean;
}

/** Limits of one batch (SPEC §19.1). */
export const BATCH_LIMITS = { specs: 5_000, specChars: 70_000, issues: 100 } as const;

const TEMP_KEY = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const ESCAPES: Record<string, string> = { "|": "|", "\\": "\\", n: "\n", t: "\t", r: "\r" };
const ESCAPE_HINT = 'If "|" belongs to the text, escape it as "\\|".';

/** Whether a string is a valid temp key. */
export function isTempKey(text: string): boolean {
  return TEMP_KEY.test(text);
}

/** A spec cut to 200 code points for issues. */
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

/** A spec split into unescaped, trimmed fields, with the raw offsets of its separators. */
export interface Split {
  fields: string[];
  separators: number[];
}

/** Splits a spec on unescaped `|` and resolves escapes (SPEC §10.3). */
export function splitSpec(src: SpecSource, issues: Issue[]): Split | null {
  const raw = src.raw;
  const fields: string[] = [];
  const separators: number[] = [];
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
function escapedAt(src: SpecSource, split: Split, field: number): string {
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

function checkTitle(src: SpecSource, field: number, title: string, issues: Issue[]): void {
  if (title === "") {
    issues.push(issue(src, field, "empty_title", `${where(src, field)}: the title is empty`));
  } else if (CONTROL.test(title)) {
    issues.push(issue(
      src,
      field,
      "invalid_value",
      `${where(src, field)}: the title must be one line without control characters`,
    ));
  } else if (codePoints(title) > LIMITS.title) {
    issues.push(issue(
      src,
      field,
      "too_long",
      `${where(src, field)}: the title is ${
        codePoints(title)
      } characters long; the limit is ${LIMITS.title}`,
    ));
  }
}

/** Description: newlines normalised, trimmed, at most 65,536 code points. */
function cleanDescription(src: SpecSource, field: number, text: string, issues: Issue[]): string {
  const out = text.replace(/\r\n?/g, "\n").trim();
  const n = out.length > LIMITS.description ? codePoints(out) : 0;
  if (n > LIMITS.description) {
    issues.push(issue(
      src,
      field,
      "too_long",
      `${
        where(src, field)
      }: the description is ${n} characters long; the limit is ${LIMITS.description}`,
    ));
  }
  return out;
}

function checkKey(src: SpecSource, field: number, key: string, issues: Issue[]): string | null {
  if (key === "") {
    issues.push(issue(src, field, "empty_field", `${where(src, field)}: the temp key is empty`));
    return null;
  }
  if (isTempKey(key)) return key;
  const fixed = key.startsWith("@") && isTempKey(key.slice(1)) ? key.slice(1) : undefined;
  issues.push(issue(
    src,
    field,
    "invalid_key",
    `${
      where(src, field)
    } "${key}" is not a valid temp key (a letter, then up to 63 letters, digits, ".", "_" or "-")${
      fixed ? `; write the key without "@" and reference it as "@${fixed}"` : ""
    }`,
    fixed,
  ));
  return null;
}

const PRIORITY = /^p?([0-4])$/i;

/** Parses the attribute fields (SPEC §10.2). */
function parseAttributes(
  src: SpecSource,
  split: Split,
  first: number,
  forTask: boolean,
  issues: Issue[],
): { status: Status; priority: number } {
  let status: Status | null = null;
  let priority: number | null = null;
  const allowed = forTask
    ? "status: todo|in_progress|blocked|done or status=<s>; priority: p0..p4 or priority=<p>"
    : "status: todo|in_progress|blocked|done or status=<s>";
  const set = (field: number, name: "status" | "priority", value: Status | number) => {
    if ((name === "status" ? status : priority) !== null) {
      issues.push(issue(
        src,
        field,
        "duplicate_attribute",
        `${where(src, field)}: ${name} is given more than once`,
      ));
    } else if (name === "status") status = value as Status;
    else priority = value as number;
  };
  for (let f = first; f < split.fields.length; f++) {
    const field = f + 1;
    const text = split.fields[f]!;
    const at = where(src, field);
    const named = /^([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*)$/.exec(text);
    if (text === "") {
      issues.push(issue(
        src,
        field,
        "empty_field",
        `${at} is empty; expected an attribute (${allowed}). ${ESCAPE_HINT}`,
        escapedAt(src, split, field),
      ));
    } else if ((STATUSES as readonly string[]).includes(text)) set(field, "status", text as Status);
    else if (forTask && /^p[0-4]$/.test(text)) set(field, "priority", Number(text[1]));
    else if (named && named[1] === "status") {
      const value = named[2]!.trim().toLowerCase().replace("in-progress", "in_progress");
      if ((STATUSES as readonly string[]).includes(value)) set(field, "status", value as Status);
      else {
        issues.push(issue(
          src,
          field,
          "invalid_value",
          `${at}: invalid status "${named[2]}" (expected todo, in_progress, blocked or done)`,
        ));
      }
    } else if (named && named[1] === "priority" && forTask) {
      const m = PRIORITY.exec(named[2]!.trim());
      if (m) set(field, "priority", Number(m[1]));
      else {
        issues.push(issue(
          src,
          field,
          "invalid_value",
          `${at}: invalid priority "${named[2]}" (expected p0..p4)`,
        ));
      }
    } else {
      const why = !forTask && (named?.[1] === "priority" || /^p[0-4]$/.test(text))
        ? " (subtasks have no priority)"
        : "";
      issues.push(issue(
        src,
        field,
        "bad_attribute",
        `${at} "${text}" is not an attribute${why} (${allowed}). ${ESCAPE_HINT}`,
        escapedAt(src, split, field),
      ));
    }
  }
  return { status: status ?? "todo", priority: priority ?? 2 };
}

/**
 * Parses one `--task` or `--subtask` spec. `parent` says whether the spec
 * starts with a parent reference (`--subtask` of epic create/expand).
 */
export function parseItemSpec(
  src: SpecSource,
  o: { parent: boolean; forTask: boolean },
  issues: Issue[],
): ItemSpec {
  const before = issues.length;
  const spec: ItemSpec = {
    ...src,
    key: null,
    parentRef: null,
    title: "",
    description: "",
    status: "todo",
    priority: 2,
    bad: true,
  };
  if (!withinLength(src, issues)) return spec;
  const split = splitSpec(src, issues);
  if (!split) return spec;
  const off = o.parent ? 1 : 0;
  const f = split.fields;
  if (f.length < 3 + off) {
    const shape = `${o.parent ? "<parent-ref> | " : ""}<key> | <title> | <description>`;
    issues.push(issue(
      src,
      null,
      "field_count",
      `${where(src, null)} has ${f.length} field${
        f.length === 1 ? "" : "s"
      }; expected ${shape} [| <attribute>]... (the description may be empty, as in "k1|Title|")`,
    ));
    return spec;
  }
  if (o.parent) {
    spec.parentRef = f[0]!;
    if (f[0] === "") {
      issues.push(issue(src, 1, "empty_field", `${where(src, 1)}: the parent reference is empty`));
    }
  }
  spec.key = checkKey(src, off + 1, f[off]!, issues);
  spec.title = f[off + 1]!;
  checkTitle(src, off + 2, spec.title, issues);
  spec.description = cleanDescription(src, off + 3, f[off + 2]!, issues);
  Object.assign(spec, parseAttributes(src, split, off + 3, o.forTask, issues));
  spec.bad = issues.length > before;
  return spec;
}

/** Parses one `--dep` spec: `<source-ref>|<depends-on-ref>`. */
export function parseDepSpec(src: SpecSource, issues: Issue[]): DepSpec {
  const before = issues.length;
  const spec: DepSpec = { ...src, source: "", dependsOn: "", bad: true };
  if (!withinLength(src, issues)) return spec;
  const split = splitSpec(src, issues);
  if (!split) return spec;
  if (split.fields.length !== 2) {
    issues.push(issue(
      src,
      null,
      "field_count",
      `${where(src, null)} has ${split.fields.length} field${
        split.fields.length === 1 ? "" : "s"
      }; expected exactly 2: <source-ref>|<depends-on-ref>`,
    ));
    return spec;
  }
  [spec.source, spec.dependsOn] = split.fields as [string, string];
  split.fields.forEach((text, i) => {
    if (text === "") {
      issues.push(issue(src, i + 1, "empty_field", `${where(src, i + 1)}: the reference is empty`));
    }
  });
  spec.bad = issues.length > before;
  return spec;
}

/** Parses one `--criterion` spec: `<task-ref>|<text>`. */
export function parseCriterionSpec(src: SpecSource, issues: Issue[]): CriterionSpec {
  const before = issues.length;
  const spec: CriterionSpec = { ...src, taskRef: "", text: "", bad: true };
  if (!withinLength(src, issues)) return spec;
  const split = splitSpec(src, issues);
  if (!split) return spec;
  if (split.fields.length !== 2) {
    const many = split.fields.length > 2;
    const fixed = many
      ? split.separators.slice(1).reduceRight(
        (text, at) => text.slice(0, at) + "\\" + text.slice(at),
        src.raw,
      )
      : undefined;
    issues.push(issue(
      src,
      null,
      "field_count",
      `${where(src, null)} has ${split.fields.length} field${
        split.fields.length === 1 ? "" : "s"
      }; expected exactly 2: <task-ref>|<text>${many ? `. ${ESCAPE_HINT}` : ""}`,
      fixed,
    ));
    return spec;
  }
  [spec.taskRef, spec.text] = split.fields as [string, string];
  if (spec.taskRef === "") {
    issues.push(issue(src, 1, "empty_field", `${where(src, 1)}: the task reference is empty`));
  }
  if (spec.text === "") {
    issues.push(issue(src, 2, "empty_field", `${where(src, 2)}: the criterion text is empty`));
  } else if (CONTROL.test(spec.text)) {
    issues.push(issue(
      src,
      2,
      "invalid_value",
      `${where(src, 2)}: the criterion text must be one line without control characters`,
    ));
  } else if (codePoints(spec.text) > LIMITS.criterion) {
    issues.push(issue(
      src,
      2,
      "too_long",
      `${where(src, 2)}: the criterion text is ${
        codePoints(spec.text)
      } characters long; the limit is ${LIMITS.criterion}`,
    ));
  }
  spec.bad = issues.length > before;
  return spec;
}
