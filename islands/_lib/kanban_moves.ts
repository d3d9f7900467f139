/** Kanban moves: which columns accept a card, and the one API call a drop makes. */
import { mutate } from "./api.ts";
import { anchorFor, positionAt } from "./drag.ts";
import type { BoardStore } from "./store.ts";
import type { BoardTask, Status } from "./types.ts";

/** Whether a card may be dropped from one column onto another. */
export function canDrop(store: BoardStore, from: Status, to: Status): boolean {
  if (from === to) return true;
  if (to === "done") return true;
  return store.transitions[from].includes(to);
}

/** Most recently completed first. */
export function byCompletion(a: BoardTask, b: BoardTask): number {
  return (b.completedAt ?? "").localeCompare(a.completedAt ?? "");
}

/** Moves a task to a column (status change) or within it (reorder). */
export function dropTask(
  store: BoardStore,
  columns: Record<Status, BoardTask[]>,
  id: string,
  to: Status,
  index: number,
) {
  const task = store.task(id);
  if (!task) return;
  if (task.status === to) {
    const others = columns[to].filter((t) => t.id !== id);
    const current = columns[to].findIndex((t) => t.id === id);
    if (current === index) return;
    const anchor = anchorFor(others.map((t) => t.id), index);
    if (!anchor) return;
    mutate(store, {
      method: "POST",
      path: `/api/tasks/${id}/move`,
      body: anchor,
      optimistic: { id, patch: { position: positionAt(others.map((t) => t.position), index) } },
    });
    return;
  }
  if (to === "done") {
    const done = (force: boolean) =>
      mutate(store, {
        method: "POST",
        path: `/api/tasks/${id}/done`,
        body: force ? { force: true } : {},
        ifMatch: store.task(id)?.version,
        optimistic: { id, patch: { status: "done" } },
        onForce: force ? undefined : () => done(true),
      });
    done(false);
    return;
  }
  mutate(store, {
    method: "PATCH",
    path: `/api/tasks/${id}`,
    body: { status: to },
    ifMatch: task.version,
    optimistic: { id, patch: { status: to } },
  });
}
