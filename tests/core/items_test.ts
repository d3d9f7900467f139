import { CairnError } from "../../core/errors.ts";
import { deleteTask, updateTask } from "../../core/mod.ts";
import { createTasksMany } from "../../core/batch/mod.ts";
import { ALPHABET } from "../../core/ids.ts";
import { createEpic } from "../../core/items/epics.ts";
import { createTask } from "../../core/items/tasks.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { tempRepo } from "../helpers/cli.ts";
import { openCtx } from "../helpers/core_ctx.ts";

function codeOf(fn: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (err) {
    assert(err instanceof CairnError, String(err));
    return { code: err.code, details: err.details };
  }
  throw new Error("expected a CairnError");
}

Deno.test("items: If-Match guards updates and deletes inside the write transaction", async () => {
  const repo = await tempRepo();
  const ctx = await openCtx(repo.dir);
  try {
    const e = createEpic(ctx, { title: "E" }).epic.id;
    const t = createTask(ctx, { epic: e, title: "T" }).task;
    const stale = codeOf(() => updateTask(ctx, { id: t.id, title: "New", ifMatch: t.version + 1 }));
    assertEquals(stale.code, "version_conflict");
    assertEquals([stale.details.currentVersion, stale.details.providedVersion], [1, 2]);
    assertEquals((stale.details.current as { title: string }).title, "T");
    const fresh = updateTask(ctx, { id: t.id, title: "New", ifMatch: 1 });
    assertEquals(fresh.task?.version, 2);
    assertEquals(codeOf(() => deleteTask(ctx, { id: t.id, ifMatch: 1 })).code, "version_conflict");
    deleteTask(ctx, { id: t.id, ifMatch: 2 });
    const gone = codeOf(() => updateTask(ctx, { id: t.id, title: "x", ifMatch: 2 }));
    assertEquals([gone.code, gone.details.deletedBy], ["precondition_failed", "tester"]);
    assertEquals(codeOf(() => updateTask(ctx, { id: t.id, title: "x" })).code, "not_found");
  } finally {
    ctx.close();
  }
});

Deno.test("items: a no-op update writes no event and keeps the version", async () => {
  const repo = await tempRepo();
  const ctx = await openCtx(repo.dir);
  try {
    const e = createEpic(ctx, { title: "E" }).epic.id;
    const t = createTask(ctx, { epic: e, title: "T", priority: 1 }).task;
    const events = () => ctx.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM events")!.n;
    const before = events();
    const r = updateTask(ctx, { id: t.id, title: " T ", priority: 1, status: "todo", owner: "" });
    assertEquals([r.changed, r.task?.version], [[], 1]);
    assertEquals(events(), before);
  } finally {
    ctx.close();
  }
});

Deno.test("items: a batch never reuses an id that is live or tombstoned", async () => {
  const repo = await tempRepo();
  const ctx = await openCtx(repo.dir);
  const random = crypto.getRandomValues;
  try {
    const e = createEpic(ctx, { title: "E" }).epic.id;
    const live = createTask(ctx, { epic: e, title: "Live" }).task.id;
    const dead = createTask(ctx, { epic: e, title: "Dead" }).task.id;
    deleteTask(ctx, { id: dead });
    // The next three draws are the live id, the tombstoned id, then a fresh one.
    const bodies = [live, dead, "t-fresh001"].map((id) => id.slice(2));
    crypto.getRandomValues = (<T extends ArrayBufferView>(array: T): T => {
      const body = bodies.shift();
      if (body === undefined || array.byteLength !== 8) return random.call(crypto, array) as T;
      const bytes = new Uint8Array(array.buffer, array.byteOffset, 8);
      for (let i = 0; i < 8; i++) bytes[i] = ALPHABET.indexOf(body[i]!);
      return array;
    }) as typeof crypto.getRandomValues;
    const made = createTasksMany(ctx, { epic: e, tasks: ["k|New|"] });
    assertEquals(made.mappings.map((m) => m.id), ["t-fresh001"]);
    assertEquals(bodies, []);
  } finally {
    crypto.getRandomValues = random;
    ctx.close();
  }
});
