/**
 * What every board route can reach: the core context (source "board"), the
 * secrets, the live-update hub, and the request's own facts.
 */
import type { Context } from "hono";
import type { Ctx } from "../../core/mod.ts";
import type { ChangeWatcher, Hub } from "../../core/board/mod.ts";
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
