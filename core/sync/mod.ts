/**
 * Sync through git (SPEC §14): push, pull, status and conflicts. Loaded
 * lazily by the `sync` commands.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { type PullData, pullFrom } from "./pull.ts";
import { type PushData, pushTo } from "./push.ts";
import { syncTarget } from "./remote.ts";

export { type PullData, syncPull } from "./pull.ts";
export { type PushData, syncPush } from "./push.ts";
export { type StatusData, syncStatus } from "./status.ts";
export { type Conflict, listConflicts, showConflict } from "./conflicts.ts";
export { resolveConflicts, type ResolveData, type ResolveInput } from "./resolve.ts";
export { offlineSyncCounters, syncConfigured, unexportedCount } from "./counters.ts";

/** `sync`: pull, then push; a failed pull stops before pushing. */
export async function syncAll(
  ctx: Ctx,
  input: { remote?: string } = {},
): Promise<{ pull: PullData; push: PushData }> {
  const target = await syncTarget(ctx, input.remote);
  const pull = await pullFrom(ctx, target);
  const push = await pushTo(ctx, target);
  return { pull, push };
}
