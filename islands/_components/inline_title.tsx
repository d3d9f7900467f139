/** A title that turns into an input on click (or `e`); Enter saves, Escape cancels. */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

export function InlineTitle(
  { value, label, onSave, level = 2, editSignal = 0 }: {
    value: string;
    label: string;
    onSave: (title: string) => unknown;
    level?: 1 | 2;
    /** Changing this number starts editing (keyboard shortcut `e`). */
    editSignal?: number;
  },
) {
  const [draft, setDraft] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  // Enter/Escape end the edit from the keyboard: the focus goes back to the title, not to <body>.
  const refocus = useRef(false);
  useEffect(() => {
    if (editSignal > 0) setDraft(value);
  }, [editSignal]);
  // Layout effect: the input has the focus before the next key arrives (see Modal).
  useLayoutEffect(() => {
    if (draft !== null) {
      closed.current = false;
      input.current?.focus();
    } else if (refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [draft !== null]);
  const Tag = level === 1 ? "h1" : "h2";
  if (draft === null) {
    return (
      <Tag class="inline-title">
        <button
          ref={button}
          type="button"
          class="title-button"
          title="Click to edit"
          aria-label={`${label}: ${value}. Edit`}
          onClick={() => setDraft(value)}
        >
          {value}
        </button>
      </Tag>
    );
  }
  const save = () => {
    if (closed.current) return; // Enter saved already; the blur that follows must not save twice
    closed.current = true;
    const t = draft.trim();
    setDraft(null);
    if (t && t !== value) onSave(t);
  };
  return (
    <input
      ref={input}
      class={`title-input level-${level}`}
      aria-label={label}
      value={draft}
      maxLength={200}
      onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          refocus.current = true;
          save();
        } else if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          closed.current = true;
          refocus.current = true;
          setDraft(null);
        }
      }}
    />
  );
}
