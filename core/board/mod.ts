/**
 * The live board's core (SPEC §15.5, §15.6): snapshot, deltas, change
 * watching, fan-out and idempotency storage. Loaded lazily by `cairn board`.
 *
 * @module
 */
export * from "./types.ts";
export { buildSnapshot, emptySnapshot } from "./snapshot.ts";
export { type CachedSnapshot, SnapshotCache } from "./snapshot_cache.ts";
export { buildDelta } from "./delta.ts";
export { loadOwners, maxSeq } from "./load.ts";
export { ChangeWatcher, MAX_DELTA_EVENTS, type WatcherOptions } from "./watcher.ts";
export { Hub, type HubOptions, sseFrame, StreamClient } from "./hub.ts";
export {
  findIdempotent,
  IDEMPOTENCY_TTL_MS,
  purgeIdempotency,
  saveIdempotent,
  type StoredAnswer,
} from "./idempotency.ts";
export { repoInfo } from "./repo.ts";
