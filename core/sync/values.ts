/**
 * Value rules re-evaluated on remote values (SPEC §14.6 rule 7): enums,
 * lengths, id kinds. An invalid value is not applied.
 *
 * @module
 */
import { isFullId } from "../ids.ts";
import { STATUSES } from "../records.ts";
import { codePoints, LIMITS } from "../text.ts";

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function line(v: unknown, max: number): boolean {
  return typeof v === "string" && v.trim() !== "" && !CONTROL.test(v) && codePoints(v) <= max;
}

function block(v: unknown, max: number, nullable: boolean): boolean {
  return (nullable && v === null) || (typeof v === "string" && codePoints(v) <= max);
}

function owner(v: unknown): boolean {
  return v === null || (typeof v === "string" && v !== "" && !/\s/.test(v) && !CONTROL.test(v) &&
    codePoints(v) <= LIMITS.owner);
}

function instant(v: unknown, nullable: boolean): boolean {
  return (nullable && v === null) || (typeof v === "number" && Number.isFinite(v));
}

/** Whether a stored-form value is valid for a column. */
export function validValue(column: string, v: unknown): boolean {
  switch (column) {
    case "title":
      return line(v, LIMITS.title);
    case "text":
      return line(v, LIMITS.criterion);
    case "description":
      return block(v, LIMITS.description, false);
    case "evidence":
      return block(v, LIMITS.evidence, true);
    case "status":
      return (STATUSES as readonly unknown[]).includes(v);
    case "priority":
      return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4;
    case "owner":
    case "checked_by":
      return owner(v);
    case "epic_id":
      return typeof v === "string" && isFullId(v, "epic");
    case "task_id":
      return typeof v === "string" && isFullId(v, "task");
    case "position":
      return typeof v === "number" && Number.isFinite(v);
    case "created_at":
      return instant(v, false);
    case "claimed_at":
    case "lease_expires_at":
    case "completed_at":
    case "checked_at":
      return instant(v, true);
    case "lease_ms":
      return v === null || (Number.isInteger(v) && (v as number) >= 0);
    case "checked":
      return v === 0 || v === 1;
    default:
      return false;
  }
}
