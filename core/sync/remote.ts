/**
 * Sync prerequisites (SPEC §14.5 step 1): a git repository, a git
 * executable, and an existing remote.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError } from "../errors.ts";
import { type GitRepo, listRemotes } from "./git.ts";

/** The local sync ref. */
export const LOCAL_REF = "refs/cairn/events";

/** The remote-tracking copy of a remote's sync ref. */
export function trackingRef(remote: string): string {
  return `refs/cairn/remotes/${remote}/events`;
}

/** A checked sync target. */
export interface SyncTarget {
  repo: GitRepo;
  remote: string;
}

/** The remote to use: the flag, else `sync.remote` (environment or config), else `origin`. */
export function remoteName(ctx: Ctx, flag?: string): string {
  return flag ?? String(ctx.settings.values["sync.remote"]?.value ?? "origin");
}

/** The repository of the context, or `not_a_git_repo`. */
export function repoOf(ctx: Ctx): GitRepo {
  const git = ctx.store.location.git;
  if (!git) {
    throw new CairnError(
      "not_a_git_repo",
      "Sync needs a git repository; this storage is outside git",
      {
        storageDir: ctx.store.location.dir,
      },
    );
  }
  return { cwd: git.worktreeRoot };
}

/** Checks the repository, git and the remote. */
export async function syncTarget(ctx: Ctx, flag?: string): Promise<SyncTarget> {
  const repo = repoOf(ctx);
  const remote = remoteName(ctx, flag);
  const available = await listRemotes(repo);
  if (!available.includes(remote)) {
    throw new CairnError("no_remote", `The git remote "${remote}" does not exist`, {
      remote,
      available,
    });
  }
  return { repo, remote };
}
