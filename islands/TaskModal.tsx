/**
 * Task and subtask modal (`?task=<id>`, `?subtask=<id>`): title, status with
 * Claim / Release / Done, priority (tasks), owner with lease state, Markdown
 * description with editor and "Append note", criteria and subtasks (tasks),
 * dependencies, history, metadata and delete.
 */
import { useEffect, useState } from "preact/hooks";
import { useBoard } from "./_lib/context.ts";
import { mutate } from "./_lib/api.ts";
import { statusLabel } from "./_lib/format.ts";
import type { BoardTask } from "./_lib/types.ts";
import { ChevronRight, CloseIcon, HistoryIcon } from "./_components/icons.tsx";
import { Modal } from "./_components/modal.tsx";
import { InlineTitle } from "./_components/inline_title.tsx";
import { DependenciesSection, SubtasksSection } from "./_components/task_sections.tsx";
import { CriteriaSection } from "./_components/criteria_section.tsx";
import { History } from "./_components/history.tsx";
import { itemPath, Side } from "./_components/task_side.tsx";
import { Description } from "./_components/description.tsx";

export default function TaskModal() {
  const store = useBoard();
  const taskId = store.param("task");
  const subtaskId = store.param("subtask");
  const id = subtaskId ?? taskId;
  const [tab, setTab] = useState<"details" | "history">("details");
  const [editSignal, setEditSignal] = useState(0);
  useEffect(() => setTab("details"), [id]);
  useEffect(() => {
    if (!id) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (
        e.key === "e" && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !e.metaKey && !e.ctrlKey
      ) {
        e.preventDefault();
        setEditSignal((n) => n + 1);
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [id]);
  if (!id) return null;
  const item = store.item(id);
  const close = () => store.navigate({ task: null, subtask: null });
  if (!item) {
    return (
      <Modal label="Not found" onClose={close} size="sm">
        <div class="dialog-head">
          <h2>Not found</h2>
          <button type="button" class="icon-button" aria-label="Close" onClick={close}>
            <CloseIcon />
          </button>
        </div>
        <p class="dialog-body">
          No task or subtask “{id}” exists on this board (it may have been deleted).
        </p>
      </Modal>
    );
  }
  const parent = item.kind === "subtask" ? store.task(item.taskId) : null;
  const epic = store.epics.get(item.epicId);
  return (
    <Modal
      label={`${item.kind === "task" ? "Task" : "Subtask"}: ${item.title}`}
      onClose={close}
      returnFocus={() => document.querySelector<HTMLElement>(`[data-card-id="${item.id}"]`)}
      size="lg"
    >
      <header class="modal-head">
        <nav class="breadcrumb" aria-label="Location">
          {epic && <a href={`/epics/${epic.id}`}>{epic.title}</a>}
          {parent && (
            <>
              <ChevronRight size={12} />
              <button
                type="button"
                class="link-button"
                onClick={() => store.navigate({ task: parent.id, subtask: null })}
              >
                {parent.title}
              </button>
            </>
          )}
          <ChevronRight size={12} />
          <span>{item.kind === "task" ? "Task" : "Subtask"}</span>
        </nav>
        <span class={`badge status-badge s-${item.status}`}>{statusLabel(item.status)}</span>
        <button type="button" class="icon-button" aria-label="Close" onClick={close}>
          <CloseIcon />
        </button>
      </header>
      <div class="modal-grid">
        <div class="modal-main">
          <InlineTitle
            value={item.title}
            label="Title"
            editSignal={editSignal}
            onSave={(title) =>
              mutate(store, {
                method: "PATCH",
                path: itemPath(item),
                body: { title },
                ifMatch: item.version,
                optimistic: { id: item.id, patch: { title } },
              })}
          />
          <div class="tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === "details"}
              class={tab === "details" ? "on" : ""}
              onClick={() => setTab("details")}
            >
              Details
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === "history"}
              class={tab === "history" ? "on" : ""}
              onClick={() => setTab("history")}
            >
              <HistoryIcon size={14} /> History
            </button>
          </div>
          {tab === "details"
            ? (
              <div role="tabpanel">
                <Description item={item} store={store} />
                {item.kind === "task" && <CriteriaSection task={item as BoardTask} store={store} />}
                {item.kind === "task" && <SubtasksSection task={item as BoardTask} store={store} />}
                <DependenciesSection item={item} store={store} />
              </div>
            )
            : (
              <div role="tabpanel">
                <History id={item.id} version={item.version} />
              </div>
            )}
        </div>
        <Side item={item} store={store} />
      </div>
      <datalist id="cairn-owners">{store.owners.map((o) => <option key={o} value={o} />)}</datalist>
    </Modal>
  );
}
