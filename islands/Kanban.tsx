/**
 * The epic's tasks as a kanban (columns by status, drag and drop that
 * respects the status machine, keyboard moves) or as a sortable list.
 * Dropping on `done` calls the done action; within a column it reorders.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { useBoard } from "./_lib/context.ts";
import { usePointerDrag } from "./_lib/drag.ts";
import { plural, statusLabel } from "./_lib/format.ts";
import { announce, focusFirstCard, shortcutAllowed } from "./_lib/keys.ts";
import { taskMatches } from "./_lib/search.ts";
import { type BoardTask, type Status, STATUS_ORDER } from "./_lib/types.ts";
import { PlusIcon, StatusIcon } from "./_components/icons.tsx";
import { Card } from "./_components/card.tsx";
import { byCompletion, canDrop, dropTask } from "./_lib/kanban_moves.ts";
import { Composer } from "./_components/composer.tsx";
import { ListView } from "./_components/list_view.tsx";
import { ViewBar } from "./_components/view_bar.tsx";
import { VIRTUAL_THRESHOLD, VirtualRows } from "./_components/virtual.tsx";

const DONE_LIMIT = 50;
const CARD_HEIGHT = 112;

export default function Kanban({ epicId }: { epicId: string }) {
  const store = useBoard();
  const view = store.param("view") === "list" ? "list" : "kanban";
  const q = store.param("q") ?? "";
  const [showAllDone, setShowAllDone] = useState(false);
  const [composer, setComposer] = useState<Status | null>(null);
  const [lifted, setLifted] = useState<{ id: string; status: Status; index: number } | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const all = useMemo(() => store.tasksOf(epicId), [store.version, epicId]);
  const visible = useMemo(() => (q ? all.filter((t) => taskMatches(store, t, q)) : all), [all, q]);
  const statusParam = store.param("status");
  const statusFilter = statusParam ? statusParam.split(",") : null;
  const listed = statusFilter ? visible.filter((t) => statusFilter.includes(t.status)) : visible;
  const columns = useMemo(() => {
    const out = { todo: [], in_progress: [], blocked: [], done: [] } as Record<Status, BoardTask[]>;
    for (const t of visible) out[t.status].push(t);
    return out;
  }, [visible]);
  const doneShown = useMemo(() => {
    if (showAllDone || columns.done.length <= DONE_LIMIT) return columns.done;
    const recent = new Set(
      [...columns.done].sort(byCompletion).slice(0, DONE_LIMIT).map((t) => t.id),
    );
    return columns.done.filter((t) => recent.has(t.id));
  }, [columns, showAllDone]);

  const { drag, ghost, onPointerDown, clickSuppressed } = usePointerDrag((id, _from, to) =>
    dropTask(store, columns, id, to.zone as Status, to.index)
  );
  const dragTask = drag ? store.task(drag.id) : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "n" && shortcutAllowed(e)) {
        e.preventDefault();
        if (view === "list") store.navigate({ view: null });
        setComposer("todo");
      } else focusFirstCard(e, root.current);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [view]);

  // Layout effect: the moved card must have focus before the next key press arrives.
  useLayoutEffect(() => {
    if (lifted) root.current?.querySelector<HTMLElement>(`[data-card-id="${lifted.id}"]`)?.focus();
  }, [lifted]);

  const open = (id: string) => {
    if (!clickSuppressed()) store.navigate({ task: id, subtask: null });
  };

  const focusCard = (from: HTMLElement, dx: number, dy: number) => {
    const cols = [...(root.current?.querySelectorAll<HTMLElement>(".column") ?? [])];
    const col = from.closest(".column") as HTMLElement;
    const ci = cols.indexOf(col);
    const cards = (
      c: HTMLElement | undefined,
    ) => [...(c?.querySelectorAll<HTMLElement>(".card") ?? [])];
    const here = cards(col);
    const i = here.indexOf(from);
    if (dy !== 0) {
      const next = here[i + dy];
      if (next) return next.focus();
      const col2 = cards(cols[ci + dy]);
      return (dy > 0 ? col2[0] : col2[col2.length - 1])?.focus();
    }
    for (let c = ci + dx; c >= 0 && c < cols.length; c += dx) {
      const list = cards(cols[c]);
      if (list.length) return list[Math.min(i, list.length - 1)]!.focus();
    }
  };

  const onCardKey = (e: KeyboardEvent, task: BoardTask, index: number) => {
    const el = e.currentTarget as HTMLElement;
    if (lifted?.id === task.id) {
      e.preventDefault();
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        const ci = STATUS_ORDER.indexOf(lifted.status) + (e.key === "ArrowLeft" ? -1 : 1);
        const status = STATUS_ORDER[Math.max(0, Math.min(3, ci))]!;
        const size = columns[status].filter((t) => t.id !== task.id).length;
        setLifted({ id: task.id, status, index: Math.min(lifted.index, size) });
        const ok = canDrop(store, task.status, status);
        announce(
          `${statusLabel(status)} column${
            ok ? "" : ", not allowed from " + statusLabel(task.status)
          }`,
        );
      } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        const size = columns[lifted.status].filter((t) => t.id !== task.id).length;
        const next = Math.max(0, Math.min(size, lifted.index + (e.key === "ArrowUp" ? -1 : 1)));
        setLifted({ ...lifted, index: next });
        announce(`Position ${next + 1} of ${size + 1} in ${statusLabel(lifted.status)}`);
      } else if (e.key === " " || e.key === "Enter") {
        setLifted(null);
        if (!canDrop(store, task.status, lifted.status)) {
          announce(`Cannot move from ${statusLabel(task.status)} to ${statusLabel(lifted.status)}`);
          return;
        }
        announce(`Dropped in ${statusLabel(lifted.status)}`);
        dropTask(store, columns, task.id, lifted.status, lifted.index);
      } else if (e.key === "Escape") {
        setLifted(null);
        announce("Move cancelled");
      }
      return;
    }
    if (e.key === "Enter") {
      e.preventDefault();
      open(task.id);
    } else if (e.key === " ") {
      e.preventDefault();
      setLifted({ id: task.id, status: task.status, index });
      announce(`Picked up ${task.title}. Arrow keys move it, Space drops, Escape cancels.`);
    } else if (e.key === "ArrowDown" || e.key === "j") {
      e.preventDefault();
      focusCard(el, 0, 1);
    } else if (e.key === "ArrowUp" || e.key === "k") {
      e.preventDefault();
      focusCard(el, 0, -1);
    } else if (e.key === "ArrowRight" || e.key === "l") {
      e.preventDefault();
      focusCard(el, 1, 0);
    } else if (e.key === "ArrowLeft" || e.key === "h") {
      e.preventDefault();
      focusCard(el, -1, 0);
    }
  };

  const columnCards = (status: Status): BoardTask[] => {
    let list = status === "done" ? doneShown : columns[status];
    if (lifted) {
      list = list.filter((t) => t.id !== lifted.id);
      if (lifted.status === status) {
        list = [
          ...list.slice(0, lifted.index),
          store.task(lifted.id)!,
          ...list.slice(lifted.index),
        ];
      }
    }
    return list;
  };

  return (
    <section class="tasks-area" aria-label="Tasks" ref={root}>
      <ViewBar
        store={store}
        view={view}
        q={q}
        visible={visible.length}
        all={all.length}
        statusFilter={statusFilter}
        columns={columns}
        onNewTask={() => {
          store.navigate({ view: null });
          setComposer("todo");
        }}
      />
      {view === "list"
        ? <ListView tasks={listed} store={store} />
        : (
          <div class={`kanban${drag ? " dragging" : ""}`}>
            {STATUS_ORDER.map((status) => {
              const cards = columnCards(status);
              const from = drag
                ? dragTask?.status
                : lifted
                ? store.task(lifted.id)?.status
                : undefined;
              const allowed = from === undefined ? null : canDrop(store, from, status);
              const over = drag?.over?.zone === status || lifted?.status === status;
              const big = cards.length > VIRTUAL_THRESHOLD;
              const dropBeforeId = drag?.over?.zone === status
                ? cards.filter((c) => c.id !== drag.id)[drag.over.index]?.id ?? "end"
                : null;
              const renderCard = (t: BoardTask, i: number) => (
                <Card
                  key={t.id}
                  task={t}
                  store={store}
                  classes={`${drag?.id === t.id ? "placeholder" : ""}${
                    lifted?.id === t.id ? " lifted" : ""
                  }${dropBeforeId === t.id ? " drop-before" : ""}`}
                  onOpen={() => open(t.id)}
                  onKeyDown={(e) => onCardKey(e, t, i)}
                  onPointerDown={(e) => onPointerDown(e, t.id, status)}
                />
              );
              return (
                <div
                  key={status}
                  class={`column col-${status}${allowed === true ? " allowed" : ""}${
                    allowed === false ? " forbidden" : ""
                  }${over ? " over" : ""}`}
                  aria-label={`${statusLabel(status)}, ${plural(columns[status].length, "task")}`}
                >
                  <div class="column-head">
                    <StatusIcon status={status} />
                    <h2>{statusLabel(status)}</h2>
                    <span class="column-count">{columns[status].length}</span>
                    <span class="spacer" />
                    {status !== "done" && (
                      <button
                        type="button"
                        class="icon-button small"
                        aria-label={`New task in ${statusLabel(status)}`}
                        title="New task"
                        onClick={() => setComposer(status)}
                      >
                        <PlusIcon size={14} />
                      </button>
                    )}
                  </div>
                  {composer === status && (
                    <Composer
                      epicId={epicId}
                      status={status}
                      onClose={() => setComposer(null)}
                    />
                  )}
                  <div
                    class={`column-body${big ? " virtual" : ""}${
                      dropBeforeId === "end" ? " drop-end" : ""
                    }`}
                    data-drop={status}
                    data-scroller
                    role="list"
                    aria-label={statusLabel(status)}
                  >
                    {big
                      ? <VirtualRows items={cards} rowHeight={CARD_HEIGHT} render={renderCard} />
                      : cards.map(renderCard)}
                    {cards.length === 0 && composer !== status && (
                      <div class="column-empty">
                        {status === "done" ? "Nothing done yet" : q ? "No matches" : "No tasks"}
                      </div>
                    )}
                    {status === "done" && !showAllDone && columns.done.length > DONE_LIMIT && (
                      <button
                        type="button"
                        class="link-button show-all"
                        onClick={() => setShowAllDone(true)}
                      >
                        Show all {columns.done.length} done tasks
                      </button>
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        )}
      {drag && dragTask && (
        <div class="drag-ghost" ref={ghost}>
          <Card task={dragTask} store={store} />
        </div>
      )}
    </section>
  );
}
