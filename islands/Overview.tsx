/**
 * Epics overview (`/`): one card per epic in position order with status,
 * priority, progress by status, ready count, active owners and last update;
 * status filter pills (done hidden by default), the search text as filter,
 * "New epic", and reordering by drag or keyboard (`epic.move`).
 */
import { useEffect, useLayoutEffect, useMemo, useState } from "preact/hooks";
import { useBoard } from "./_lib/context.ts";
import { mutate } from "./_lib/api.ts";
import { anchorFor, positionAt, usePointerDrag } from "./_lib/drag.ts";
import { plural, statusLabel } from "./_lib/format.ts";
import { announce, focusFirstCard, shortcutAllowed } from "./_lib/keys.ts";
import { taskMatches } from "./_lib/search.ts";
import { type BoardEpic, STATUS_ORDER } from "./_lib/types.ts";
import { PlusIcon } from "./_components/icons.tsx";
import { Empty } from "./_components/ui.tsx";
import { NewEpicDialog } from "./_components/new_epic.tsx";
import { EpicCard } from "./_components/epic_card.tsx";

const DEFAULT_FILTER = ["todo", "in_progress", "blocked"];

export default function Overview() {
  const store = useBoard();
  const q = store.param("q") ?? "";
  const statusParam = store.param("status");
  const filter = statusParam === null
    ? DEFAULT_FILTER
    : statusParam === "all"
    ? [...STATUS_ORDER]
    : statusParam.split(",");
  const [creating, setCreating] = useState(false);
  const [lifted, setLifted] = useState<{ id: string; index: number } | null>(null);

  const all = store.epicList();
  const epics = useMemo(() =>
    all.filter((e) =>
      filter.includes(e.status) &&
      (!q || e.title.toLowerCase().includes(q.toLowerCase()) || e.id.startsWith(q.toLowerCase()) ||
        e.taskIds.some((id) => {
          const t = store.tasks.get(id);
          return t ? taskMatches(store, t, q) : false;
        }))
    ), [store.version, q, statusParam]);

  const move = (id: string, ids: string[], index: number) => {
    const anchor = anchorFor(ids, index);
    if (!anchor) return;
    const positions = ids.map((x) => store.epics.get(x)?.position ?? 0);
    mutate(store, {
      method: "POST",
      path: `/api/epics/${id}/move`,
      body: anchor,
      ifMatch: store.epics.get(id)?.version,
      optimistic: { id, patch: { position: positionAt(positions, index) } },
    });
  };

  const { drag, ghost, onPointerDown, clickSuppressed } = usePointerDrag((id, _from, to) => {
    const ids = epics.map((e) => e.id).filter((x) => x !== id);
    const oldIndex = epics.findIndex((e) => e.id === id);
    if (to.index === oldIndex) return;
    move(id, ids, to.index);
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "n" && shortcutAllowed(e)) {
        e.preventDefault();
        setCreating(true);
      } else focusFirstCard(e, document.querySelector(".epic-list"));
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  // Reordering moves the card's node; keep the keyboard focus on it.
  useLayoutEffect(() => {
    if (lifted) {
      document.querySelector<HTMLElement>(`.epic-card[data-card-id="${lifted.id}"]`)?.focus();
    }
  }, [lifted]);

  const keyReorder = (e: KeyboardEvent, epic: BoardEpic, index: number) => {
    if (e.key === " " && !lifted) {
      e.preventDefault();
      setLifted({ id: epic.id, index });
      announce(
        `Picked up ${epic.title}. Use up and down arrows to move, Space to drop, Escape to cancel.`,
      );
    } else if (lifted?.id === epic.id) {
      if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        e.preventDefault();
        const next = Math.max(
          0,
          Math.min(epics.length - 1, lifted.index + (e.key === "ArrowUp" ? -1 : 1)),
        );
        setLifted({ id: epic.id, index: next });
        announce(`Position ${next + 1} of ${epics.length}`);
      } else if (e.key === " " || e.key === "Enter") {
        e.preventDefault();
        const ids = epics.map((x) => x.id).filter((x) => x !== epic.id);
        if (lifted.index !== index) move(epic.id, ids, lifted.index);
        setLifted(null);
        announce(`Dropped ${epic.title} at position ${lifted.index + 1}`);
      } else if (e.key === "Escape") {
        e.preventDefault();
        setLifted(null);
        announce("Move cancelled");
      }
    } else if (
      (e.key === "ArrowDown" || e.key === "j" || e.key === "ArrowUp" || e.key === "k") && !e.altKey
    ) {
      e.preventDefault();
      const cards = [...document.querySelectorAll<HTMLElement>(".epic-card")];
      const i = cards.indexOf(e.currentTarget as HTMLElement);
      cards[i + (e.key === "ArrowDown" || e.key === "j" ? 1 : -1)]?.focus();
    }
  };

  const setFilter = (s: string | null) => store.navigate({ status: s }, { replace: true });
  const isDefault = statusParam === null;
  let shown = epics;
  if (lifted) {
    const rest = epics.filter((e) => e.id !== lifted.id);
    rest.splice(lifted.index, 0, epics.find((e) => e.id === lifted.id)!);
    shown = rest;
  }
  const dropIndex = drag?.over?.zone === "epics" ? drag.over.index : null;
  const dropBefore = dropIndex === null
    ? null
    : epics.filter((e) => e.id !== drag!.id)[dropIndex]?.id ?? "end";
  const dragged = drag ? store.epic(drag.id) : null;

  return (
    <section class="overview" aria-labelledby="overview-title">
      <div class="page-head">
        <div>
          <h1 id="overview-title">Epics</h1>
          <p class="subtitle">
            {plural(all.length, "epic")} · {plural(store.tasks.size, "task")} ·{" "}
            {[...store.tasks.values()].filter((t) => t.readiness.state === "ready").length} ready
          </p>
        </div>
        <button type="button" class="button primary" onClick={() => setCreating(true)}>
          <PlusIcon size={14} /> New epic
        </button>
      </div>
      <div class="toolbar" role="toolbar" aria-label="Filter epics by status">
        <button
          type="button"
          class={`pill${isDefault ? " on" : ""}`}
          aria-pressed={isDefault}
          onClick={() => setFilter(null)}
        >
          Open
        </button>
        {STATUS_ORDER.map((s) => {
          const on = !isDefault && filter.includes(s) && statusParam !== "all";
          const count = all.filter((e) => e.status === s).length;
          return (
            <button
              type="button"
              key={s}
              class={`pill${on ? " on" : ""}`}
              aria-pressed={on}
              onClick={() => setFilter(s)}
            >
              {statusLabel(s)} <span class="pill-count">{count}</span>
            </button>
          );
        })}
        <button
          type="button"
          class={`pill${statusParam === "all" ? " on" : ""}`}
          aria-pressed={statusParam === "all"}
          onClick={() => setFilter("all")}
        >
          All <span class="pill-count">{all.length}</span>
        </button>
        {q && <span class="filter-note">Matching “{q}”</span>}
      </div>
      {all.length === 0
        ? (
          <Empty title="No epics yet">
            <p>Plan work as epics, tasks and subtasks. Create one here or from the CLI:</p>
            <pre class="cli">cairn epic create "Ship the parser"</pre>
            <button type="button" class="button primary" onClick={() => setCreating(true)}>
              <PlusIcon size={14} /> New epic
            </button>
          </Empty>
        )
        : epics.length === 0
        ? (
          <Empty title="Nothing matches these filters">
            <button
              type="button"
              class="button"
              onClick={() => store.navigate({ status: "all", q: null })}
            >
              Show all epics
            </button>
          </Empty>
        )
        : (
          <div
            class={`epic-list${dropBefore === "end" ? " drop-end" : ""}`}
            data-drop="epics"
            onClickCapture={(e) => {
              if (clickSuppressed()) {
                e.preventDefault();
                e.stopPropagation();
              }
            }}
          >
            {shown.map((epic) => (
              <EpicCard
                key={epic.id}
                epic={epic}
                store={store}
                dragging={drag?.id === epic.id}
                lifted={lifted?.id === epic.id}
                dropBefore={dropBefore === epic.id}
                onPointerDown={(e) => onPointerDown(e, epic.id, "epics")}
                onKeyDown={(e) => keyReorder(e, epic, epics.indexOf(epic))}
              />
            ))}
          </div>
        )}
      {drag && dragged && (
        <div class="drag-ghost" ref={ghost}>
          <EpicCard epic={dragged} store={store} dragging={false} lifted={false} />
        </div>
      )}
      {creating && <NewEpicDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
