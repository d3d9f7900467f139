/**
 * Board input values mapped to core inputs: full ids only (a prefix is
 * `invalid_id`), statuses, priorities (`"p1"` → 1), ranges and csv lists,
 * with the same usage errors as the CLI (400).
 */
import { CairnError, type IdKind, requireFullId, type Status } from "../../core/mod.ts";

const STATUSES = ["todo", "in_progress", "blocked", "done"];

/** A full id of one of the kinds (or undefined when absent). */
export function fullId(value: string | undefined, kinds: readonly IdKind[]): string | undefined {
  if (value === undefined) return undefined;
  requireFullId(value, kinds);
  return value;
}

/** A status value. */
export function status(value: string | undefined, field = "status"): Status | undefined {
  if (value === undefined) return undefined;
  if (!STATUSES.includes(value)) {
    throw new CairnError(
      "invalid_value",
      `Invalid ${field} "${value}": expected one of ${STATUSES.join(", ")}`,
      {
        option: field,
        value,
        allowed: STATUSES,
      },
    );
  }
  return value as Status;
}

/** `"p0"`..`"p4"` as the stored integer. */
export function priority(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^p([0-4])$/i.exec(value);
  if (!m) {
    throw new CairnError("invalid_value", `Invalid priority "${value}": expected p0..p4`, {
      option: "priority",
      value,
      allowed: ["p0", "p1", "p2", "p3", "p4"],
    });
  }
  return Number(m[1]);
}

/** An integer within bounds (or undefined). */
export function intIn(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CairnError(
      "invalid_value",
      `Invalid ${name} "${value}": expected an integer ${min}..${max}`,
      {
        option: name,
        value: String(value),
        expected: `${min}..${max}`,
      },
    );
  }
  return value;
}

/** Comma-separated words from an allowed set (or undefined). */
export function csv<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (value === undefined) return undefined;
  const words = value.split(",").map((w) => w.trim()).filter((w) => w !== "");
  if (words.length === 0 || words.some((w) => !allowed.includes(w as T))) {
    throw new CairnError(
      "invalid_value",
      `Invalid ${name} "${value}": expected comma-separated ${allowed.join(", ")}`,
      {
        option: name,
        value,
        allowed: [...allowed],
      },
    );
  }
  return words as T[];
}

/** The `before`/`after` placement of a body, as full ids of the given kind. */
export function placement(body: { before?: string; after?: string }, kind: IdKind) {
  return { before: fullId(body.before, [kind]), after: fullId(body.after, [kind]) };
}

/** The version of the one record in a command's data (for `ETag`). */
export function versionOf(
  data: Record<string, { version?: number } | undefined>,
): number | undefined {
  for (const key of ["epic", "task", "subtask", "criterion"]) {
    const v = data?.[key]?.version;
    if (typeof v === "number") return v;
  }
  return undefined;
}

/** A required body field (`missing_argument` when absent). */
export function required<T>(body: Record<string, unknown>, name: string): T {
  const v = body[name];
  if (v === undefined) {
    throw new CairnError("missing_argument", `Field "${name}" is required`, { argument: name });
  }
  return v as T;
}
