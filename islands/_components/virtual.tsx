/**
 * Windowed rendering for long columns and tables (beyond 200 rows): rows have
 * a fixed height, spacers keep the scroll height (sized through CSSOM).
 */
import type { VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/** Rows at which windowing starts. */
export const VIRTUAL_THRESHOLD = 200;

export function VirtualRows<T>(
  { items, rowHeight, render, overscan = 8, initial = 40, tag = "div" }: {
    items: T[];
    rowHeight: number;
    render: (item: T, index: number) => VNode;
    overscan?: number;
    initial?: number;
    tag?: "div" | "tbody";
  },
) {
  const top = useRef<HTMLElement>(null);
  const bottom = useRef<HTMLElement>(null);
  const [range, setRange] = useState<[number, number]>([0, Math.min(items.length, initial)]);
  useEffect(() => {
    const scroller = top.current?.closest<HTMLElement>("[data-scroller]") ?? null;
    const update = () => {
      const viewTop = scroller ? scroller.scrollTop : scrollY;
      const height = scroller ? scroller.clientHeight : innerHeight;
      const offset = scroller
        ? 0
        : (top.current?.parentElement?.getBoundingClientRect().top ?? 0) + scrollY;
      const first = Math.max(0, Math.floor((viewTop - offset) / rowHeight) - overscan);
      const last = Math.min(
        items.length,
        Math.ceil((viewTop - offset + height) / rowHeight) + overscan,
      );
      setRange((r) => (r[0] === first && r[1] === last ? r : [first, last]));
    };
    update();
    const target = scroller ?? window;
    target.addEventListener("scroll", update, { passive: true });
    return () => target.removeEventListener("scroll", update);
  }, [items.length, rowHeight]);
  useEffect(() => {
    if (top.current) top.current.style.height = `${range[0] * rowHeight}px`;
    if (bottom.current) {
      bottom.current.style.height = `${Math.max(0, items.length - range[1]) * rowHeight}px`;
    }
  });
  const Spacer = tag === "tbody" ? "tr" : "div";
  const rows = items.slice(range[0], range[1]).map((item, i) => render(item, range[0] + i));
  return (
    <>
      <Spacer ref={top as never} class="v-spacer" aria-hidden="true" data-offset={range[0]} />
      {rows}
      <Spacer ref={bottom as never} class="v-spacer" aria-hidden="true" />
    </>
  );
}
