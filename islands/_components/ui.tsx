/** Small presentational pieces shared by the islands. */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { BoardTask } from "../_lib/types.ts";
import { leaseState, shortId, statusLabel } from "../_lib/format.ts";
import { CopyIcon, StatusIcon, UserIcon } from "./icons.tsx";

/** Status pill with its glyph. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge status-badge s-${status}`}>
      <StatusIcon status={status} size={12} />
      {statusLabel(status)}
    </span>
  );
}

/** Priority badge: p0 urgent … p4 lowest. */
export function PriorityBadge({ priority, quiet = false }: { priority: string; quiet?: boolean }) {
  if (quiet && priority === "p2") return null;
  const names: Record<string, string> = {
    p0: "Urgent",
    p1: "High",
    p2: "Normal",
    p3: "Low",
    p4: "Lowest",
  };
  return (
    <span
      class={`badge prio prio-${priority}`}
      title={`Priority ${priority.toUpperCase()} (${names[priority] ?? ""})`}
    >
      <span class="prio-bars" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {priority.toUpperCase()}
    </span>
  );
}

/** Id chip: shows the short id, copies the full one on click. */
export function IdChip({ id, full = false }: { id: string; full?: boolean }) {
  const [copied, setCopied] = useState(false);
  const copy = (e: Event) => {
    e.stopPropagation();
    e.preventDefault();
    navigator.clipboard?.writeText(id).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    }, () => {});
  };
  return (
    <button
      type="button"
      class={`id-chip${copied ? " copied" : ""}`}
      onClick={copy}
      title={`Copy ${id}`}
      aria-label={`Copy id ${id}`}
    >
      {copied ? "copied" : full ? id : shortId(id)}
      {full && <CopyIcon size={12} />}
    </button>
  );
}

/** Owner with lease state (live / expires in / stale). */
export function OwnerChip(
  { item, now }: {
    item: { owner: string | null; status: string; leaseExpiresAt: string | null };
    now: number;
  },
) {
  if (!item.owner) return null;
  const lease = leaseState(item, now);
  return (
    <span
      class={`owner-chip lease-${lease.kind}`}
      title={lease.text ? `${item.owner} · ${lease.text}` : item.owner}
    >
      <span class="avatar" aria-hidden="true">{item.owner.slice(0, 1).toUpperCase()}</span>
      <span class="owner-name">{item.owner}</span>
      {lease.kind === "stale" && <span class="stale-tag">stale</span>}
      {lease.kind === "expires" && <span class="lease-dot" aria-hidden="true" />}
    </span>
  );
}

/** Readiness: ready, waiting on N, blocked. */
export function ReadinessBadge({ readiness }: { readiness: BoardTask["readiness"] }) {
  if (readiness.state === "done") return null;
  if (readiness.state === "ready") return <span class="badge ready">ready</span>;
  if (readiness.state === "blocked") return <span class="badge blocked-tag">blocked</span>;
  return <span class="badge waiting">waiting on {readiness.blockers.length}</span>;
}

/** Stacked progress bar drawn in SVG (no inline styles under the CSP). */
export function ProgressBar(
  { counts, total, label }: {
    counts: { [status: string]: number } | object;
    total: number;
    label?: string;
  },
) {
  const order = ["done", "in_progress", "blocked"];
  const c = counts as Record<string, number>;
  let x = 0;
  return (
    <svg
      class="progress"
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      role="img"
      aria-label={label ?? `${c.done ?? 0} of ${total} done`}
    >
      <rect class="track" x="0" y="0" width="100" height="6" />
      {total > 0 && order.map((s) => {
        const w = ((c[s] ?? 0) / total) * 100;
        const r = <rect class={`seg s-${s}`} x={x} y="0" width={w} height="6" />;
        x += w;
        return w > 0 ? r : null;
      })}
    </svg>
  );
}

/** A keyboard key. */
export function Kbd({ children }: { children: ComponentChildren }) {
  return <kbd>{children}</kbd>;
}

/** A friendly empty state. */
export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <div class="empty-art" aria-hidden="true">
        <svg width="56" height="56" viewBox="0 0 56 56">
          <ellipse cx="28" cy="44" rx="19" ry="6" class="logo-stone logo-1" />
          <ellipse cx="28" cy="31" rx="13" ry="5" class="logo-stone logo-2" />
          <ellipse cx="28" cy="19.5" rx="8" ry="4.2" class="logo-stone logo-3" />
        </svg>
      </div>
      <p class="empty-title">{title}</p>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}

/** Avatar-less owner label for tight places. */
export function OwnerLabel({ owner }: { owner: string }) {
  return (
    <span class="owner-label">
      <UserIcon size={12} />
      {owner}
    </span>
  );
}

/**
 * One option of a listbox driven from a text field: chosen on mouse down, so
 * the field keeps focus, and highlighted on hover like the arrow keys do.
 */
export function ListOption(
  { id, class: cls, active, onChoose, onHover, children }: {
    id: string;
    class: string;
    active: boolean;
    onChoose: () => void;
    onHover: () => void;
    children: ComponentChildren;
  },
) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      class={`${cls}${active ? " active" : ""}`}
      onMouseDown={(e) => {
        e.preventDefault();
        onChoose();
      }}
      onMouseEnter={onHover}
    >
      {children}
    </div>
  );
}
