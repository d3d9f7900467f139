/**
 * Batch cycle detection in linear time (SPEC §7 rule 12): self edges first,
 * then Kahn's algorithm over existing ∪ new edges; on the remainder, strongly
 * connected components by an iterative Tarjan; one cycle path (BFS inside the
 * component) per non-trivial component that contains a new edge.
 *
 * @module
 */

/** A new edge of the batch: `sourceId` depends on `dependsOnId`. */
export interface NewEdge {
  /** 1-based `--dep` index. */
  index: number;
  sourceId: string;
  dependsOnId: string;
}

/** One reported cycle. */
export interface CycleIssue {
  index: number;
  sourceId: string;
  dependsOnId: string;
  reason: "self" | "cycle";
  /** `[source, dependsOn, …, source]`. */
  path: string[];
}

/** Compact graph: nodes as integers, out-edges in CSR form. */
interface Graph {
  names: string[];
  start: Int32Array;
  adj: Int32Array;
}

function buildGraph(
  existing: Iterable<readonly [string, string]>,
  added: readonly NewEdge[],
): { g: Graph; addedPairs: [number, number][] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const node = (id: string) => {
    let n = ids.get(id);
    if (n === undefined) {
      n = names.length;
      ids.set(id, n);
      names.push(id);
    }
    return n;
  };
  const from: number[] = [];
  const to: number[] = [];
  for (const [s, d] of existing) {
    from.push(node(s));
    to.push(node(d));
  }
  const addedPairs: [number, number][] = [];
  for (const e of added) {
    const pair: [number, number] = [node(e.sourceId), node(e.dependsOnId)];
    addedPairs.push(pair);
    from.push(pair[0]);
    to.push(pair[1]);
  }
  const n = names.length;
  const start = new Int32Array(n + 1);
  for (const f of from) start[f + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const adj = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) adj[fill[from[i]!]!++] = to[i]!;
  return { g: { names, start, adj }, addedPairs };
}

/** Kahn's algorithm; returns which nodes remain (are on or behind a cycle). */
function kahnRemainder(g: Graph): Uint8Array {
  const n = g.names.length;
  const indegree = new Int32Array(n);
  // Indexed: iterating a typed array with for-of is slow in cold code.
  for (let i = 0; i < g.adj.length; i++) indegree[g.adj[i]!]!++;
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue[tail++] = v;
  const remaining = new Uint8Array(n).fill(1);
  while (head < tail) {
    const v = queue[head++]!;
    remaining[v] = 0;
    for (let p = g.start[v]!; p < g.start[v + 1]!; p++) {
      const w = g.adj[p]!;
      if (--indegree[w]! === 0) queue[tail++] = w;
    }
  }
  return remaining;
}

/**
 * Items on a dependency cycle or depending on one: what Kahn's algorithm
 * cannot remove from `[source, dependsOn]` pairs, walked from prerequisites.
 */
export function behindCycles(pairs: Iterable<readonly [string, string]>): Set<string> {
  const reversed = [...pairs].map(([source, dependsOn]) => [dependsOn, source] as const);
  const { g } = buildGraph(reversed, []);
  const left = kahnRemainder(g);
  return new Set(g.names.filter((_, v) => left[v] === 1));
}

/** Iterative Tarjan on the remaining nodes; returns the component of each node (-1 outside). */
function tarjan(g: Graph, remaining: Uint8Array): { comp: Int32Array; size: number[] } {
  const n = g.names.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const size: number[] = [];
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (!remaining[root] || index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    callNode.push(root);
    callEdge.push(g.start[root]!);
    while (callNode.length) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      const p = callEdge[top]!;
      if (p < g.start[v + 1]!) {
        callEdge[top] = p + 1;
        const w = g.adj[p]!;
        if (!remaining[w]) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(g.start[w]!);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length) {
        const u = callNode[callNode.length - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const id = size.length;
        let count = 0;
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = id;
          count++;
        } while (w !== v);
        size.push(count);
      }
    }
  }
  return { comp, size };
}

/** Shortest path from `from` to `to` inside one component (BFS with parent pointers). */
function pathInside(g: Graph, comp: Int32Array, from: number, to: number): number[] {
  const parent = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    if (v === to) break;
    for (let p = g.start[v]!; p < g.start[v + 1]!; p++) {
      const w = g.adj[p]!;
      if (comp[w] !== comp[from] || parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  const path: number[] = [];
  for (let v = to; v !== -1; v = parent.get(v)!) path.push(v);
  return path.reverse();
}

/**
 * Finds the self edges and cycles a batch would create. `existing` are the
 * stored edges (they never form a cycle by themselves that is reported);
 * `added` are the batch's new edges, in spec order. Linear in nodes + edges.
 */
export function findBatchCycles(
  existing: Iterable<readonly [string, string]>,
  added: readonly NewEdge[],
): CycleIssue[] {
  const issues: CycleIssue[] = [];
  const real: NewEdge[] = [];
  for (const e of added) {
    if (e.sourceId === e.dependsOnId) {
      issues.push({
        index: e.index,
        sourceId: e.sourceId,
        dependsOnId: e.dependsOnId,
        reason: "self",
        path: [e.sourceId, e.sourceId],
      });
    } else real.push(e);
  }
  if (real.length) {
    const { g, addedPairs } = buildGraph(existing, real);
    const remaining = kahnRemainder(g);
    if (remaining.includes(1)) {
      const { comp, size } = tarjan(g, remaining);
      const reported = new Set<number>();
      real.forEach((e, i) => {
        const [s, d] = addedPairs[i]!;
        const c = comp[s]!;
        if (c === -1 || comp[d] !== c || size[c]! < 2 || reported.has(c)) return;
        reported.add(c);
        const path = [e.sourceId, ...pathInside(g, comp, d, s).map((v) => g.names[v]!)];
        issues.push({
          index: e.index,
          sourceId: e.sourceId,
          dependsOnId: e.dependsOnId,
          reason: "cycle",
          path,
        });
      });
    }
  }
  return issues.sort((a, b) => a.index - b.index);
}
