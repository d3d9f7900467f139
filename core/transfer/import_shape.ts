/**
 * Import, step 1 (SPEC §12.4): the file's shape and field rules, checked
 * without the database. Every issue is collected with a JSON Pointer.
 *
 * @module
 */
import { type IdKind, isFullId } from "../ids.ts";
import { STATUSES } from "../records.ts";
import { codePoints, LIMITS } from "../text.ts";

/** Most records one import may hold (SPEC §19.1). */
export const MAX_RECORDS = 200_000;

/** One validation issue (SPEC §12.4). */
export interface ImportIssue {
  pointer: string;
  id: string | null;
  code: string;
  message: string;
}

/** Collected issues: the first 100 are kept, all are counted. */
export class Issues {
  readonly list: ImportIssue[] = [];
  total = 0;

  add(pointer: string, id: string | null, code: string, message: string): void {
    this.total++;
    if (this.list.length < 100) this.list.push({ pointer, id, code, message });
  }
}

/** A record of the file with stored-form values and its pointer. */
export interface Rec {
  ptr: string;
  id: string;
  /** Column → stored value (priority as integer, instants as ms, checked as 0/1). */
  cols: Record<string, unknown>;
}

/** An edge of the file. */
export interface EdgeRec {
  ptr: string;
  sourceId: string;
  dependsOnId: string;
  createdAt: number | null;
  createdBy: string | null;
}

/** The file after the shape checks. */
export interface ImportDoc {
  epics: Rec[];
  tasks: Rec[];
  subtasks: Rec[];
  criteria: Rec[];
  edges: EdgeRec[];
  external: { ptr: string; id: string }[];
  /** Ids of records rejected by the shape checks (references to them are not reported again). */
  rejected: Set<string>;
}

type Type = "string" | "string?" | "number" | "boolean?" | "instant" | "instant?";
type Rule = "title" | "text" | "description" | "status" | "priority" | "owner?" | "evidence";

interface FieldDef {
  field: string;
  column: string;
  type: Type;
  required: boolean;
  rule?: Rule;
  ref?: IdKind;
}

const f = (
  field: string,
  column: string,
  type: Type,
  required: boolean,
  rule?: Rule,
  ref?: IdKind,
): FieldDef => ({
  field,
  column,
  type,
  required,
  rule,
  ref,
});

const COMMON_TAIL = [
  f("position", "position", "number", true),
  f("createdAt", "created_at", "instant", true),
];

/** Fields of each array, in record order. */
export const FIELDS: Record<"epics" | "tasks" | "subtasks" | "criteria", FieldDef[]> = {
  epics: [
    f("title", "title", "string", true, "title"),
    f("description", "description", "string", false, "description"),
    f("status", "status", "string", true, "status"),
    f("priority", "priority", "string", false, "priority"),
    ...COMMON_TAIL,
    f("completedAt", "completed_at", "instant?", false),
  ],
  tasks: [
    f("epicId", "epic_id", "string", true, undefined, "epic"),
    f("title", "title", "string", true, "title"),
    f("description", "description", "string", false, "description"),
    f("status", "status", "string", true, "status"),
    f("priority", "priority", "string", false, "priority"),
    f("owner", "owner", "string?", false, "owner?"),
    f("claimedAt", "claimed_at", "instant?", false),
    ...COMMON_TAIL,
    f("completedAt", "completed_at", "instant?", false),
  ],
  subtasks: [
    f("taskId", "task_id", "string", true, undefined, "task"),
    f("title", "title", "string", true, "title"),
    f("description", "description", "string", false, "description"),
    f("status", "status", "string", true, "status"),
    f("owner", "owner", "string?", false, "owner?"),
    f("claimedAt", "claimed_at", "instant?", false),
    ...COMMON_TAIL,
    f("completedAt", "completed_at", "instant?", false),
  ],
  criteria: [
    f("taskId", "task_id", "string", true, undefined, "task"),
    f("text", "text", "string", true, "text"),
    f("checked", "checked", "boolean?", false),
    f("evidence", "evidence", "string?", false, "evidence"),
    f("checkedAt", "checked_at", "instant?", false),
    f("checkedBy", "checked_by", "string?", false, "owner?"),
    ...COMMON_TAIL,
  ],
};

const KIND_OF = {
  epics: "epic",
  tasks: "task",
  subtasks: "subtask",
  criteria: "criterion",
} as const;
const DEFAULTS: Record<string, unknown> = { description: "", priority: 2, checked: 0 };

function typeOk(v: unknown, type: Type): boolean {
  if (type.endsWith("?") && v === null) return true;
  if (type.startsWith("string") || type.startsWith("instant")) return typeof v === "string";
  if (type === "number") return typeof v === "number";
  return typeof v === "boolean";
}

function jsonType(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks a field value against its rule; returns the stored value, or undefined after an issue. */
function convert(def: FieldDef, v: unknown, ptr: string, id: string, issues: Issues): unknown {
  if (v === null) return null;
  if (def.type.startsWith("instant")) {
    const ms = Date.parse(v as string);
    if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(v as string)) {
      issues.add(ptr, id, "invalid_value", `${def.field} "${v}" is not an ISO-8601 instant`);
      return undefined;
    }
    return ms;
  }
  if (def.type === "number") {
    if (!Number.isFinite(v)) {
      issues.add(ptr, id, "invalid_value", `${def.field} must be a finite number`);
    }
    return v;
  }
  if (def.type.startsWith("boolean")) return v ? 1 : 0;
  const s = v as string;
  const max: Record<string, number> = {
    title: LIMITS.title,
    text: LIMITS.criterion,
    description: LIMITS.description,
    evidence: LIMITS.evidence,
    "owner?": LIMITS.owner,
  };
  switch (def.rule) {
    case "status":
      if (!(STATUSES as readonly string[]).includes(s)) {
        issues.add(ptr, id, "invalid_value", `status "${s}" is not one of ${STATUSES.join(", ")}`);
      }
      return s;
    case "priority":
      if (!/^p[0-4]$/.test(s)) {
        issues.add(ptr, id, "invalid_value", `priority "${s}" is not p0..p4`);
      }
      return Number(s.slice(1));
    case "title":
    case "text":
      if (s.trim() !== s || s === "" || CONTROL.test(s)) {
        issues.add(ptr, id, "invalid_value", `${def.field} must be one trimmed, non-empty line`);
      }
      break;
    case "owner?":
      if (s === "" || /\s/.test(s) || CONTROL.test(s)) {
        issues.add(
          ptr,
          id,
          "invalid_value",
          `${def.field} "${s}" must be 1-100 characters without spaces`,
        );
      }
      break;
  }
  if (def.rule && max[def.rule] !== undefined && codePoints(s) > max[def.rule]!) {
    issues.add(ptr, id, "too_long", `${def.field} is longer than ${max[def.rule]} characters`);
  }
  return s;
}

function checkId(
  raw: unknown,
  kind: IdKind,
  ptr: string,
  issues: Issues,
  label = "id",
): string | null {
  if (typeof raw !== "string") {
    issues.add(ptr, null, "bad_shape", `${label} must be a string, not ${jsonType(raw)}`);
    return null;
  }
  if (isFullId(raw, kind)) return raw;
  if (isFullId(raw)) {
    issues.add(ptr, raw, "kind_mismatch", `${label} "${raw}" is not a ${kind} id`);
  } else issues.add(ptr, raw, "invalid_id", `${label} "${raw}" is not a full ${kind} id`);
  return null;
}

function records(
  doc: Record<string, unknown>,
  key: keyof typeof FIELDS,
  issues: Issues,
  seen: Set<string>,
  rejected: Set<string>,
): Rec[] {
  const kind = KIND_OF[key];
  const out: Rec[] = [];
  (doc[key] as unknown[]).forEach((raw, i) => {
    const ptr = `/${key}/${i}`;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      issues.add(ptr, null, "bad_shape", `${key}[${i}] must be an object`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const id = checkId(r.id, kind, `${ptr}/id`, issues);
    if (id === null) {
      if (typeof r.id === "string") rejected.add(r.id);
      return;
    }
    if (seen.has(id)) {
      issues.add(`${ptr}/id`, id, "duplicate_id", `id "${id}" appears more than once`);
    }
    seen.add(id);
    if (r.kind !== undefined && r.kind !== kind) {
      issues.add(
        `${ptr}/kind`,
        id,
        "kind_mismatch",
        `kind "${String(r.kind)}" in ${key} must be "${kind}"`,
      );
    }
    const cols: Record<string, unknown> = {};
    for (const def of FIELDS[key]) {
      const v = r[def.field];
      const fp = `${ptr}/${def.field}`;
      if (v === undefined) {
        if (def.required) issues.add(fp, id, "bad_shape", `${def.field} is required`);
        else cols[def.column] = DEFAULTS[def.column] ?? null;
        continue;
      }
      if (!typeOk(v, def.type)) {
        issues.add(
          fp,
          id,
          "bad_shape",
          `${def.field} must be ${def.type.replace("?", " or null")}, not ${jsonType(v)}`,
        );
        continue;
      }
      if (def.ref) {
        if (checkId(v, def.ref, fp, issues, def.field) !== null) cols[def.column] = v;
        continue;
      }
      const value = convert(def, v, fp, id, issues);
      if (value !== undefined) cols[def.column] = value;
    }
    out.push({ ptr, id, cols });
  });
  return out;
}

function edges(doc: Record<string, unknown>, issues: Issues): EdgeRec[] {
  const out: EdgeRec[] = [];
  const seen = new Set<string>();
  (doc.dependencies as unknown[]).forEach((raw, i) => {
    const ptr = `/dependencies/${i}`;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      issues.add(ptr, null, "bad_shape", `dependencies[${i}] must be an object`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const ends = (["sourceId", "dependsOnId"] as const).map((k) => {
      const v = r[k];
      if (typeof v !== "string") {
        issues.add(`${ptr}/${k}`, null, "bad_shape", `${k} must be a string`);
        return null;
      }
      if (isFullId(v, "task") || isFullId(v, "subtask")) return v;
      issues.add(
        `${ptr}/${k}`,
        v,
        isFullId(v) ? "kind_mismatch" : "invalid_id",
        `${k} "${v}" is not a full task or subtask id`,
      );
      return null;
    });
    const createdAt = typeof r.createdAt === "string" ? Date.parse(r.createdAt) : null;
    if (r.createdAt !== undefined && (createdAt === null || Number.isNaN(createdAt))) {
      issues.add(
        `${ptr}/createdAt`,
        null,
        "invalid_value",
        "createdAt must be an ISO-8601 instant",
      );
    }
    if (r.createdBy !== undefined && (typeof r.createdBy !== "string" || r.createdBy === "")) {
      issues.add(`${ptr}/createdBy`, null, "bad_shape", "createdBy must be a non-empty string");
    }
    const [s, d] = ends;
    if (!s || !d) return;
    const key = `${s}>${d}`;
    if (s === d) issues.add(ptr, key, "cycle", `"${s}" cannot depend on itself`);
    if (seen.has(key)) {
      issues.add(ptr, key, "duplicate_id", `the edge ${key} appears more than once`);
    }
    seen.add(key);
    out.push({
      ptr,
      sourceId: s,
      dependsOnId: d,
      createdAt: createdAt === null || Number.isNaN(createdAt) ? null : createdAt,
      createdBy: typeof r.createdBy === "string" ? r.createdBy : null,
    });
  });
  return out;
}

/** Parses and shape-checks an export document. Issues go to `issues`. */
export function checkShape(text: string, issues: Issues): ImportDoc | null {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    issues.add("", null, "bad_format", `The file is not JSON: ${(err as Error).message}`);
    return null;
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    issues.add("", null, "bad_format", "The file is not a cairn export object");
    return null;
  }
  if (doc.format !== "cairn-export") {
    issues.add("/format", null, "bad_format", `format must be "cairn-export"`);
  }
  if (doc.version !== 1) {
    issues.add("/version", null, "bad_version", "Only version 1 exports can be imported");
  }
  for (const key of ["epics", "tasks", "subtasks", "criteria", "dependencies"]) {
    if (!Array.isArray(doc[key])) {
      issues.add(`/${key}`, null, "bad_shape", `${key} must be an array`);
    }
  }
  if (doc.external !== undefined && !Array.isArray(doc.external)) {
    issues.add("/external", null, "bad_shape", "external must be an array");
  }
  if (issues.total) return null;
  const count = ["epics", "tasks", "subtasks", "criteria", "dependencies", "external"]
    .reduce((n, k) => n + ((doc[k] as unknown[] | undefined)?.length ?? 0), 0);
  if (count > MAX_RECORDS) {
    issues.add(
      "",
      null,
      "bad_shape",
      `The file holds ${count} records; the limit is ${MAX_RECORDS}`,
    );
    return null;
  }
  const seen = new Set<string>();
  const rejected = new Set<string>();
  const external = ((doc.external ?? []) as unknown[]).map((x, i) => {
    const ptr = `/external/${i}/id`;
    const id = x && typeof x === "object" ? (x as Record<string, unknown>).id : undefined;
    return { ptr, id: checkId(id, String(id).startsWith("s-") ? "subtask" : "task", ptr, issues) };
  }).filter((x): x is { ptr: string; id: string } => x.id !== null);
  return {
    epics: records(doc, "epics", issues, seen, rejected),
    tasks: records(doc, "tasks", issues, seen, rejected),
    subtasks: records(doc, "subtasks", issues, seen, rejected),
    criteria: records(doc, "criteria", issues, seen, rejected),
    edges: edges(doc, issues),
    external,
    rejected,
  };
}
