/**
 * Island hydration: every island bundle calls `hydrateIslands` with its
 * component; all islands of a page share one store built from the embedded
 * `cairn-data` snapshot.
 */
import { type ComponentType, h, hydrate } from "preact";
import { StoreContext } from "./context.ts";
import { BoardStore } from "./store.ts";
import type { PageData } from "./types.ts";

let shared: BoardStore | null = null;

/** The page's store (created on first use from the embedded data). */
export function clientStore(): BoardStore {
  if (shared) return shared;
  const el = document.getElementById("cairn-data");
  const data = JSON.parse(el?.textContent ?? "null") as PageData;
  const store = new BoardStore(data);
  store.url = new URL(location.href);
  addEventListener("popstate", () => store.syncUrl(location.href));
  setInterval(() => {
    store.now = Date.now();
    store.emit();
  }, 30_000);
  shared = store;
  return store;
}

/** Hydrates every root of one island on the page. */
export function hydrateIslands<P>(name: string, component: ComponentType<P>): void {
  const store = clientStore();
  for (const el of document.querySelectorAll<HTMLElement>(`[data-island="${name}"]`)) {
    const props = JSON.parse(el.dataset.props ?? "{}") as P;
    hydrate(
      h(StoreContext.Provider, { value: store }, h(component as ComponentType, props as object)),
      el,
    );
  }
}
