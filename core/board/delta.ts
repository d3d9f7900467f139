/**
 * Deltas (SPEC §15.5): for the events in `(fromSeq, seq]`, every record whose
 * serialised form may have changed, complete and as of `seq`, plus the ids of
 * removed records. A client that replaces records by id never recomputes.
 *
 * @module
 */
import type { Store } from "../store/store.ts";
import {
  loadCriteria,
  loadEdges,
  loadEpics,
  loadOwners,
  loadSubtasks,
  loadTasks,
  maxSeq,
} from "./load.ts";
import type { Delta, EdgeKey } from "./types.ts";

interface EventRow {
  item_id: string;
  item_kind: string;
  changes: string;
}

/** Ids touched by a run of events, by kind. */
interface Touched {
  epics: Set<string>;
  tasks: Set<string>;
  subtasks: Set<string>;
  criteria: Set<string>;
  edges: Map<string, EdgeKey>;
  /** Tasks and subtasks whose direct dependents must be refreshed (readiness). */
  nodes: Set<string>;
}

/** Number of events after `fromSeq` (up to `toSeq`). */
export function countEventsAfter(store: Store, fromSeq: number, toSeq: number): number {
  return Number(
    store.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM events WHERE seq > ? AND seq <= ?",
      fromSeq,
      toSeq,
    )
      ?.n ?? 0,
  );
}

function touchedBy(events: EventRow[]): Touched {
  const t: Touched = {
    epics: new Set(),
    tasks: new Set(),
    subtasks: new Set(),
    criteria: new Set(),
    edges: new Map(),
    nodes: new Set(),
  };
  const node = (id: string) => {
    (id.startsWith("t-") ? t.tasks : t.subtasks).add(id);
    t.nodes.add(id);
  };
  for (const ev of events) {
    const changes = JSON.parse(ev.changes) as Record<string, { old: unknown; new: unknown }>;
    const values = (field: string) =>
      [changes[field]?.old, changes[field]?.new].filter((v): v is string => typeof v === "string");
    switch (ev.item_kind) {
      case "dependency": {
        const [sourceId, dependsOnId] = ev.item_id.split(">") as [string, string];
        t.edges.set(ev.item_id, { sourceId, dependsOnId });
        node(sourceId);
        node(dependsOnId);
        break;
      }
      case "epic":
        t.epics.add(ev.item_id);
        break;
      case "task":
        node(ev.item_id);
        for (const id of values("epicId")) t.epics.add(id);
        break;
      case "subtask":
        node(ev.item_id);
        for (const id of values("taskId")) t.tasks.add(id);
        break;
      case "criterion":
        t.criteria.add(ev.item_id);
        for (const id of values("taskId")) t.tasks.add(id);
        break;
    }
  }
  return t;
}

/** Adds direct dependents of changed nodes, then parents (subtask → task → epic). */
function expand(store: Store, t: Touched): void {
  for (const id of t.nodes) {
    for (
      const r of store.all<{ id: string }>(
        "SELECT source_id AS id FROM dependencies WHERE depends_on_id = ?",
        id,
      )
    ) (r.id.startsWith("t-") ? t.tasks : t.subtasks).add(r.id);
  }
  for (const id of t.subtasks) {
    const row = store.get<{ task_id: string }>("SELECT task_id FROM subtasks WHERE id = ?", id);
    if (row) t.tasks.add(row.task_id);
  }
  for (const id of t.criteria) {
    const row = store.get<{ task_id: string }>("SELECT task_id FROM criteria WHERE id = ?", id);
    if (row) t.tasks.add(row.task_id);
  }
  for (const id of t.tasks) {
    const row = store.get<{ epic_id: string }>("SELECT epic_id FROM tasks WHERE id = ?", id);
    if (row) t.epics.add(row.epic_id);
  }
}

function missing(ids: Set<string>, found: { id: string }[]): string[] {
  const present = new Set(found.map((r) => r.id));
  return [...ids].filter((id) => !present.has(id)).sort();
}

/**
 * Builds the delta for the events in `(fromSeq, toSeq]` (toSeq defaults to
 * the latest) in one read transaction; null when there are none. `owners`
 * is the owner list the receiver knows: the delta carries `owners` only when
 * the set changed.
 */
export function buildDelta(
  store: Store,
  o: { fromSeq: number; toSeq?: number; now: number; owners?: readonly string[] },
): Delta | null {
  return store.read(() => {
    const seq = o.toSeq ?? maxSeq(store);
    if (seq <= o.fromSeq) return null;
    const events = store.all<EventRow>(
      "SELECT item_id, item_kind, changes FROM events WHERE seq > ? AND seq <= ? ORDER BY seq",
      o.fromSeq,
      seq,
    );
    const t = touchedBy(events);
    expand(store, t);
    const epics = loadEpics(store, [...t.epics]);
    const tasks = loadTasks(store, [...t.tasks], o.now);
    const subtasks = loadSubtasks(store, [...t.subtasks], o.now);
    const criteria = loadCriteria(store, [...t.criteria]);
    const keys = [...t.edges.values()];
    const dependencies = loadEdges(store, keys);
    const present = new Set(dependencies.map((e) => `${e.sourceId}>${e.dependsOnId}`));
    const delta: Delta = {
      seq,
      fromSeq: o.fromSeq,
      upserts: { epics, tasks, subtasks, criteria, dependencies },
      deletes: {
        epics: missing(t.epics, epics),
        tasks: missing(t.tasks, tasks),
        subtasks: missing(t.subtasks, subtasks),
        criteria: missing(t.criteria, criteria),
        dependencies: keys.filter((k) => !present.has(`${k.sourceId}>${k.dependsOnId}`)),
      },
    };
    if (o.owners) {
      const owners = loadOwners(store);
      if (owners.join("\n") !== o.owners.join("\n")) delta.owners = owners;
    }
    return delta;
  });
}
