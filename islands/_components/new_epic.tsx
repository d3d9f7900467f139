/** "New epic" dialog: title, description, priority → `POST /api/epics`. */
import { useState } from "preact/hooks";
import { useBoard } from "../_lib/context.ts";
import { mutate } from "../_lib/api.ts";
import { Modal } from "./modal.tsx";
import { PrioritySelect } from "./fields.tsx";

export function NewEpicDialog({ onClose }: { onClose: () => void }) {
  const store = useBoard();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState("p2");
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    const data = await mutate(store, {
      method: "POST",
      path: "/api/epics",
      body: { title, description, priority },
    });
    setBusy(false);
    if (data) {
      onClose();
      store.toast({ kind: "success", title: `Created epic “${data.epic.title}”` });
    }
  };
  return (
    <Modal label="New epic" onClose={onClose} size="sm" initialFocus="input">
      <form class="form" onSubmit={submit}>
        <div class="dialog-head">
          <h2>New epic</h2>
        </div>
        <label class="field">
          <span>Title</span>
          <input
            value={title}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
            maxLength={200}
            required
            placeholder="Ship the parser"
          />
        </label>
        <label class="field">
          <span>
            Description <em>(Markdown, optional)</em>
          </span>
          <textarea
            rows={5}
            value={description}
            onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <label class="field inline">
          <span>Priority</span>
          <PrioritySelect value={priority} onChange={setPriority} />
        </label>
        <div class="form-actions">
          <button type="button" class="button" onClick={onClose}>Cancel</button>
          <button type="submit" class="button primary" disabled={busy || !title.trim()}>
            Create epic
          </button>
        </div>
      </form>
    </Modal>
  );
}
