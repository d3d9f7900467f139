/** Dialog with a focus trap, Escape to close (top-most only) and focus return. */
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";

const stack: HTMLElement[] = [];

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Whether any dialog is open (global shortcuts stand aside). */
export function dialogOpen(): boolean {
  return stack.length > 0;
}

/** A modal dialog. */
export function Modal(
  { label, onClose, children, size = "md", initialFocus, returnFocus }: {
    label: string;
    onClose: () => void;
    children: ComponentChildren;
    size?: "sm" | "md" | "lg";
    /** CSS selector of the element to focus first. */
    initialFocus?: string;
    /** Where the focus goes on close when nothing was focused before (a deep link) or that element is gone. */
    returnFocus?: () => HTMLElement | null;
  },
) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const fallback = useRef(returnFocus);
  fallback.current = returnFocus;
  // A layout effect, not useEffect: the dialog must own the focus and the keys as soon as it is in
  // the DOM. useEffect runs after a paint, so a fast Escape was lost, or the delayed focus() blurred
  // a field the user had already started typing in (a lost title edit).
  useLayoutEffect(() => {
    const el = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    stack.push(el);
    const first = (initialFocus ? el.querySelector<HTMLElement>(initialFocus) : null) ?? el;
    first.focus();
    const onKey = (e: KeyboardEvent) => {
      if (stack[stack.length - 1] !== el) return;
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        close.current();
      } else if (e.key === "Tab") {
        const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((n) =>
          n.offsetParent !== null
        );
        if (items.length === 0) return;
        const a = items[0]!;
        const z = items[items.length - 1]!;
        if (e.shiftKey && (document.activeElement === a || document.activeElement === el)) {
          e.preventDefault();
          z.focus();
        } else if (!e.shiftKey && document.activeElement === z) {
          e.preventDefault();
          a.focus();
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      stack.splice(stack.indexOf(el), 1);
      const back = previous && previous !== document.body && document.contains(previous)
        ? previous
        : fallback.current?.();
      back?.focus();
    };
  }, []);
  return (
    <div class="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        class={`dialog dialog-${size}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
      >
        {children}
      </div>
    </div>
  );
}
