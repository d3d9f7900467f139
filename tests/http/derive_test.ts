import { assertEquals } from "../helpers/assert.ts";
import { buildDelta, buildSnapshot } from "../../core/board/mod.ts";
import { testBoard } from "./_board.ts";

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
