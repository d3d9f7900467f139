/**
 * Human rendering helpers (SPEC §3.9): aligned tables, status colours,
 * errors with their details and hints.
 *
 * @module
 */
import type { Envelope } from "./envelope.ts";

/** How human output may look on this terminal. */
export interface HumanStyle {
  color: boolean;
  columns: number;
}

const COLORS: Record<string, string> = {
  todo: "\x1b[37m",
  in_progress: "\x1b[33m",
  blocked: "\x1b[31m",
  done: "\x1b[32m",
  p0: "\x1b[1;31m",
  p1: "\x1b[31m",
  p2: "\x1b[0m",
  p3: "\x1b[2m",
  p4: "\x1b[2m",
};

let style: HumanStyle = { color: false, columns: 80 };

/** Sets the style used by `paint` and `table` for this invocation. */
export function setHumanStyle(s: HumanStyle): void {
  style = s;
}

/** Colours a status or priority word when colours are on. */
export function paint(word: string | null | undefined): string {
  const text = word ?? "-";
  const c = COLORS[text];
  return style.color && c ? `${c}${text}\x1b[0m` : text;
}

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string) => [...s.replace(ANSI, "")].length;

function cut(text: string, width: number): string {
  if (visible(text) <= width) return text;
  const plain = [...text.replace(ANSI, "")];
  return plain.slice(0, Math.max(0, width - 1)).join("") + "…";
}

/**
 * An aligned table with a header row, columns separated by two spaces and
 * the last column truncated to the terminal width. `empty` when no rows.
 */
export function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return empty;
  const widths = headers.map((h, i) =>
    Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? "")))
  );
  const lines = [headers, ...rows].map((cells) => {
    const padded = cells.map((c, i) =>
      i === cells.length - 1 ? c : c + " ".repeat(widths[i]! - visible(c))
    );
    return cut(padded.join("  ").trimEnd(), style.columns);
  });
  return lines.join("\n");
}

/** Quotes a title for summaries. */
export function q(text: string | null | undefined): string {
  return `"${text ?? ""}"`;
}

/** `HH:MM` of an ISO instant, or the ISO date and time when on another day. */
export function shortTime(isoText: string | null | undefined): string {
  if (!isoText) return "-";
  return isoText.slice(0, 16).replace("T", " ");
}

/** Fallback rendering of any data as indented `key: value` lines. */
export function renderGeneric(data: unknown, indent = ""): string {
  if (data === null || typeof data !== "object") return `${indent}${String(data)}`;
  const lines: string[] = [];
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (v === null || typeof v !== "object") {
      lines.push(`${indent}${k}: ${v === null ? "-" : String(v)}`);
    } else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== "object")) {
      lines.push(`${indent}${k}: ${v.length ? v.join(", ") : "(none)"}`);
    } else if (Array.isArray(v)) {
      lines.push(`${indent}${k}:${v.length ? "" : " (none)"}`);
      for (const item of v) {
        lines.push(renderGeneric(item, `${indent}  `).replace(/^(\s*)/, "$1- "));
      }
    } else {
      lines.push(`${indent}${k}:`);
      lines.push(renderGeneric(v, `${indent}  `));
    }
  }
  return lines.join("\n");
}

/** `error: <message> [<code>]`, detail lines, then `hint:`. */
export function renderError(env: Envelope): string {
  const err = env.error!;
  const lines = [`error: ${err.message} [${err.code}]`];
  const d = err.details;
  for (const key of ["unresolved", "open", "candidates", "issues", "failures", "blockers"]) {
    const list = d[key];
    if (!Array.isArray(list)) continue;
    for (const item of list.slice(0, 20) as Record<string, unknown>[]) {
      const parts = [
        item.id ?? item.index ?? "",
        item.status ?? item.code ?? "",
        item.title ?? item.text ?? item.message ?? "",
      ];
      lines.push(`  ${parts.filter((p) => p !== "").map(String).join("  ")}`);
    }
  }
  if (Array.isArray(d.suggestions) && d.suggestions.length) {
    lines.push(`  did you mean: ${d.suggestions.join(", ")}`);
  }
  if (typeof d.hint === "string") lines.push(`hint: ${d.hint}`);
  return lines.join("\n");
}

/** Warning lines after a summary (SPEC §3.10). */
export function renderWarnings(data: unknown): string {
  const warnings = (data as { warnings?: { message: string }[] })?.warnings;
  return Array.isArray(warnings) ? warnings.map((w) => `warning: ${w.message}`).join("\n") : "";
}
