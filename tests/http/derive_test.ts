import { assert, assertEquals } from "../helpers/assert.ts";
import { buildDelta, buildSnapshot, SnapshotCache } from "../../core/board/mod.ts";
import { json, testBoard } from "./_board.ts";

Deno.test("derive: the snapshot and a delta over every event compute identical records", async () => {
  const b = await testBoard();
  try {
    const now = Date.parse("2026-05-02T12:00:00.000Z");
    const snap = buildSnapshot(b.ctx.store, {
      now,
      repo: { name: "r", branch: null, worktree: null },
    });
    const delta = buildDelta(b.ctx.store, { fromSeq: 0, now })!;
    const byId = <T extends { id: string }>(xs: T[]) =>
      [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
    assertEquals(byId(delta.upserts.epics), byId(snap.epics));
    assertEquals(byId(delta.upserts.tasks), byId(snap.tasks));
    assertEquals(byId(delta.upserts.subtasks), byId(snap.subtasks));
    assertEquals(byId(delta.upserts.criteria), byId(snap.criteria));
    const key = (e: { sourceId: string; dependsOnId: string }) => `${e.sourceId}>${e.dependsOnId}`;
    assertEquals(delta.upserts.dependencies.map(key).sort(), snap.dependencies.map(key).sort());
    assertEquals(delta.seq, snap.seq);
  } finally {
    b.close();
  }
});

Deno.test("derive: a cached snapshot brought forward by deltas equals a fresh snapshot", async () => {
  const b = await testBoard();
  try {
    const now = Date.parse("2026-05-02T12:00:00.000Z");
    const repo = { name: "r", branch: null, worktree: null };
    const cache = new SnapshotCache();
    const before = cache.get(b.ctx.store, { now, repo }).snapshot;
    const [lex, parse, docs, freeze] = b.plan.tasks;
    const steps = [
      () => b.api(`/api/tasks/${freeze}/done`, json("POST", {})),
      () => b.api(`/api/dependencies?sourceId=${docs}&dependsOnId=${parse}`, { method: "DELETE" }),
      () => b.api("/api/subtasks", json("POST", { taskId: lex, title: "Late subtask" })),
      () => b.api(`/api/tasks/${docs}`, { method: "DELETE", headers: { "if-match": '"1"' } }),
    ];
    let seq = before.seq;
    for (const step of steps) {
      const res = await step();
      assert(res.ok, await res.text());
      const delta = buildDelta(b.ctx.store, { fromSeq: seq, now, owners: before.owners })!;
      cache.apply(delta, now);
      seq = delta.seq;
    }
    const applied = cache.get(b.ctx.store, { now, repo }).snapshot;
    const fresh = buildSnapshot(b.ctx.store, { now, repo });
    const norm = (s: typeof fresh) => {
      const byId = <T extends { id: string }>(xs: T[]) =>
        [...xs].sort((x, y) => (x.id < y.id ? -1 : 1));
      const key = (e: { sourceId: string; dependsOnId: string }) =>
        `${e.sourceId}>${e.dependsOnId}`;
      return {
        seq: s.seq,
        owners: s.owners,
        epics: byId(s.epics),
        tasks: byId(s.tasks),
        subtasks: byId(s.subtasks),
        criteria: byId(s.criteria),
        dependencies: s.dependencies.map(key).sort(),
      };
    };
    assertEquals(norm(applied), norm(fresh));
    assert(
      cache.get(b.ctx.store, { now, repo }).snapshot === applied,
      "an unchanged board is served from the cache",
    );
  } finally {
    b.close();
  }
});

const NOW = Date.parse("2026-05-02T12:00:00.000Z");
const REPO = { name: "r", branch: null, worktree: null };

Deno.test("derive: a delta that starts before the cached snapshot still brings it forward", async () => {
  const b = await testBoard();
  const cache = new SnapshotCache();
  const at = (t: number) => cache.get(b.ctx.store, { now: NOW + t, repo: REPO }).snapshot;
  try {
    const start = at(0).seq;
    const [lex, , , freeze] = b.plan.tasks;
    const first = await b.api(`/api/tasks/${freeze}/done`, json("POST", {}));
    assert(first.ok, await first.text());
    // The cache is rebuilt at the first change while the watcher's delta is still pending...
    const middle = at(1);
    assert(middle.seq > start);
    const second = await b.api("/api/subtasks", json("POST", { taskId: lex, title: "Late" }));
    assert(second.ok, await second.text());
    // ...which then covers both changes.
    const delta = buildDelta(b.ctx.store, { fromSeq: start, now: NOW, owners: middle.owners })!;
    cache.apply(delta, NOW + 2);
    const applied = at(3);
    // Served from the cache as the delta left it (a rebuild would say now + 3).
    assertEquals(applied.generatedAt, new Date(NOW + 2).toISOString());
    assertEquals(applied.seq, delta.seq);
    assert(applied.subtasks.some((s) => s.title === "Late"), "the second change is in");
    // A delta that ends where the snapshot already is changes nothing.
    cache.apply(delta, NOW + 4);
    assert(at(5) === applied);
  } finally {
    b.close();
  }
});
