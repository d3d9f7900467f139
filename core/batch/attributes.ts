/**
 * Attribute fields of `--task` / `--subtask` specs (SPEC §10.2): status and
 * priority in bare or named form, each at most once; anything else is an
 * error, never silently stored (the closed status footgun).
 *
 * @module
 */
import { type Status, STATUSES } from "../records.ts";
import { type Issue, issue, type SpecSource, where } from "./issues.ts";
import { ESCAPE_HINT, escapedAt, type Split } from "./split.ts";

const PRIORITY = /^p?([0-4])$/i;

/** Parses the attribute fields (SPEC §10.2). */
export function parseAttributes(
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
