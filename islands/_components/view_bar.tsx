/** The bar above the tasks: Board | List, the match count, status pills (list view), "New task". */
import type { BoardStore } from "../_lib/store.ts";
import { plural, statusLabel } from "../_lib/format.ts";
import { type BoardTask, type Status, STATUS_ORDER } from "../_lib/types.ts";
import { BoardIcon, ListIcon, PlusIcon } from "./icons.tsx";

export function ViewBar(
  { store, view, q, visible, all, statusFilter, columns, onNewTask }: {
    store: BoardStore;
    view: "kanban" | "list";
    q: string;
    visible: number;
    all: number;
    statusFilter: string[] | null;
    columns: Record<Status, BoardTask[]>;
    onNewTask: () => void;
  },
) {
  return (
    <div class="view-bar">
      <div class="segmented" role="group" aria-label="View">
        <button
          type="button"
          aria-pressed={view === "kanban"}
          class={view === "kanban" ? "on" : ""}
          onClick={() => store.navigate({ view: null })}
        >
          <BoardIcon size={14} /> Board
        </button>
        <button
          type="button"
          aria-pressed={view === "list"}
          class={view === "list" ? "on" : ""}
          onClick={() => store.navigate({ view: "list" })}
        >
          <ListIcon size={14} /> List
        </button>
      </div>
      <span class="muted small">
        {q
          ? `${plural(visible, "task")} ${visible === 1 ? "matches" : "match"} “${q}”`
          : plural(all, "task")}
      </span>
      {view === "list" && (
        <div class="toolbar inline" role="toolbar" aria-label="Filter tasks by status">
          <button
            type="button"
            class={`pill small${statusFilter ? "" : " on"}`}
            aria-pressed={!statusFilter}
            onClick={() =>
              store.navigate({ status: null }, { replace: true })}
          >
            All
          </button>
          {STATUS_ORDER.map((s) => {
            const on = statusFilter?.includes(s) ?? false;
            return (
              <button
                type="button"
                key={s}
                class={`pill small${on ? " on" : ""}`}
                aria-pressed={on}
                onClick={() => store.navigate({ status: on ? null : s }, { replace: true })}
              >
                {statusLabel(s)} <span class="pill-count">{columns[s].length}</span>
              </button>
            );
          })}
        </div>
      )}
      <span class="spacer" />
      <button
        type="button"
        class="button small"
        onClick={onNewTask}
      >
        <PlusIcon size={14} /> New task <kbd>n</kbd>
      </button>
    </div>
  );
}
