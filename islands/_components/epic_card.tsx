/** An epic card of the overview: status, title, priority, ready count, progress by status, owners, last update. */
import { relativeTime, statusLabel } from "../_lib/format.ts";
import type { BoardStore } from "../_lib/store.ts";
import { type BoardEpic, STATUS_ORDER } from "../_lib/types.ts";
import { ChevronRight, GripIcon, StatusIcon } from "./icons.tsx";
import { IdChip, PriorityBadge, ProgressBar } from "./ui.tsx";

function activeOwners(store: BoardStore, epic: BoardEpic): string[] {
  const owners = new Set<string>();
  for (const id of epic.taskIds) {
    const t = store.tasks.get(id);
    if (t?.status === "in_progress" && t.owner) owners.add(t.owner);
  }
  return [...owners];
}

/** One epic in the overview list. */
export function EpicCard(
  { epic, store, dragging, lifted, dropBefore, onPointerDown, onKeyDown }: {
    epic: BoardEpic;
    store: BoardStore;
    dragging: boolean;
    lifted: boolean;
    dropBefore?: boolean;
    onPointerDown?: (e: PointerEvent) => void;
    onKeyDown?: (e: KeyboardEvent) => void;
  },
) {
  const p = epic.progress;
  const owners = activeOwners(store, epic);
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
  return (
    <a
      href={`/epics/${epic.id}`}
      class={`epic-card${dragging ? " placeholder" : ""}${lifted ? " lifted" : ""}${
        dropBefore ? " drop-before" : ""
      }`}
      data-drag-id={epic.id}
      data-card-id={epic.id}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      aria-roledescription="Epic, press Space to reorder"
    >
      <span class="grip" aria-hidden="true">
        <GripIcon size={14} />
      </span>
      <div class="epic-card-main">
        <div class="epic-card-top">
          <StatusIcon status={epic.status} size={16} />
          <h3 class="epic-title">{epic.title}</h3>
          <PriorityBadge priority={epic.priority} />
          {epic.readyCount > 0 && <span class="badge ready">{epic.readyCount} ready</span>}
          <span class="spacer" />
          <IdChip id={epic.id} />
        </div>
        <div class="epic-progress">
          <ProgressBar counts={p} total={p.total} />
          <span class="progress-text">
            <strong>{p.done}/{p.total}</strong> done · {pct}%
          </span>
        </div>
        <div class="epic-card-meta">
          <div class="status-counts">
            {p.total === 0
              ? <span class="muted">No tasks yet</span>
              : STATUS_ORDER.map((s) =>
                p[s] > 0 && (
                  <span key={s} class={`count s-${s}`}>
                    <i class="dot" aria-hidden="true" />
                    {p[s]} {statusLabel(s).toLowerCase()}
                  </span>
                )
              )}
          </div>
          <span class="spacer" />
          {owners.length > 0 && (
            <span class="owners" title={`Working: ${owners.join(", ")}`}>
              {owners.slice(0, 4).map((o) => (
                <span class="avatar" key={o}>{o.slice(0, 1).toUpperCase()}</span>
              ))}
              <span class="owners-names">
                {owners.slice(0, 2).join(", ")}
                {owners.length > 2 ? ` +${owners.length - 2}` : ""}
              </span>
            </span>
          )}
          <span class="muted updated">{relativeTime(epic.updatedAt, store.now)}</span>
        </div>
      </div>
      <ChevronRight size={16} class="card-chevron" />
    </a>
  );
}
