/** The task modal's side panel: status, Claim / Release / Done, priority, owner and lease, readiness, metadata, delete. */
import { useState } from "preact/hooks";
import { mutate } from "../_lib/api.ts";
import { dateTime, leaseState } from "../_lib/format.ts";
import type { BoardStore } from "../_lib/store.ts";
import type { BoardTask, Item, Status } from "../_lib/types.ts";
import { TrashIcon } from "./icons.tsx";
import { PrioritySelect, StatusSelect } from "./fields.tsx";
import { IdChip, ReadinessBadge } from "./ui.tsx";
import { OwnerField } from "./owner_field.tsx";

/** API path of a task or subtask. */
export function itemPath(item: Item): string {
  return item.kind === "task" ? `/api/tasks/${item.id}` : `/api/subtasks/${item.id}`;
}

function Actions({ item, store }: { item: Item; store: BoardStore }) {
  const [claimAs, setClaimAs] = useState<string | null>(null);
  const action = (name: string, body: Record<string, unknown>, patch: Record<string, unknown>) =>
    mutate(store, {
      method: "POST",
      path: `${itemPath(item)}/${name}`,
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

export function Side({ item, store }: { item: Item; store: BoardStore }) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const patch = (body: Record<string, unknown>) =>
    mutate(store, {
      method: "PATCH",
      path: itemPath(item),
      body,
      ifMatch: item.version,
      optimistic: { id: item.id, patch: body },
    });
  const setStatus = (s: Status) => {
    if (s === "done") {
      mutate(store, {
        method: "POST",
        path: `${itemPath(item)}/done`,
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
                  path: itemPath(item),
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
