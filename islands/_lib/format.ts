/** Small formatting helpers for the board UI. */
import type { Status } from "./types.ts";

/** Human label of a status. */
export function statusLabel(s: Status | string): string {
  return s === "in_progress"
    ? "In progress"
    : s === "todo"
    ? "Todo"
    : s === "blocked"
    ? "Blocked"
    : s === "done"
    ? "Done"
    : s;
}

/** Short relative time ("just now", "5m ago", "3h ago", "2d ago", or a date). */
export function relativeTime(iso: string | null, now: number): string {
  if (!iso) return "";
  const ms = now - Date.parse(iso);
  const s = Math.round(ms / 1000);
  if (s < 45) return s < -45 ? "in " + duration(-ms) : "just now";
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86_400) return `${Math.round(s / 3600)}h ago`;
  if (s < 86_400 * 30) return `${Math.round(s / 86_400)}d ago`;
  return new Date(iso).toISOString().slice(0, 10);
}

/** Compact duration: "42s", "12m", "3h 5m", "2d". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** "2026-05-02 13:45" in local time. */
export function dateTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${
    p(d.getMinutes())
  }`;
}

/** Lease state of an owned item. */
export function leaseState(
  item: { owner: string | null; status: string; leaseExpiresAt: string | null },
  now: number,
): { kind: "none" | "live" | "expires" | "stale"; text: string } {
  if (!item.owner) return { kind: "none", text: "" };
  if (!item.leaseExpiresAt) {
    return { kind: "live", text: item.status === "in_progress" ? "working" : "" };
  }
  const left = Date.parse(item.leaseExpiresAt) - now;
  if (left < 0) {
    return item.status === "in_progress"
      ? { kind: "stale", text: "stale" }
      : { kind: "none", text: "" };
  }
  return { kind: "expires", text: `expires in ${duration(left)}` };
}

/** Shortened id for chips: "t-3k9q". */
export function shortId(id: string): string {
  return id.slice(0, 6);
}

/** "1 task" / "3 tasks". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
