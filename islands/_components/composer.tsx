/** Inline "new task" composer at the top of a column: Enter creates, Escape closes. */
import { useState } from "preact/hooks";
import { useBoard } from "../_lib/context.ts";
import { mutate } from "../_lib/api.ts";
import type { Status } from "../_lib/types.ts";
import { statusLabel } from "../_lib/format.ts";

export function Composer(
  { epicId, status, onClose }: { epicId: string; status: Status; onClose: () => void },
) {
  const store = useBoard();
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const create = async () => {
    const t = title.trim();
    if (!t || busy) return;
    setBusy(true);
    const data = await mutate(store, {
      method: "POST",
      path: "/api/tasks",
      body: { epicId, title: t, ...(status === "todo" ? {} : { status }) },
    });
    setBusy(false);
    if (data) setTitle("");
  };
  return (
    <div class="composer">
      <textarea
        rows={2}
        value={title}
        placeholder={`New task in ${statusLabel(status)}… (Enter to add)`}
        aria-label={`Title of the new task in ${statusLabel(status)}`}
        maxLength={200}
        ref={(el) => el?.focus()}
        onInput={(e) => setTitle((e.target as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            create();
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <div class="composer-actions">
        <button type="button" class="button small" onClick={onClose}>Close</button>
        <button
          type="button"
          class="button small primary"
          disabled={!title.trim() || busy}
          onClick={create}
        >
          Add task
        </button>
      </div>
    </div>
  );
}
