/**
 * Import field definitions and value rules (SPEC §5.4, §12.4): which fields
 * each array's records carry, their JSON types, and their stored forms.
 *
 * @module
 */
import { type IdKind, isFullId } from "../ids.ts";
import { STATUSES } from "../records.ts";
import { codePoints, LIMITS } from "../text.ts";
import type { Issues } from "./import_shape.ts";

export type Type = "string" | "string?" | "number" | "boolean?" | "instant" | "instant?";
type Rule = "title" | "text" | "description" | "status" | "priority" | "owner?" | "evidence";

export interface FieldDef {
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

export const KIND_OF = {
  epics: "epic",
  tasks: "task",
  subtasks: "subtask",
  criteria: "criterion",
} as const;
export const DEFAULTS: Record<string, unknown> = { description: "", priority: 2, checked: 0 };

export function typeOk(v: unknown, type: Type): boolean {
  if (type.endsWith("?") && v === null) return true;
  if (type.startsWith("string") || type.startsWith("instant")) return typeof v === "string";
  if (type === "number") return typeof v === "number";
  return typeof v === "boolean";
}

export function jsonType(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks a field value against its rule; returns the stored value, or undefined after an issue. */
export function convert(
  def: FieldDef,
  v: unknown,
  ptr: string,
  id: string,
  issues: Issues,
): unknown {
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

export function checkId(
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
