/**
 * The context of one core call: the open store, who acts, through which
 * surface, for which command, and the clock.
 *
 * @module
 */
import type { Store } from "./store/store.ts";
import type { Settings } from "./config.ts";

/** Which surface wrote an event (SPEC §5.9). */
export type EventSource = "cli" | "board" | "mcp" | "sync" | "import";

/** Branch and worktree stamped on events (SPEC §13.4). */
export interface GitStamp {
  branch: string | null;
  head: string | null;
  worktree: string | null;
}

/** Everything a core function needs besides its own input. */
export interface Ctx {
  store: Store;
  source: EventSource;
  /** Command or API operation id, recorded on events (`task.done`). */
  command: string;
  env: (name: string) => string | undefined;
  /** The clock (milliseconds); pinned by `CAIRN_NOW` in tests. */
  now: () => number;
  /** The actor for events (SPEC §5.10), resolved lazily. */
  actor: () => string;
  /** Git branch/worktree for events, read lazily from files. */
  git: () => GitStamp;
  settings: Settings;
}
