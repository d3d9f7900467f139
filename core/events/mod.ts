/**
 * The event log (SPEC §9.8, §14.10): listing, pruning, and the Event record
 * converter. Loaded lazily by the `events` commands.
 *
 * @module
 */
export { EVENT_COLUMNS, type EventRecord, eventRecord, type EventRow } from "./record.ts";
export { listEvents, type ListEventsInput } from "./list.ts";
export { pruneEvents, type PruneInput, type PruneResult } from "./prune.ts";
