/**
 * Dependency edges (SPEC §7, §9.6): add with cycle check, remove, list,
 * reverse traversal, and the "unblocked" / "reblocked" sets that completing
 * or reopening an item produces.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError, type Warning } from "./errors.ts";
import { byPosition, graphNodes, nodeRef, nodesInOrder } from "./graph_nodes.ts";
import { deleteEdge, insertEdge } from "./items/insert.ts";
import { edgeRecord, type EdgeRow, ref, type Status } from "./records.ts";
import { resolveId } from "./resolve.ts";
import type { Store } from "./store/store.ts";
import { read, write } from "./store/tx.ts";
import { iso } from "./time.ts";

const NODE_KINDS = ["task", "subtask"] as const;

/** Status of a live task or subtask, or null. */
function statusOf(store: Store, id: string): Status | null {
  return store.get<{ status: Status }>(
    "SELECT status FROM tasks WHERE id = ?1 UNION ALL SELECT status FROM subtasks WHERE id = ?1",
    id,
  )?.status ?? null;
}

/**
 * Shortest path from `from` to `to` along "depends on" edges (BFS with
 * parent pointers, O(V + E)), or null when `to` is unreachable.
 */
export function dependencyPath(store: Store, from: string, to: string): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const node of frontier) {
      const rows = store.all<{ d: string }>(
        "SELECT depends_on_id AS d FROM dependencies WHERE source_id = ?",
        node,
      );
      for (const { d } of rows) {
        if (parent.has(d)) continue;
        parent.set(d, node);
        if (d === to) {
          const path = [d];
          for (let p = parent.get(d); p; p = parent.get(p)) path.unshift(p);
          return path;
        }
        next.push(d);
      }
    }
    frontier = next;
  }
  return null;
}

/** `dep add <source> <dependsOn>` (SPEC §7 rules 4-9). Idempotent. */
export function addDependency(ctx: Ctx, input: { source: string; dependsOn: string }) {
  return write(ctx, (tx) => {
    const store = tx.store;
    const a = resolveId(store, input.source, NODE_KINDS).id;
    const b = resolveId(store, input.dependsOn, NODE_KINDS).id;
    if (a === b) {
      throw new CairnError("dependency_cycle", `"${a}" cannot depend on itself`, {
        reason: "self",
        path: [a, a],
      });
    }
    const existing = store.get<EdgeRow>(
      "SELECT * FROM dependencies WHERE source_id = ? AND depends_on_id = ?",
      a,
      b,
    );
    if (existing) return { edge: edgeRecord(existing), created: false, warnings: [] as Warning[] };
    const back = dependencyPath(store, b, a);
    if (back) {
      throw new CairnError(
        "dependency_cycle",
        `"${a}" cannot depend on "${b}": that would create a cycle (${[a, ...back].join(" → ")})`,
        { reason: "cycle", path: [a, ...back] },
      );
    }
    const row = insertEdge(tx, a, b)!;
    const warnings: Warning[] = [];
    const sourceStatus = statusOf(store, a)!;
    const prereqStatus = statusOf(store, b)!;
    if ((sourceStatus === "in_progress" || sourceStatus === "done") && prereqStatus !== "done") {
      warnings.push({
        code: "prerequisite_open",
        message:
          `"${a}" is ${sourceStatus} but its new prerequisite "${b}" is ${prereqStatus}; cairn doctor reports this`,
        ids: [a, b],
      });
    }
    return { edge: edgeRecord(row), created: true, warnings };
  });
}

/** `dep remove <source> <dependsOn>`: removing a missing edge writes nothing. */
export function removeDependency(ctx: Ctx, input: { source: string; dependsOn: string }) {
  return write(ctx, (tx) => {
    const a = resolveId(tx.store, input.source, NODE_KINDS).id;
    const b = resolveId(tx.store, input.dependsOn, NODE_KINDS).id;
    const removed = deleteEdge(tx, a, b);
    return { sourceId: a, dependsOnId: b, removed, warnings: [] as Warning[] };
  });
}

/** `dep list <item>`: direct prerequisites and dependents, in position order. */
export function listDependencies(ctx: Ctx, input: { id: string }) {
  return read(ctx, () => {
    const store = ctx.store;
    const { id } = resolveId(store, input.id, NODE_KINDS);
    const item = graphNodes(store, [id]).get(id)!;
    const side = (sql: string) => {
      const edges = store.all<{ other: string; created_at: number }>(sql, id);
      const at = new Map(edges.map((e) => [e.other, e.created_at]));
      return nodesInOrder(store, at.keys()).map((n) => ({
        ...nodeRef(n),
        createdAt: iso(at.get(n.id)!)!,
      }));
    };
    return {
      item: nodeRef(item),
      dependsOn: side(
        "SELECT depends_on_id AS other, created_at FROM dependencies WHERE source_id = ?",
      ),
      dependents: side(
        "SELECT source_id AS other, created_at FROM dependencies WHERE depends_on_id = ?",
      ),
    };
  });
}

/**
 * `dep reverse <item>`: every transitive dependent once, by BFS over reverse
 * edges (linear in edges); ordered by distance, kind, then position.
 */
export function reverseDependencies(ctx: Ctx, input: { id: string }) {
  return read(ctx, () => {
    const store = ctx.store;
    const { id } = resolveId(store, input.id, NODE_KINDS);
    const item = graphNodes(store, [id]).get(id)!;
    const distance = new Map<string, number>([[id, 0]]);
    let frontier = [id];
    for (let level = 1; frontier.length; level++) {
      const next: string[] = [];
      for (const node of frontier) {
        for (
          const { s } of store.all<{ s: string }>(
            "SELECT source_id AS s FROM dependencies WHERE depends_on_id = ?",
            node,
          )
        ) {
          if (distance.has(s)) continue;
          distance.set(s, level);
          next.push(s);
        }
      }
      frontier = next;
    }
    distance.delete(id);
    const nodes = [...graphNodes(store, distance.keys()).values()].sort((a, b) =>
      distance.get(a.id)! - distance.get(b.id)! ||
      (a.kind === b.kind ? 0 : a.kind === "task" ? -1 : 1) || byPosition(a, b)
    ).map((n) => ({ ...nodeRef(n), distance: distance.get(n.id)! }));
    return {
      item: nodeRef(item),
      nodes,
      summary: {
        total: nodes.length,
        open: nodes.filter((n) => n.status !== "done").length,
        maxDistance: nodes.reduce((m, n) => Math.max(m, n.distance), 0),
      },
    };
  });
}

/** An item that a completion unblocked (SPEC §6.7). */
export interface UnblockedItem {
  id: string;
  kind: "task" | "subtask";
  title: string;
  status: Status;
  epicId: string;
  taskId: string | null;
  ready: boolean;
  hint: string | null;
}

const UNRESOLVED_OTHER = `EXISTS (SELECT 1 FROM dependencies p
  LEFT JOIN tasks pt ON pt.id = p.depends_on_id LEFT JOIN subtasks ps ON ps.id = p.depends_on_id
  WHERE p.source_id = d.source_id AND COALESCE(pt.status, ps.status) <> 'done'`;

/**
 * Open direct dependents of `ids` whose prerequisites are now all done, in
 * position order. Call it after `ids` became done, inside the same
 * transaction. `blocked` items are listed with `ready: false` and a hint.
 */
export function unblockedBy(store: Store, ids: readonly string[]): UnblockedItem[] {
  const candidates = store.all<{ id: string }>(
    `SELECT DISTINCT d.source_id AS id FROM json_each(?) j
       JOIN dependencies d ON d.depends_on_id = j.value
      WHERE NOT ${UNRESOLVED_OTHER})`,
    JSON.stringify(ids),
  );
  return nodesInOrder(store, candidates.map((c) => c.id))
    .filter((n) => n.status !== "done")
    .map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      status: n.status,
      epicId: n.epicId,
      taskId: n.taskId,
      ready: n.status !== "blocked",
      hint: n.status === "blocked" ? `cairn ${n.kind} update ${n.id} --status todo` : null,
    }));
}

/**
 * Open direct dependents of `id` that wait again because `id` left `done`:
 * those whose only unfinished prerequisite is `id`. Position order.
 */
export function reblockedBy(store: Store, id: string) {
  const candidates = store.all<{ id: string }>(
    `SELECT d.source_id AS id FROM dependencies d
      WHERE d.depends_on_id = ?1 AND NOT ${UNRESOLVED_OTHER} AND p.depends_on_id <> ?1)`,
    id,
  );
  return nodesInOrder(store, candidates.map((c) => c.id))
    .filter((n) => n.status !== "done")
    .map((n) => ref(nodeRef(n)));
}
