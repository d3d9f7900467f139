/** A kanban card: id, title, priority, owner and lease, readiness, progress, unblocks, updated. */
import type { BoardStore } from "../_lib/store.ts";
import type { BoardTask } from "../_lib/types.ts";
import { relativeTime } from "../_lib/format.ts";
import { ChecklistIcon, SubtaskIcon, UnblockIcon } from "./icons.tsx";
import { IdChip, OwnerChip, PriorityBadge, ReadinessBadge } from "./ui.tsx";

/** Open direct dependents of a task ("unblocks N"). */
export function unblocksCount(store: BoardStore, task: BoardTask): number {
  return task.dependents.filter((id) => {
    const d = store.item(id);
    return d && d.status !== "done";
  }).length;
}

export function Card(
  { task, store, classes = "", onOpen, onKeyDown, onPointerDown, focusId }: {
    task: BoardTask;
    store: BoardStore;
    classes?: string;
    onOpen?: () => void;
    onKeyDown?: (e: KeyboardEvent) => void;
    onPointerDown?: (e: PointerEvent) => void;
    focusId?: string;
  },
) {
  const unblocks = unblocksCount(store, task);
  const sc = task.subtaskCounts;
  const cc = task.criteriaCounts;
  return (
    <div
      class={`card prio-edge-${task.priority} ${classes}`}
      tabIndex={0}
      role="listitem"
      data-drag-id={task.id}
      data-card-id={focusId ?? task.id}
      aria-label={`${task.title}, ${task.priority}, ${task.readiness.state}${
        task.owner ? `, owned by ${task.owner}` : ""
      }`}
      aria-roledescription="Task card. Enter to open, Space to move"
      onClick={onOpen}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    >
      <div class="card-top">
        <IdChip id={task.id} />
        <PriorityBadge priority={task.priority} quiet />
        <span class="spacer" />
        <ReadinessBadge readiness={task.readiness} />
      </div>
      <p class="card-title">{task.title}</p>
      <div class="card-meta">
        {sc.total > 0 && (
          <span
            class={`meta${sc.done === sc.total ? " complete" : ""}`}
            title={`Subtasks: ${sc.done} of ${sc.total} done`}
          >
            <SubtaskIcon size={13} /> {sc.done}/{sc.total}
          </span>
        )}
        {cc.total > 0 && (
          <span
            class={`meta${cc.checked === cc.total ? " complete" : ""}`}
            title={`Criteria: ${cc.checked} of ${cc.total} checked`}
          >
            <ChecklistIcon size={13} /> {cc.checked}/{cc.total}
          </span>
        )}
        {unblocks > 0 && (
          <span
            class="meta unblocks"
            title={`Unblocks ${unblocks} open item${unblocks === 1 ? "" : "s"}`}
          >
            <UnblockIcon size={13} /> {unblocks}
          </span>
        )}
        <span class="spacer" />
        <OwnerChip item={task} now={store.now} />
        <span class="meta time" title={task.updatedAt}>
          {relativeTime(task.updatedAt, store.now)}
        </span>
      </div>
    </div>
  );
}
