/**
 * The batch spec grammar (SPEC §10.2): field counts, temp keys, titles,
 * descriptions and criterion texts of `--task`, `--subtask`, `--dep` and
 * `--criterion` specs, reported as issues (§10.5). Pure: no database.
 *
 * @module
 */
import type { Status } from "../records.ts";
import { codePoints, LIMITS } from "../text.ts";
import { type Issue, issue, type IssueCode, type SpecSource, where } from "./issues.ts";
import { parseAttributes } from "./attributes.ts";
import { ESCAPE_HINT, type Split, splitSpec, withinLength } from "./split.ts";

export * from "./issues.ts";
export { type Split, splitSpec } from "./split.ts";

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

const TEMP_KEY = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const TITLE = { noun: "title", emptyCode: "empty_title", limit: LIMITS.title } as const;
const CRITERION_TEXT = {
  noun: "criterion text",
  emptyCode: "empty_field",
  limit: LIMITS.criterion,
} as const;

/** Whether a string is a valid temp key. */
export function isTempKey(text: string): boolean {
  return TEMP_KEY.test(text);
}

/** A one-line text field (title, criterion text): not empty, no control characters, within `limit`. */
function checkLine(
  src: SpecSource,
  field: number,
  text: string,
  o: { noun: string; emptyCode: IssueCode; limit: number },
  issues: Issue[],
): void {
  const at = where(src, field);
  if (text === "") {
    issues.push(issue(src, field, o.emptyCode, `${at}: the ${o.noun} is empty`));
  } else if (CONTROL.test(text)) {
    issues.push(issue(
      src,
      field,
      "invalid_value",
      `${at}: the ${o.noun} must be one line without control characters`,
    ));
  } else if (text.length > o.limit && codePoints(text) > o.limit) {
    issues.push(issue(
      src,
      field,
      "too_long",
      `${at}: the ${o.noun} is ${codePoints(text)} characters long; the limit is ${o.limit}`,
    ));
  }
}

/** A spec within the length limit split into fields, or null (with issues). */
function fieldsOf(src: SpecSource, issues: Issue[]): Split | null {
  return withinLength(src, issues) ? splitSpec(src, issues) : null;
}

/**
 * The two fields of a `<a>|<b>` spec, or null with a `field_count` issue;
 * `escapeHint` suggests escaping the extra separators (a `|` in the text).
 */
function twoFields(
  src: SpecSource,
  split: Split,
  o: { shape: string; escapeHint: boolean },
  issues: Issue[],
): [string, string] | null {
  const n = split.fields.length;
  if (n === 2) return split.fields as [string, string];
  const hint = o.escapeHint && n > 2;
  const fixed = hint
    ? split.separators.slice(1).reduceRight(
      (text, at) => text.slice(0, at) + "\\" + text.slice(at),
      src.raw,
    )
    : undefined;
  issues.push(issue(
    src,
    null,
    "field_count",
    `${where(src, null)} has ${n} field${n === 1 ? "" : "s"}; expected exactly 2: ${o.shape}${
      hint ? `. ${ESCAPE_HINT}` : ""
    }`,
    fixed,
  ));
  return null;
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
  const split = fieldsOf(src, issues);
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
  checkLine(src, off + 2, spec.title, TITLE, issues);
  spec.description = cleanDescription(src, off + 3, f[off + 2]!, issues);
  Object.assign(spec, parseAttributes(src, split, off + 3, o.forTask, issues));
  spec.bad = issues.length > before;
  return spec;
}

/** Parses one `--dep` spec: `<source-ref>|<depends-on-ref>`. */
export function parseDepSpec(src: SpecSource, issues: Issue[]): DepSpec {
  const before = issues.length;
  const spec: DepSpec = { ...src, source: "", dependsOn: "", bad: true };
  const split = fieldsOf(src, issues);
  const fields = split &&
    twoFields(src, split, { shape: "<source-ref>|<depends-on-ref>", escapeHint: false }, issues);
  if (!fields) return spec;
  [spec.source, spec.dependsOn] = fields;
  fields.forEach((text, i) => {
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
  const split = fieldsOf(src, issues);
  const fields = split &&
    twoFields(src, split, { shape: "<task-ref>|<text>", escapeHint: true }, issues);
  if (!fields) return spec;
  [spec.taskRef, spec.text] = fields;
  if (spec.taskRef === "") {
    issues.push(issue(src, 1, "empty_field", `${where(src, 1)}: the task reference is empty`));
  }
  checkLine(src, 2, spec.text, CRITERION_TEXT, issues);
  spec.bad = issues.length > before;
  return spec;
}
