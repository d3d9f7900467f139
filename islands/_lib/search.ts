/**
 * Search over the client's snapshot: titles, descriptions, criteria, owners
 * and id prefixes, grouped by epic in tree order (instant, works offline).
 */
import type { BoardStore } from "./store.ts";
import type { BoardSubtask, BoardTask } from "./types.ts";

/** One search result. */
export interface Hit {
  id: string;
  kind: "epic" | "task" | "subtask" | "criterion";
  title: string;
  status: string;
  /** What matched. */
  field: "id" | "title" | "description" | "criteria" | "owner";
  snippet: string | null;
  /** The item to open (a criterion opens its task). */
  openId: string;
  epicId: string;
}

/** Results of one epic. */
export interface HitGroup {
  epicId: string;
  epicTitle: string;
  hits: Hit[];
}

function snippet(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 30);
  const end = Math.min(text.length, at + length + 30);
  const body = text.slice(start, end).replace(/\s+/g, " ");
  return `${start > 0 ? "…" : ""}${body}${end < text.length ? "…" : ""}`;
}

function idMatch(id: string, q: string): boolean {
  return id.startsWith(q) || (q.length >= 3 && id.slice(2).startsWith(q));
}

/** Which field of an item matches (id, title, owner, description), or null. */
function matchItem(
  item: { id: string; title: string; description?: string; owner?: string | null },
  q: string,
): { field: Hit["field"]; snippet: string | null } | null {
  if (idMatch(item.id, q)) return { field: "id", snippet: null };
  if (item.title.toLowerCase().includes(q)) return { field: "title", snippet: null };
  if (item.owner && item.owner.toLowerCase().includes(q)) {
    return { field: "owner", snippet: item.owner };
  }
  const d = item.description ?? "";
  const at = d.toLowerCase().indexOf(q);
  if (at !== -1) return { field: "description", snippet: snippet(d, at, q.length) };
  return null;
}

/** Whether a task (or one of its subtasks or criteria) matches. */
export function taskMatches(store: BoardStore, task: BoardTask, raw: string): boolean {
  const q = raw.trim().toLowerCase();
  if (!q) return true;
  if (matchItem(task, q)) return true;
  if (task.criteriaIds.some((id) => store.criteria.get(id)?.text.toLowerCase().includes(q))) {
    return true;
  }
  return task.subtaskIds.some((id) => {
    const s = store.subtasks.get(id);
    return s ? matchItem(s, q) !== null : false;
  });
}

/** Searches everything; at most `perGroup` hits per epic. */
export function searchBoard(store: BoardStore, raw: string, perGroup = 50): HitGroup[] {
  const q = raw.trim().toLowerCase();
  if (!q) return [];
  const groups: HitGroup[] = [];
  for (const epic of store.epicList()) {
    const hits: Hit[] = [];
    const add = (h: Hit) => hits.length < perGroup && hits.push(h);
    const em = matchItem(epic, q);
    if (em) {
      add({
        ...em,
        id: epic.id,
        kind: "epic",
        title: epic.title,
        status: epic.status,
        openId: epic.id,
        epicId: epic.id,
      });
    }
    for (const task of store.tasksOf(epic.id)) {
      const tm = matchItem(task, q);
      if (tm) {
        add({
          ...tm,
          id: task.id,
          kind: "task",
          title: task.title,
          status: task.status,
          openId: task.id,
          epicId: epic.id,
        });
      }
      for (const c of store.criteriaOf(task.id)) {
        const at = c.text.toLowerCase().indexOf(q);
        if (at !== -1) {
          add({
            id: c.id,
            kind: "criterion",
            title: task.title,
            status: c.checked ? "checked" : "open",
            field: "criteria",
            snippet: snippet(c.text, at, q.length),
            openId: task.id,
            epicId: epic.id,
          });
        }
      }
      for (const s of store.subtasksOf(task.id) as BoardSubtask[]) {
        const sm = matchItem(s, q);
        if (sm) {
          add({
            ...sm,
            id: s.id,
            kind: "subtask",
            title: s.title,
            status: s.status,
            openId: s.id,
            epicId: epic.id,
          });
        }
      }
    }
    if (hits.length) groups.push({ epicId: epic.id, epicTitle: epic.title, hits });
  }
  return groups;
}

/** The URL that opens an item. */
export function itemHref(hit: { kind: string; openId: string; epicId: string }): string {
  if (hit.kind === "epic") return `/epics/${hit.openId}`;
  const param = hit.openId.startsWith("s-") ? "subtask" : "task";
  return `/epics/${hit.epicId}?${param}=${hit.openId}`;
}
