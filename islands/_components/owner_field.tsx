/** Owner editor: autocomplete from known owners, Enter or blur saves, a clear button. */
import { useEffect, useRef, useState } from "preact/hooks";
import { CloseIcon } from "./icons.tsx";

export function OwnerField(
  { value, owners, onSave }: {
    value: string | null;
    owners: string[];
    onSave: (owner: string | null) => unknown;
  },
) {
  const [draft, setDraft] = useState(value ?? "");
  const sent = useRef<string | null>(null);
  useEffect(() => {
    setDraft(value ?? "");
    sent.current = null;
  }, [value]);
  const save = () => {
    const next = draft.trim();
    if (next === (value ?? "") || next === sent.current) return; // Enter then blur saves once
    sent.current = next;
    onSave(next === "" ? null : next);
  };
  return (
    <div class="owner-field">
      <input
        class="inline-input"
        value={draft}
        placeholder="Unassigned"
        aria-label="Owner"
        list="cairn-owners"
        maxLength={100}
        data-owners={owners.length}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            save();
          }
        }}
      />
      {value && (
        <button
          type="button"
          class="icon-button small"
          aria-label="Clear owner"
          title="Clear owner"
          onClick={() => onSave(null)}
        >
          <CloseIcon size={12} />
        </button>
      )}
    </div>
  );
}
