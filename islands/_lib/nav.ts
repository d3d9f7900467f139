/** Opening items: within the current epic page by URL state, else by navigation. */
import type { BoardStore } from "./store.ts";
import { itemHref } from "./search.ts";

/** Opens an epic page, or a task/subtask modal (on its epic's page). */
export function openItem(
  store: BoardStore,
  target: { kind: string; openId: string; epicId: string },
): void {
  const page = store.page;
  if (target.kind !== "epic" && page.kind === "epic" && page.epicId === target.epicId) {
    const isSub = target.openId.startsWith("s-");
    store.navigate({ task: isSub ? null : target.openId, subtask: isSub ? target.openId : null });
    return;
  }
  location.assign(itemHref(target));
}

/** Opens a task or subtask by id (looking up its epic in the store). */
export function openById(store: BoardStore, id: string): void {
  const item = store.item(id);
  if (!item) return;
  openItem(store, {
    kind: id.startsWith("s-") ? "subtask" : "task",
    openId: id,
    epicId: item.epicId,
  });
}
