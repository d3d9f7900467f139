/** Keyboard help (`?`) and the global shortcuts that belong to no single island (`g e`). */
import { useEffect, useState } from "preact/hooks";
import { shortcutAllowed } from "./_lib/keys.ts";
import { Modal } from "./_components/modal.tsx";
import { CloseIcon, KeyboardIcon } from "./_components/icons.tsx";
import { Kbd } from "./_components/ui.tsx";

const KEYS: [string[], string][] = [
  [["/"], "Search"],
  [["?"], "Show this help"],
  [["g", "e"], "Go to the epics overview"],
  [["j", "k"], "Next / previous card (arrow keys work too)"],
  [["Enter"], "Open the focused card"],
  [["Space"], "Pick up a card, arrows to move, Space to drop"],
  [["n"], "New task"],
  [["e"], "Edit the title in an open task"],
  [["Esc"], "Close the top dialog, cancel a move, or clear search"],
];

export default function Shortcuts() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let g = 0;
    const onKey = (e: KeyboardEvent) => {
      if (!shortcutAllowed(e)) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === "g") {
        g = Date.now();
      } else if (e.key === "e" && Date.now() - g < 1000) {
        e.preventDefault();
        location.assign("/");
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        class="icon-button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen(true)}
      >
        <KeyboardIcon />
      </button>
      {open && (
        <Modal label="Keyboard shortcuts" onClose={() => setOpen(false)} size="sm">
          <div class="dialog-head">
            <h2>Keyboard shortcuts</h2>
            <button
              type="button"
              class="icon-button"
              aria-label="Close"
              onClick={() => setOpen(false)}
            >
              <CloseIcon />
            </button>
          </div>
          <dl class="shortcut-list">
            {KEYS.map(([keys, what]) => (
              <div key={what} class="shortcut-row">
                <dt>{keys.map((k) => <Kbd key={k}>{k}</Kbd>)}</dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </Modal>
      )}
    </>
  );
}
