/** Acceptance criteria: check with evidence, uncheck, edit, add, reorder, remove. */
import { useState } from "preact/hooks";
import { mutate } from "../_lib/api.ts";
import type { BoardStore } from "../_lib/store.ts";
import type { BoardTask, Criterion } from "../_lib/types.ts";
import { CheckIcon, ChevronDown, CloseIcon, PlusIcon } from "./icons.tsx";

function CriterionRow(
  { c, store, first, last, prev, next }: {
    c: Criterion;
    store: BoardStore;
    first: boolean;
    last: boolean;
    prev?: string;
    next?: string;
  },
) {
  const [evidence, setEvidence] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const patch = (body: Record<string, unknown>) =>
    mutate(store, {
      method: "PATCH",
      path: `/api/criteria/${c.id}`,
      body,
      ifMatch: c.version,
      optimistic: { id: c.id, patch: body },
    });
  const check = () => {
    if (c.checked) patch({ checked: false });
    else setEvidence("");
  };
  return (
    <li class={`criterion${c.checked ? " checked" : ""}`}>
      <button
        type="button"
        role="checkbox"
        aria-checked={c.checked}
        class="checkbox"
        onClick={check}
        aria-label={c.checked ? `Uncheck: ${c.text}` : `Check: ${c.text}`}
      >
        {c.checked && <CheckIcon size={12} />}
      </button>
      <div class="criterion-body">
        {text === null
          ? (
            <span class="criterion-text" onDblClick={() => setText(c.text)}>
              {c.text}
            </span>
          )
          : (
            <input
              class="inline-input"
              value={text}
              aria-label="Criterion text"
              ref={(el) => el?.focus()}
              onInput={(e) => setText((e.target as HTMLInputElement).value)}
              onKeyDown={async (e) => {
                if (e.key === "Enter" && text.trim()) {
                  e.preventDefault();
                  if (await patch({ text: text.trim() })) setText(null);
                } else if (e.key === "Escape") {
                  e.preventDefault();
                  e.stopPropagation();
                  setText(null);
                }
              }}
              onBlur={() => setText(null)}
            />
          )}
        {c.checked && c.evidence && <span class="evidence">{c.evidence}</span>}
        {evidence !== null && (
          <form
            class="evidence-form"
            onSubmit={async (e) => {
              e.preventDefault();
              const body = evidence.trim()
                ? { checked: true, evidence: evidence.trim() }
                : { checked: true };
              setEvidence(null);
              await patch(body);
            }}
          >
            <input
              class="inline-input"
              placeholder="Evidence (optional): test name, commit, link…"
              aria-label="Evidence"
              value={evidence}
              ref={(el) => el?.focus()}
              onInput={(e) => setEvidence((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  e.stopPropagation();
                  setEvidence(null);
                }
              }}
            />
            <button type="submit" class="button small primary">Check</button>
          </form>
        )}
      </div>
      <div class="row-actions">
        <button
          type="button"
          class="icon-button small"
          aria-label="Edit criterion"
          title="Edit"
          onClick={() => setText(c.text)}
        >
          ✎
        </button>
        <button
          type="button"
          class="icon-button small"
          aria-label="Move up"
          title="Move up"
          disabled={first}
          onClick={() =>
            prev &&
            mutate(store, {
              method: "POST",
              path: `/api/criteria/${c.id}/move`,
              body: { before: prev },
            })}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon-button small"
          aria-label="Move down"
          title="Move down"
          disabled={last}
          onClick={() =>
            next &&
            mutate(store, {
              method: "POST",
              path: `/api/criteria/${c.id}/move`,
              body: { after: next },
            })}
        >
          <ChevronDown size={12} />
        </button>
        <button
          type="button"
          class="icon-button small danger"
          aria-label="Remove criterion"
          title="Remove"
          onClick={() =>
            mutate(store, { method: "DELETE", path: `/api/criteria/${c.id}`, ifMatch: c.version })}
        >
          <CloseIcon size={12} />
        </button>
      </div>
    </li>
  );
}

/** An inline "add …" input row. */
export function AddRow(
  { placeholder, label, onAdd }: {
    placeholder: string;
    label: string;
    onAdd: (text: string) => Promise<unknown>;
  },
) {
  const [text, setText] = useState("");
  return (
    <form
      class="add-row"
      onSubmit={async (e) => {
        e.preventDefault();
        const t = text.trim();
        if (!t) return;
        if (await onAdd(t)) setText("");
      }}
    >
      <PlusIcon size={14} />
      <input
        class="inline-input"
        placeholder={placeholder}
        aria-label={label}
        value={text}
        maxLength={500}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
    </form>
  );
}

/** Acceptance criteria checklist. */
export function CriteriaSection({ task, store }: { task: BoardTask; store: BoardStore }) {
  const list = store.criteriaOf(task.id);
  const checked = list.filter((c) => c.checked).length;
  return (
    <section class="section" aria-label="Acceptance criteria">
      <h3 class="section-title">
        Acceptance criteria{" "}
        <span class="muted">{list.length ? `${checked}/${list.length}` : ""}</span>
      </h3>
      <ul class="criteria">
        {list.map((c, i) => (
          <CriterionRow
            key={c.id}
            c={c}
            store={store}
            first={i === 0}
            last={i === list.length - 1}
            prev={list[i - 1]?.id}
            next={list[i + 1]?.id}
          />
        ))}
      </ul>
      <AddRow
        placeholder="Add a criterion…"
        label="New acceptance criterion"
        onAdd={(text) =>
          mutate(store, { method: "POST", path: `/api/tasks/${task.id}/criteria`, body: { text } })}
      />
    </section>
  );
}
