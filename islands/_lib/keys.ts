/** Keyboard helpers shared by the islands. */
import { dialogOpen } from "../_components/modal.tsx";

/** Whether a key event happens while typing (inputs, text areas, editable content). */
export function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  return t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
}

/** Whether a global shortcut may run for this event. */
export function shortcutAllowed(e: KeyboardEvent): boolean {
  return !e.defaultPrevented && !e.metaKey && !e.ctrlKey && !e.altKey && !typing(e) &&
    !dialogOpen();
}

/** Announces a message in the shared polite live region. */
export function announce(message: string): void {
  const el = document.getElementById("cairn-announcer");
  if (!el) return;
  el.textContent = "";
  setTimeout(() => (el.textContent = message), 30);
}

/**
 * `j`/`k` while no card has the focus: focus the first card under `root`, so
 * the card keys have somewhere to start from.
 */
export function focusFirstCard(e: KeyboardEvent, root: ParentNode | null | undefined): void {
  if ((e.key !== "j" && e.key !== "k") || !shortcutAllowed(e)) return;
  if ((document.activeElement as HTMLElement | null)?.closest?.("[data-card-id]")) return;
  const first = root?.querySelector<HTMLElement>("[data-card-id]");
  if (!first) return;
  e.preventDefault();
  first.focus();
}
