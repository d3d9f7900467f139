/** The modal's Markdown description with an editor and the "Append note" box. */
import { useState } from "preact/hooks";
import { mutate } from "../_lib/api.ts";
import { Markdown } from "../_lib/markdown.tsx";
import type { BoardStore } from "../_lib/store.ts";
import type { Item } from "../_lib/types.ts";
import { itemPath } from "./task_side.tsx";

export function Description({ item, store }: { item: Item; store: BoardStore }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const patch = (body: Record<string, unknown>) =>
    mutate(store, { method: "PATCH", path: itemPath(item), body, ifMatch: item.version });
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
