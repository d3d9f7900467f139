/**
 * Pointer-based drag and drop for cards (mouse, pen and touch alike).
 * Drop zones carry `data-drop="<zone>"`, draggable items `data-drag-id`.
 * The ghost follows the pointer through CSSOM transforms (allowed by the
 * CSP, unlike style attributes) without re-rendering on every move.
 */
import { useEffect, useRef, useState } from "preact/hooks";

/** Where a drag would drop. */
export interface DropTarget {
  zone: string;
  /** Index among the zone's items, the dragged item excluded (windowed lists included). */
  index: number;
}

/** A drag in progress. */
export interface DragInfo {
  id: string;
  fromZone: string;
  over: DropTarget | null;
  width: number;
}

function target(x: number, y: number, draggedId: string): DropTarget | null {
  const el = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-drop]");
  if (!el) return null;
  const items = [...el.querySelectorAll<HTMLElement>("[data-drag-id]")].filter((n) =>
    n.dataset.dragId !== draggedId
  );
  let index = items.length;
  for (let i = 0; i < items.length; i++) {
    const r = items[i]!.getBoundingClientRect();
    if (y < r.top + r.height / 2) {
      index = i;
      break;
    }
  }
  const offset = Number(el.querySelector<HTMLElement>("[data-offset]")?.dataset.offset ?? 0);
  return { zone: el.dataset.drop!, index: index + offset };
}

/** Drag state and handlers for one board of drop zones. */
export function usePointerDrag(onDrop: (id: string, from: string, to: DropTarget) => void) {
  const [drag, setDrag] = useState<DragInfo | null>(null);
  const ghost = useRef<HTMLDivElement>(null);
  const dropRef = useRef(onDrop);
  dropRef.current = onDrop;
  const suppressClick = useRef(false);
  const offset = useRef({ x: 0, y: 0 });
  const cancelled = useRef(false);

  const place = (x: number, y: number) => {
    if (ghost.current) {
      ghost.current.style.transform = `translate(${x - offset.current.x}px, ${
        y - offset.current.y
      }px) rotate(1.5deg)`;
    }
  };

  useEffect(() => {
    if (drag && ghost.current) ghost.current.style.width = `${drag.width}px`;
  }, [drag?.id]);

  const onPointerDown = (e: PointerEvent, id: string, zone: string) => {
    if (e.button !== 0 || (e.target as HTMLElement).closest("button, a, input, textarea, select")) {
      return;
    }
    const card = e.currentTarget as HTMLElement;
    const start = { x: e.clientX, y: e.clientY };
    cancelled.current = false;
    let active = false;
    let over: DropTarget | null = null;
    const move = (ev: PointerEvent) => {
      if (!active) {
        if (Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < 5) return;
        active = true;
        const r = card.getBoundingClientRect();
        offset.current = { x: start.x - r.left, y: start.y - r.top };
        setDrag({ id, fromZone: zone, over: null, width: r.width });
        document.body.classList.add("is-dragging");
      }
      place(ev.clientX, ev.clientY);
      const next = target(ev.clientX, ev.clientY, id);
      if (next?.zone !== over?.zone || next?.index !== over?.index) {
        over = next;
        setDrag((d) => (d ? { ...d, over } : d));
      }
    };
    const end = (ev: PointerEvent) => {
      removeEventListener("pointermove", move);
      removeEventListener("pointerup", end);
      removeEventListener("pointercancel", end);
      document.body.classList.remove("is-dragging");
      if (!active) return;
      suppressClick.current = true;
      setTimeout(() => (suppressClick.current = false), 0);
      setDrag(null);
      if (ev.type === "pointerup" && over && !cancelled.current) dropRef.current(id, zone, over);
    };
    addEventListener("pointermove", move);
    addEventListener("pointerup", end);
    addEventListener("pointercancel", end);
  };

  useEffect(() => {
    if (!drag) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        cancelled.current = true;
        setDrag(null);
        document.body.classList.remove("is-dragging");
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [!!drag]);

  return {
    drag,
    ghost,
    onPointerDown,
    /** True right after a drag ended (the card's click must not open it). */
    clickSuppressed: () => suppressClick.current,
  };
}

/** `{before}` or `{after}` for dropping at `index` among `ids` (null when it changes nothing). */
export function anchorFor(
  ids: string[],
  index: number,
): { before: string } | { after: string } | null {
  if (ids.length === 0) return null;
  if (index < ids.length) return { before: ids[index]! };
  return { after: ids[ids.length - 1]! };
}

/** The position a record would get at `index` (for the optimistic overlay). */
export function positionAt(positions: number[], index: number): number {
  if (positions.length === 0) return 1;
  if (index <= 0) return positions[0]! - 1;
  if (index >= positions.length) return positions[positions.length - 1]! + 1;
  return (positions[index - 1]! + positions[index]!) / 2;
}
