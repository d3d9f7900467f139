/** The epic's tasks as a sortable table (windowed beyond 200 rows). */
import { useMemo, useState } from "preact/hooks";
import type { BoardStore } from "../_lib/store.ts";
import type { BoardTask } from "../_lib/types.ts";
import { relativeTime } from "../_lib/format.ts";
import { unblocksCount } from "./card.tsx";
import { IdChip, OwnerChip, PriorityBadge, ReadinessBadge, StatusBadge } from "./ui.tsx";
import { VIRTUAL_THRESHOLD, VirtualRows } from "./virtual.tsx";

type Key =
  | "rank"
  | "id"
  | "title"
  | "status"
  | "priority"
  | "owner"
  | "readiness"
  | "subtasks"
  | "criteria"
  | "updated";

const STATUS_RANK = { in_progress: 0, todo: 1, blocked: 2, done: 3 };
const READY_RANK = { ready: 0, waiting: 1, blocked: 2, done: 3 };

function value(t: BoardTask & { rank: number }, key: Key): string | number {
  switch (key) {
    case "rank":
      return t.rank;
    case "id":
      return t.id;
    case "title":
      return t.title.toLowerCase();
    case "status":
      return STATUS_RANK[t.status];
    case "priority":
      return t.priority;
    case "owner":
      return t.owner ?? "~";
    case "readiness":
      return READY_RANK[t.readiness.state];
    case "subtasks":
      return t.subtaskCounts.total ? t.subtaskCounts.done / t.subtaskCounts.total : -1;
    case "criteria":
      return t.criteriaCounts.total ? t.criteriaCounts.checked / t.criteriaCounts.total : -1;
    case "updated":
      return t.updatedAt;
  }
}

const COLUMNS: [Key, string][] = [
  ["rank", "#"],
  ["id", "ID"],
  ["title", "Title"],
  ["status", "Status"],
  ["priority", "Priority"],
  ["owner", "Owner"],
  ["readiness", "Readiness"],
  ["subtasks", "Subtasks"],
  ["criteria", "Criteria"],
  ["updated", "Updated"],
];

export function ListView({ tasks, store }: { tasks: BoardTask[]; store: BoardStore }) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: "rank", dir: 1 });
  const rows = useMemo(() => {
    const ranked = tasks.map((t, i) => ({ ...t, rank: i + 1 }));
    return ranked.sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : a.rank - b.rank) * sort.dir;
    });
  }, [tasks, sort]);
  const open = (id: string) => store.navigate({ task: id, subtask: null });
  const row = (t: BoardTask & { rank: number }) => (
    <tr
      key={t.id}
      tabIndex={0}
      class="list-row"
      data-card-id={t.id}
      onClick={() => open(t.id)}
      onKeyDown={(e) => {
        const tr = e.currentTarget as HTMLElement;
        if (e.key === "Enter") open(t.id);
        else if (e.key === "j" || e.key === "ArrowDown" || e.key === "k" || e.key === "ArrowUp") {
          e.preventDefault();
          const down = e.key === "j" || e.key === "ArrowDown";
          let next = down ? tr.nextElementSibling : tr.previousElementSibling;
          while (next && !next.matches("[data-card-id]")) {
            next = down ? next.nextElementSibling : next.previousElementSibling;
          }
          (next as HTMLElement | null)?.focus();
        }
      }}
    >
      <td class="num">{t.rank}</td>
      <td>
        <IdChip id={t.id} />
      </td>
      <td class="title-cell" title={t.title}>{t.title}</td>
      <td>
        <StatusBadge status={t.status} />
      </td>
      <td>
        <PriorityBadge priority={t.priority} />
      </td>
      <td>
        <OwnerChip item={t} now={store.now} />
      </td>
      <td>
        <span class="readiness-cell">
          <ReadinessBadge readiness={t.readiness} />
          {unblocksCount(store, t) > 0 && (
            <span class="muted small">unblocks {unblocksCount(store, t)}</span>
          )}
        </span>
      </td>
      <td class="num">
        {t.subtaskCounts.total ? `${t.subtaskCounts.done}/${t.subtaskCounts.total}` : "—"}
      </td>
      <td class="num">
        {t.criteriaCounts.total ? `${t.criteriaCounts.checked}/${t.criteriaCounts.total}` : "—"}
      </td>
      <td class="muted">{relativeTime(t.updatedAt, store.now)}</td>
    </tr>
  );
  if (tasks.length === 0) return <div class="list-empty">No tasks to show.</div>;
  return (
    <div class="table-wrap" data-scroller>
      <table class="task-table">
        <thead>
          <tr>
            {COLUMNS.map(([key, label]) => (
              <th
                key={key}
                aria-sort={sort.key === key
                  ? (sort.dir === 1 ? "ascending" : "descending")
                  : "none"}
              >
                <button
                  type="button"
                  onClick={() =>
                    setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}
                >
                  {label}
                  {sort.key === key && (
                    <span aria-hidden="true">{sort.dir === 1 ? " ↑" : " ↓"}</span>
                  )}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length > VIRTUAL_THRESHOLD
            ? <VirtualRows items={rows} rowHeight={44} render={row} tag="tbody" />
            : rows.map(row)}
        </tbody>
      </table>
    </div>
  );
}
