/**
 * A snapshot reused while nothing changed: rebuilt when the event seq moved
 * (unless the watcher's delta for exactly that change was applied to it) or
 * after a while (lease flags depend on the clock). Its JSON text is kept too,
 * so pages, `/api/snapshot` and stream snapshots of an unchanged board cost a
 * string copy instead of a rebuild.
 *
 * @module
 */
import type { Store } from "../store/store.ts";
import { iso } from "../time.ts";
import { maxSeq } from "./load.ts";
import { buildSnapshot } from "./snapshot.ts";
import type { Delta, RepoInfo, Snapshot } from "./types.ts";

/** A cached snapshot and its serialised form. */
export interface CachedSnapshot {
  snapshot: Snapshot;
  /** `JSON.stringify(snapshot)`, computed once. */
  json: () => string;
}

function cached(snapshot: Snapshot): CachedSnapshot {
  let json: string | null = null;
  return { snapshot, json: () => (json ??= JSON.stringify(snapshot)) };
}

function replaced<T>(list: T[], key: (r: T) => string, upserts: T[], deletes: Set<string>): T[] {
  if (upserts.length === 0 && deletes.size === 0) return list;
  const fresh = new Map(upserts.map((r) => [key(r), r]));
  const out: T[] = [];
  for (const r of list) {
    const k = key(r);
    if (deletes.has(k)) continue;
    const u = fresh.get(k);
    out.push(u ?? r);
    fresh.delete(k);
  }
  out.push(...fresh.values());
  return out;
}

const edgeKey = (e: { sourceId: string; dependsOnId: string }) => `${e.sourceId}>${e.dependsOnId}`;

/** Caches the last snapshot of one store. */
export class SnapshotCache {
  #entry: { seq: number; at: number; value: CachedSnapshot } | null = null;

  constructor(readonly ttlMs = 10_000) {}

  /** The current snapshot: cached when the seq is unchanged and it is recent enough. */
  get(store: Store, o: { now: number; repo: RepoInfo }): CachedSnapshot {
    const seq = maxSeq(store);
    const e = this.#entry;
    if (e && e.seq === seq && o.now - e.at >= 0 && o.now - e.at < this.ttlMs) return e.value;
    const value = cached(buildSnapshot(store, o));
    this.#entry = { seq: value.snapshot.seq, at: o.now, value };
    return value;
  }

  /**
   * Brings the cached snapshot forward by a delta that covers its seq. Deltas
   * carry complete records as of their own seq, so replacing by id is enough,
   * and a delta that starts before the snapshot (it was rebuilt while the
   * delta was pending) brings it forward as well.
   */
  apply(delta: Delta, now: number): void {
    const e = this.#entry;
    // Otherwise the entry is already as new, or too old to bring forward: get() rebuilds it.
    if (!e || delta.fromSeq > e.seq || delta.seq <= e.seq) return;
    const s = e.value.snapshot;
    const id = (r: { id: string }) => r.id;
    const d = delta.deletes;
    const next: Snapshot = {
      ...s,
      seq: delta.seq,
      generatedAt: iso(now)!,
      owners: delta.owners ?? s.owners,
      epics: replaced(s.epics, id, delta.upserts.epics, new Set(d.epics)),
      tasks: replaced(s.tasks, id, delta.upserts.tasks, new Set(d.tasks)),
      subtasks: replaced(s.subtasks, id, delta.upserts.subtasks, new Set(d.subtasks)),
      criteria: replaced(s.criteria, id, delta.upserts.criteria, new Set(d.criteria)),
      dependencies: replaced(
        s.dependencies,
        edgeKey,
        delta.upserts.dependencies,
        new Set(d.dependencies.map(edgeKey)),
      ),
    };
    this.#entry = { seq: delta.seq, at: e.at, value: cached(next) };
  }

  /** Forgets the cached snapshot (the database was replaced). */
  clear(): void {
    this.#entry = null;
  }
}
