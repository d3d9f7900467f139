/**
 * Epic page header: breadcrumb, editable title, status control (allowed
 * transitions only; `done` explained while tasks are open, with "Complete
 * all…" showing the cascade before confirming), priority, progress, and the
 * collapsible Markdown description with an editor.
 */
import { useState } from "preact/hooks";
import { useBoard } from "./_lib/context.ts";
import { mutate } from "./_lib/api.ts";
import { plural, relativeTime, statusLabel } from "./_lib/format.ts";
import { Markdown } from "./_lib/markdown.tsx";
import type { BoardStore } from "./_lib/store.ts";
import { type BoardEpic, type Status, STATUS_ORDER } from "./_lib/types.ts";
import { ChevronDown, ChevronRight } from "./_components/icons.tsx";
import { PrioritySelect, StatusSelect } from "./_components/fields.tsx";
import { Modal } from "./_components/modal.tsx";
import { Empty, IdChip, ProgressBar } from "./_components/ui.tsx";
import { InlineTitle } from "./_components/inline_title.tsx";

interface CascadePlan {
  tasks: number;
  subtasks: number;
  blockers: { id: string; title: string; status: string }[];
  openCriteria: number;
}

function cascadePlan(store: BoardStore, epic: BoardEpic): CascadePlan {
  const scope = new Set<string>();
  let tasks = 0;
  let subtasks = 0;
  let openCriteria = 0;
  for (const t of store.tasksOf(epic.id)) {
    scope.add(t.id);
    for (const s of t.subtaskIds) scope.add(s);
  }
  const blockers = new Map<string, { id: string; title: string; status: string }>();
  for (const id of scope) {
    const item = store.item(id);
    if (!item || item.status === "done") continue;
    if (id.startsWith("t-")) {
      tasks++;
      const t = store.task(id)!;
      openCriteria += t.criteriaCounts.total - t.criteriaCounts.checked;
    } else subtasks++;
    for (const dep of item.dependsOn) {
      const p = store.item(dep);
      if (p && p.status !== "done" && !scope.has(dep)) {
        blockers.set(dep, { id: dep, title: p.title, status: p.status });
      }
    }
  }
  return { tasks, subtasks, blockers: [...blockers.values()], openCriteria };
}

function CascadeDialog({ epic, onClose }: { epic: BoardEpic; onClose: () => void }) {
  const store = useBoard();
  const plan = cascadePlan(store, epic);
  const [force, setForce] = useState(false);
  const blocked = plan.blockers.length > 0;
  const confirm = async () => {
    const data = await mutate(store, {
      method: "PATCH",
      path: `/api/epics/${epic.id}`,
      body: { status: "done", cascade: true, ...(force ? { force: true } : {}) },
      ifMatch: epic.version,
    });
    if (data) onClose();
  };
  return (
    <Modal label="Complete all" onClose={onClose} size="sm">
      <div class="dialog-head">
        <h2>Complete “{epic.title}”?</h2>
      </div>
      <div class="dialog-body">
        <p>
          This marks {plural(plan.tasks, "open task")} and {plural(plan.subtasks, "open subtask")}
          {" "}
          as done, then the epic.
        </p>
        {blocked && (
          <div class="callout error">
            <p>
              <strong>Blocked:</strong> these prerequisites outside the epic are not done:
            </p>
            <ul>
              {plan.blockers.map((b) => (
                <li key={b.id}>
                  <code>{b.id}</code> {b.title} <span class="muted">({statusLabel(b.status)})</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {plan.openCriteria > 0 && (
          <label class="check-row">
            <input
              type="checkbox"
              checked={force}
              onChange={(e) => setForce((e.target as HTMLInputElement).checked)}
            />
            Complete anyway:{" "}
            {plural(plan.openCriteria, "acceptance criterion", "acceptance criteria")}{" "}
            still unchecked
          </label>
        )}
      </div>
      <div class="form-actions">
        <button type="button" class="button" onClick={onClose}>Cancel</button>
        <button
          type="button"
          class="button primary"
          disabled={blocked || (plan.openCriteria > 0 && !force)}
          onClick={confirm}
        >
          Complete all
        </button>
      </div>
    </Modal>
  );
}

export default function EpicHeader({ epicId }: { epicId: string }) {
  const store = useBoard();
  const epic = store.epic(epicId);
  const [showDesc, setShowDesc] = useState(true);
  const [editing, setEditing] = useState<string | null>(null);
  const [cascade, setCascade] = useState(false);
  if (!epic) {
    return (
      <Empty title="This epic does not exist (any more)">
        <a class="button" href="/">Back to all epics</a>
      </Empty>
    );
  }
  const patch = (body: Record<string, unknown>) =>
    mutate(store, {
      method: "PATCH",
      path: `/api/epics/${epic.id}`,
      body,
      ifMatch: epic.version,
      optimistic: { id: epic.id, patch: body },
    });
  const openTasks = epic.progress.total - epic.progress.done;
  const allowed = store.transitions[epic.status].filter((s) => s !== "done" || openTasks === 0);
  const p = epic.progress;
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
  return (
    <section class="epic-head" aria-label="Epic">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/">Epics</a>
        <ChevronRight size={12} />
        <span aria-current="page">{epic.title}</span>
      </nav>
      <div class="epic-head-row">
        <InlineTitle
          value={epic.title}
          label="Epic title"
          onSave={(title) => patch({ title })}
          level={1}
        />
        <IdChip id={epic.id} full />
      </div>
      <div class="epic-controls">
        <label class="control">
          <span class="control-label">Status</span>
          <StatusSelect
            value={epic.status}
            allowed={allowed}
            disabledReason={store.transitions[epic.status].includes("done") && openTasks > 0
              ? { done: `${plural(openTasks, "task")} open` }
              : undefined}
            onChange={(status: Status) => patch({ status })}
          />
        </label>
        <label class="control">
          <span class="control-label">Priority</span>
          <PrioritySelect value={epic.priority} onChange={(priority) => patch({ priority })} />
        </label>
        {epic.status !== "done" && openTasks > 0 && (
          <button
            type="button"
            class="button"
            onClick={() => setCascade(true)}
          >
            Complete all…
          </button>
        )}
        <div class="epic-progress wide">
          <ProgressBar counts={p} total={p.total} />
          <span class="progress-text">
            <strong>{p.done}/{p.total}</strong> done · {pct}% · {epic.readyCount} ready
          </span>
        </div>
        <span class="muted small">Updated {relativeTime(epic.updatedAt, store.now)}</span>
      </div>
      <div class="status-counts">
        {STATUS_ORDER.map((s) => (
          <span key={s} class={`count s-${s}`}>
            <i class="dot" aria-hidden="true" />
            {p[s]} {statusLabel(s).toLowerCase()}
          </span>
        ))}
      </div>
      <div class="description-block">
        <button
          type="button"
          class="disclosure"
          aria-expanded={showDesc}
          onClick={() => setShowDesc(!showDesc)}
        >
          {showDesc ? <ChevronDown size={14} /> : <ChevronRight size={14} />} Description
        </button>
        {showDesc && editing === null && (
          <div class="description">
            {epic.description
              ? <Markdown text={epic.description} />
              : <p class="muted">No description.</p>}
            <button
              type="button"
              class="link-button"
              onClick={() => setEditing(epic.description ?? "")}
            >
              Edit description
            </button>
          </div>
        )}
        {showDesc && editing !== null && (
          <form
            class="form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await patch({ description: editing })) setEditing(null);
            }}
          >
            <textarea
              class="description-editor"
              rows={8}
              value={editing}
              aria-label="Epic description (Markdown)"
              onInput={(e) => setEditing((e.target as HTMLTextAreaElement).value)}
            />
            <div class="form-actions">
              <button type="button" class="button" onClick={() => setEditing(null)}>Cancel</button>
              <button type="submit" class="button primary">Save</button>
            </div>
          </form>
        )}
      </div>
      {cascade && <CascadeDialog epic={epic} onClose={() => setCascade(false)} />}
    </section>
  );
}
