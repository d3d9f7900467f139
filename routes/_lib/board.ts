/**
 * What every board route can reach: the core context (source "board"), the
 * secrets, the live-update hub, and the request's own facts.
 */
import type { Context } from "hono";
import type { Ctx } from "../../core/mod.ts";
import {
  type CachedSnapshot,
  type ChangeWatcher,
  type Hub,
  repoInfo,
  type SnapshotCache,
} from "../../core/board/mod.ts";
import type { Auth } from "./auth.ts";

/** The services of one board process. */
export interface Board {
  ctx: Ctx;
  port: number;
  auth: Auth;
  hub: Hub;
  /** Present in a running server; asked to publish right after the board's own writes. */
  watcher: ChangeWatcher | null;
  /** stderr lines (start, stop, 5xx); tests collect them. */
  log: (line: string) => void;
  /** The last snapshot, reused while nothing changed. */
  snapshots: SnapshotCache;
}

/** The board's current snapshot (cached while the seq is unchanged). */
export function currentSnapshot(board: Board): CachedSnapshot {
  const store = board.ctx.store;
  return board.snapshots.get(store, { now: board.ctx.now(), repo: repoInfo(store.location) });
}

/** Hono environment of the board app. */
export interface BoardEnv {
  Variables: {
    board: Board;
    requestId: string;
  };
}

/** A request context of the board app. */
export type BoardContext = Context<BoardEnv>;
