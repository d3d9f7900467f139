/**
 * Import, step 1 (SPEC §12.4): the file's shape and field rules, checked
 * without the database. Every issue is collected with a JSON Pointer.
 *
 * @module
 */
import { isFullId } from "../ids.ts";
import { checkId, convert, DEFAULTS, FIELDS, jsonType, KIND_OF, typeOk } from "./import_fields.ts";

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
