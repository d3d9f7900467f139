/**
 * Types shared by the islands: the board records (type-only imports from the
 * core, erased by the bundler) and the page data embedded by the server.
 */
import type {
  BoardEpic,
  BoardSubtask,
  BoardTask,
  Criterion,
  Delta,
  Edge,
  Snapshot,
  Status,
} from "../../core/board/mod.ts";

export type { BoardEpic, BoardSubtask, BoardTask, Criterion, Delta, Edge, Snapshot, Status };

/** Which page is shown. */
export type PageKind = { kind: "overview" } | { kind: "epic"; epicId: string };

/** What the server embeds in `<script id="cairn-data">`. */
export interface PageData {
  snapshot: Snapshot;
  /** The status machine (SPEC §6.2), from the core. */
  transitions: Record<Status, Status[]>;
  page: PageKind;
  /** Path and query the page was rendered for. */
  url: string;
  /** Server clock (ms) at render time; the first client render uses it too. */
  now: number;
}

/** Every status in column order. */
export const STATUS_ORDER: readonly Status[] = ["todo", "in_progress", "blocked", "done"];

/** An item that can be opened in the modal. */
export type Item = BoardTask | BoardSubtask;
