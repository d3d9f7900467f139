/**
 * Test helper: a core `Ctx` on a repository's real database, for seeding data
 * and asserting through core calls without spawning the program.
 */
import type { Ctx } from "../../core/context.ts";
import { loadSettings } from "../../core/config.ts";
import { locateStorage } from "../../core/store/location.ts";
import { type OpenOptions, openStore } from "../../core/store/open.ts";

/** A core context that must be closed. */
export interface TestCtx extends Ctx {
  close(): void;
}

/** Opens the database of the repository at `dir` as the CLI would. */
export async function openCtx(
  dir: string,
  o: OpenOptions & { actor?: string; command?: string } = {},
): Promise<TestCtx> {
  const env = (name: string) => (name === "CAIRN_ACTOR" ? o.actor ?? "tester" : undefined);
  const location = locateStorage(dir, env);
  const { store } = await openStore(location, o);
  return {
    store,
    source: "cli",
    command: o.command ?? "test",
    env,
    now: o.now ?? Date.now,
    actor: () => o.actor ?? "tester",
    git: () => ({ branch: "main", head: null, worktree: "." }),
    settings: await loadSettings(null, env),
    close: () => store.close(),
  };
}
