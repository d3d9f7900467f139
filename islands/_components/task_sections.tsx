/** Sections of the task modal: acceptance criteria, subtasks, dependencies. */
import { useEffect, useRef, useState } from "preact/hooks";
import { mutate } from "../_lib/api.ts";
import { statusLabel } from "../_lib/format.ts";
import type { BoardStore } from "../_lib/store.ts";
import type { BoardTask, Item } from "../_lib/types.ts";
import { CloseIcon, LinkIcon, PlusIcon, StatusIcon } from "./icons.tsx";
import { DependencyPicker } from "./dep_picker.tsx";
import { AddRow } from "./criteria_section.tsx";

/** Subtasks with status toggles. */
export function SubtasksSection({ task, store }: { task: BoardTask; store: BoardStore }) {
  const list = store.subtasksOf(task.id);
  const toggle = (s: Item) =>
    s.status === "done"
      ? mutate(store, {
        method: "PATCH",
        path: `/api/subtasks/${s.id}`,
        body: { status: "in_progress" },
        ifMatch: s.version,
        optimistic: { id: s.id, patch: { status: "in_progress" } },
      })
      : mutate(store, {
        method: "POST",
        path: `/api/subtasks/${s.id}/done`,
        body: {},
        ifMatch: s.version,
        optimistic: { id: s.id, patch: { status: "done" } },
      });
  return (
    <section class="section" aria-label="Subtasks">
      <h3 class="section-title">
        Subtasks{" "}
        <span class="muted">{list.length ? `${task.subtaskCounts.done}/${list.length}` : ""}</span>
      </h3>
      <ul class="subtasks">
        {list.map((s) => (
          <li key={s.id} class={`subtask s-${s.status}`}>
            <button
              type="button"
              class="status-toggle"
              aria-label={s.status === "done" ? `Reopen ${s.title}` : `Complete ${s.title}`}
              onClick={() => toggle(s)}
            >
              <StatusIcon status={s.status} size={16} />
            </button>
            <button
              type="button"
              class="subtask-title"
              onClick={() => store.navigate({ subtask: s.id, task: null })}
            >
              {s.title}
            </button>
            {s.owner && <span class="muted small">{s.owner}</span>}
            <span class="muted small">{statusLabel(s.status)}</span>
          </li>
        ))}
      </ul>
      <AddRow
        placeholder="Add a subtask…"
        label="New subtask"
        onAdd={(title) =>
          mutate(store, {
            method: "POST",
            path: "/api/subtasks",
            body: { taskId: task.id, title },
          })}
      />
    </section>
  );
}

function DepList(
  { title, ids, store, onRemove }: {
    title: string;
    ids: string[];
    store: BoardStore;
    onRemove: (id: string) => void;
  },
) {
  return (
    <div class="dep-list">
      <h4>{title}</h4>
      {ids.length === 0 && <p class="muted small">None</p>}
      <ul>
        {ids.map((id) => {
          const it = store.item(id);
          return (
            <li key={id} class="dep">
              <StatusIcon status={it?.status ?? "todo"} />
              <button
                type="button"
                class="dep-title"
                title={it?.title}
                onClick={() =>
                  it &&
                  store.navigate({
                    task: id.startsWith("t-") ? id : null,
                    subtask: id.startsWith("s-") ? id : null,
                  })}
              >
                {it?.title ?? id}
              </button>
              <code class="muted small">{id.slice(0, 6)}</code>
              <span class={`badge status-badge s-${it?.status}`}>
                {statusLabel(it?.status ?? "")}
              </span>
              <button
                type="button"
                class="icon-button small danger"
                aria-label={`Remove dependency on ${it?.title ?? id}`}
                onClick={() => onRemove(id)}
              >
                <CloseIcon size={12} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** "Depends on" and "Required by", with add and remove. */
export function DependenciesSection({ item, store }: { item: Item; store: BoardStore }) {
  const [picking, setPicking] = useState(false);
  // Closing the picker removes the focused input: hand the focus back to the button that opened it.
  const addButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!picking && refocus.current) {
      refocus.current = false;
      addButton.current?.focus();
    }
  }, [picking]);
  const stopPicking = () => {
    refocus.current = true;
    setPicking(false);
  };
  const remove = (sourceId: string, dependsOnId: string) =>
    mutate(store, {
      method: "DELETE",
      path: `/api/dependencies?sourceId=${sourceId}&dependsOnId=${dependsOnId}`,
    });
  return (
    <section class="section" aria-label="Dependencies">
      <h3 class="section-title">
        <LinkIcon size={14} /> Dependencies
      </h3>
      <div class="deps">
        <DepList
          title="Depends on"
          ids={item.dependsOn}
          store={store}
          onRemove={(id) => remove(item.id, id)}
        />
        <DepList
          title="Required by"
          ids={item.dependents}
          store={store}
          onRemove={(id) => remove(id, item.id)}
        />
      </div>
      {picking
        ? (
          <DependencyPicker
            store={store}
            item={item}
            onClose={stopPicking}
            onPick={async (id) => {
              stopPicking();
              await mutate(store, {
                method: "POST",
                path: "/api/dependencies",
                body: { sourceId: item.id, dependsOnId: id },
              });
            }}
          />
        )
        : (
          <button
            ref={addButton}
            type="button"
            class="button small"
            onClick={() => setPicking(true)}
          >
            <PlusIcon size={14} /> Add prerequisite
          </button>
        )}
    </section>
  );
}
