/**
 * Task and subtask modal (`?task=<id>`, `?subtask=<id>`): title, status with
 * Claim / Release / Done, priority (tasks), owner with lease state, Markdown
 * description with editor and "Append note", criteria and subtasks (tasks),
 * dependencies, history, metadata and delete.
 */
import { useEffect, useState } from "preact/hooks";
import { useBoard } from "./_lib/context.ts";
import { mutate } from "./_lib/api.ts";
import { dateTime, leaseState, statusLabel } from "./_lib/format.ts";
import { Markdown } from "./_lib/markdown.tsx";
import type { BoardStore } from "./_lib/store.ts";
import type { BoardTask, Item, Status } from "./_lib/types.ts";
import { ChevronRight, CloseIcon, HistoryIcon, TrashIcon } from "./_components/icons.tsx";
import { Modal } from "./_components/modal.tsx";
import { PrioritySelect, StatusSelect } from "./_components/fields.tsx";
import { IdChip, ReadinessBadge } from "./_components/ui.tsx";
import { InlineTitle } from "./_components/inline_title.tsx";
import {
  CriteriaSection,
  DependenciesSection,
  SubtasksSection,
} from "./_components/task_sections.tsx";
import { History } from "./_components/history.tsx";
import { OwnerField } from "./_components/owner_field.tsx";

function base(item: Item): string {
  return item.kind === "task" ? `/api/tasks/${item.id}` : `/api/subtasks/${item.id}`;
}

function Actions({ item, store }: { item: Item; store: BoardStore }) {
  const [claimAs, setClaimAs] = useState<string | null>(null);
  const action = (name: string, body: Record<string, unknown>, patch: Record<string, unknown>) =>
    mutate(store, {
      method: "POST",
      path: `${base(item)}/${name}`,
      body,
      ifMatch: item.version,
      optimistic: { id: item.id, patch },
      onForce: name === "done" && !body.force
        ? () => action("done", { ...body, force: true }, patch)
        : undefined,
    });
  const me = typeof localStorage === "undefined" ? "" : localStorage.getItem("cairn.me") ?? "";
  return (
    <div class="actions">
      {item.status !== "done" && item.status !== "in_progress" && (
        <button
          type="button"
          class="button small"
          onClick={() => setClaimAs(me)}
        >
          Claim
        </button>
      )}
      {item.owner && item.status !== "done" && (
        <button
          type="button"
          class="button small"
          onClick={() => action("release", { force: true }, { owner: null })}
        >
          Release
        </button>
      )}
      {item.status !== "done" && (
        <button
          type="button"
          class="button small primary"
          onClick={() => action("done", {}, { status: "done" })}
        >
          Done
        </button>
      )}
      {claimAs !== null && (
        <form
          class="claim-form"
          onSubmit={async (e) => {
            e.preventDefault();
            const owner = claimAs.trim();
            if (!owner) return;
            localStorage.setItem("cairn.me", owner);
            setClaimAs(null);
            await action("claim", { owner }, { owner, status: "in_progress" });
          }}
        >
          <input
            class="inline-input"
            placeholder="Claim as…"
            aria-label="Claim as owner"
            value={claimAs}
            list="cairn-owners"
            ref={(el) => el?.focus()}
            onInput={(e) => setClaimAs((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="button small primary">Claim</button>
        </form>
      )}
    </div>
  );
}

function Side({ item, store }: { item: Item; store: BoardStore }) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const patch = (body: Record<string, unknown>) =>
    mutate(store, {
      method: "PATCH",
      path: base(item),
      body,
      ifMatch: item.version,
      optimistic: { id: item.id, patch: body },
    });
  const setStatus = (s: Status) => {
    if (s === "done") {
      mutate(store, {
        method: "POST",
        path: `${base(item)}/done`,
        body: {},
        ifMatch: item.version,
        optimistic: { id: item.id, patch: { status: s } },
      });
    } else patch({ status: s });
  };
  const lease = leaseState(item, store.now);
  const allowed = [
    ...store.transitions[item.status],
    ...(item.status !== "done" ? ["done" as Status] : []),
  ];
  return (
    <aside class="modal-side" aria-label="Properties">
      <div class="prop">
        <span class="prop-label">Status</span>
        <StatusSelect value={item.status} allowed={allowed} onChange={setStatus} />
      </div>
      <Actions item={item} store={store} />
      {item.kind === "task" && (
        <div class="prop">
          <span class="prop-label">Priority</span>
          <PrioritySelect
            value={(item as BoardTask).priority}
            onChange={(priority) => patch({ priority })}
          />
        </div>
      )}
      <div class="prop">
        <span class="prop-label">Owner</span>
        <OwnerField value={item.owner} owners={store.owners} onSave={(owner) => patch({ owner })} />
        {lease.kind !== "none" && lease.text && (
          <span class={`lease lease-${lease.kind}`}>{lease.text}</span>
        )}
      </div>
      <div class="prop">
        <span class="prop-label">Readiness</span>
        <div>
          <ReadinessBadge readiness={item.readiness} />
          {item.readiness.state === "done" && <span class="muted small">done</span>}
          {item.readiness.blockers.length > 0 && (
            <p class="muted small">
              Waiting on {item.readiness.blockers.map((b) => store.titleOf(b)).join(", ")}
            </p>
          )}
        </div>
      </div>
      <dl class="meta-list">
        <dt>ID</dt>
        <dd>
          <IdChip id={item.id} full />
        </dd>
        <dt>Created</dt>
        <dd>{dateTime(item.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{dateTime(item.updatedAt)}</dd>
        <dt>Completed</dt>
        <dd>{dateTime(item.completedAt)}</dd>
        <dt>Version</dt>
        <dd>{item.version}</dd>
      </dl>
      {confirmDelete
        ? (
          <div class="confirm">
            <p>
              Delete this {item.kind}
              {item.kind === "task" ? ", its subtasks and criteria" : ""}?
            </p>
            <button type="button" class="button small" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
            <button
              type="button"
              class="button small danger"
              onClick={async () => {
                const ok = await mutate(store, {
                  method: "DELETE",
                  path: base(item),
                  ifMatch: item.version,
                });
                if (ok) store.navigate({ task: null, subtask: null });
              }}
            >
              Delete
            </button>
          </div>
        )
        : (
          <button
            type="button"
            class="button small ghost danger"
            onClick={() => setConfirmDelete(true)}
          >
            <TrashIcon size={14} /> Delete {item.kind}
          </button>
        )}
    </aside>
  );
}

function Description({ item, store }: { item: Item; store: BoardStore }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const patch = (body: Record<string, unknown>) =>
    mutate(store, { method: "PATCH", path: base(item), body, ifMatch: item.version });
  return (
    <section class="section" aria-label="Description">
      {draft === null
        ? (
          <div class="description">
            {item.description
              ? <Markdown text={item.description} />
              : <p class="muted">No description.</p>}
            <button
              type="button"
              class="link-button"
              onClick={() => setDraft(item.description ?? "")}
            >
              Edit description
            </button>
          </div>
        )
        : (
          <form
            class="form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await patch({ description: draft })) setDraft(null);
            }}
          >
            <textarea
              class="description-editor"
              rows={10}
              value={draft}
              aria-label="Description (Markdown)"
              onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
            />
            <div class="form-actions">
              <button type="button" class="button small" onClick={() => setDraft(null)}>
                Cancel
              </button>
              <button type="submit" class="button small primary">Save</button>
            </div>
          </form>
        )}
      <form
        class="append"
        onSubmit={async (e) => {
          e.preventDefault();
          if (note.trim() && (await patch({ append: note }))) setNote("");
        }}
      >
        <textarea
          rows={2}
          placeholder="Append a note…"
          aria-label="Append a note to the description"
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
        />
        <button type="submit" class="button small" disabled={!note.trim()}>Append</button>
      </form>
    </section>
  );
}

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
                path: base(item),
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
