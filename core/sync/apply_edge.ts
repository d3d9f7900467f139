/**
 * Applying remote edge events (SPEC §14.6 rules 2, 4, 6): `present` is a
 * last-writer-wins register; an edge to a missing item is removed again, and
 * an edge that closes a cycle loses its newest edge on that cycle.
 *
 * @module
 */
import { isFullId } from "../ids.ts";
import { deleteEdge } from "../items/insert.ts";
import type { Store } from "../store/store.ts";
import { write } from "../store/tx.ts";
import { fromIso } from "../time.ts";
import { deleteEdgeRaw, edgeExists, insertEdgeRaw, isLive, tombstoneOf } from "./apply_rows.ts";
import { clockOf, clockStamp, setClock } from "./clocks.ts";
import { resolveRemotely } from "./conflict_rows.ts";
import { type ApplyState, storeRemoteEvent } from "./apply_state.ts";
import type { WireEvent } from "./jsonl.ts";
import { compareStamps, type Stamp } from "./stamp.ts";

function endpoints(item: string): [string, string] | null {
  const [s, d, extra] = item.split(">");
  const ok = (id: string | undefined) => !!id && (isFullId(id, "task") || isFullId(id, "subtask"));
  return ok(s) && ok(d) && extra === undefined && s !== d ? [s!, d!] : null;
}

/** Applies a `dep_add` / `dep_remove` (or resolve of `present`) event. */
export function applyEdge(st: ApplyState, e: WireEvent): "applied" | "dropped" {
  const store = st.store;
  const ends = endpoints(e.item);
  const change = e.changes.present;
  if (!ends || !change || typeof change.new !== "boolean") {
    st.warn("invalid_remote_value", "Malformed dependency events were not applied", [e.id]);
    storeRemoteEvent(store, e, { dropped: true });
    return "dropped";
  }
  const [s, d] = ends;
  if (tombstoneOf(store, s) || tombstoneOf(store, d)) {
    storeRemoteEvent(store, e, { dropped: true });
    return "dropped";
  }
  storeRemoteEvent(store, e);
  const cur = clockOf(store, e.item, "present");
  const present = edgeExists(store, s, d);
  const resolves = e.resolves ?? [];
  if (
    cur && cur.event_id !== (change.base ?? null) && !resolves.includes(cur.event_id) &&
    present !== change.new
  ) {
    st.conflict({
      kind: "field",
      itemId: e.item,
      itemKind: "dependency",
      field: "present",
      ours: present,
      oursEvent: cur.event_id,
      theirs: change.new,
      theirsEvent: e.id,
    });
  }
  st.stats.resolvedRemotely += resolveRemotely(store, resolves, e.actor, e.id, st.now);
  if (cur && compareStamps(e, clockStamp(cur)) <= 0) return "applied";
  setClock(store, e.item, "present", e);
  if (!change.new) {
    if (present) deleteEdgeRaw(store, s, d);
    st.touched.add(s);
    return "applied";
  }
  if (present) return "applied";
  insertEdgeRaw(store, s, d, fromIso(e.at) ?? st.now, e.actor);
  st.touched.add(s);
  if (!isLive(store, s) || !isLive(store, d)) {
    write(st.ctx, (tx) => deleteEdge(tx, s, d, { cause: e.id }));
    return "applied";
  }
  breakCycles(st, e, s, d);
  return "applied";
}

/** A path `from` → … → `to` following "depends on" edges, or null (BFS, linear in edges). */
function findPath(store: Store, from: string, to: string): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node === to) {
      const path: string[] = [];
      for (let n: string | null = node; n !== null; n = parent.get(n) ?? null) path.unshift(n);
      return path;
    }
    const next = store.all<{ id: string }>(
      "SELECT depends_on_id AS id FROM dependencies WHERE source_id = ?",
      node,
    );
    for (const { id } of next) {
      if (!parent.has(id)) {
        parent.set(id, node);
        queue.push(id);
      }
    }
  }
  return null;
}

function edgeStamp(store: Store, s: string, d: string): Stamp {
  const c = clockOf(store, `${s}>${d}`, "present");
  return c ? clockStamp(c) : { lamport: -1, actor: "", id: "" };
}

/** Removes the newest edge of every cycle through `s → d` (SPEC §14.6 rule 6). */
function breakCycles(st: ApplyState, e: WireEvent, s: string, d: string): void {
  const store = st.store;
  for (let guard = 0; guard < 1000; guard++) {
    const path = findPath(store, d, s);
    if (!path) return;
    const cycle: [string, string][] = [[s, d]];
    for (let i = 0; i + 1 < path.length; i++) cycle.push([path[i]!, path[i + 1]!]);
    let victim = cycle[0]!;
    for (const edge of cycle) {
      if (compareStamps(edgeStamp(store, ...edge), edgeStamp(store, ...victim)) > 0) victim = edge;
    }
    const victimClock = clockOf(store, `${victim[0]}>${victim[1]}`, "present");
    write(
      st.ctx,
      (tx) => deleteEdge(tx, victim[0], victim[1], { cause: e.id, flags: { auto: true } }),
    );
    st.conflict({
      kind: "cycle",
      itemId: `${victim[0]}>${victim[1]}`,
      itemKind: "dependency",
      field: "present",
      ours: { sourceId: victim[0], dependsOnId: victim[1], removed: true },
      oursEvent: victimClock?.event_id ?? null,
      theirs: { sourceId: s, dependsOnId: d },
      theirsEvent: e.id,
      details: { path: [s, ...path], removed: { sourceId: victim[0], dependsOnId: victim[1] } },
    });
    st.stats.cyclesBroken++;
    st.warn("cycle_broken", `Dependency cycles from remote edges were broken`, [
      victim[0],
      victim[1],
    ]);
    if (victim[0] === s && victim[1] === d) return;
  }
}
