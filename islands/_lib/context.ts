/** The store as Preact context, and the hook islands use to re-render on changes. */
import { createContext } from "preact";
import { useContext, useEffect, useReducer } from "preact/hooks";
import type { BoardStore } from "./store.ts";

/** The page's store (server: one per render; browser: one shared by every island). */
export const StoreContext = createContext<BoardStore | null>(null);

/** The store; the calling component re-renders after every change. */
export function useBoard(): BoardStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useBoard outside a board island");
  const [, bump] = useReducer((n: number, _: void) => n + 1, 0);
  useEffect(() => store.subscribe(() => bump()), [store]);
  return store;
}
