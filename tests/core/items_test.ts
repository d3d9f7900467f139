import { CairnError } from "../../core/errors.ts";
import { deleteTask, updateTask } from "../../core/mod.ts";
import { createTasksMany } from "../../core/batch/mod.ts";
import { ALPHABET } from "../../core/ids.ts";
import { createEpic } from "../../core/items/epics.ts";
import { createTask } from "../../core/items/tasks.ts";
import { createSubtask } from "../../core/items/subtasks.ts";
import { addCriterion } from "../../core/criteria.ts";
import { FIELD_OF } from "../../core/items/tables.ts";
import { KIND_COLUMNS } from "../../core/sync/apply_rows.ts";
import { clockOf } from "../../core/sync/clocks.ts";
import { write } from "../../core/store/tx.ts";
import { insertTask } from "../../core/items/insert.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { tempRepo } from "../helpers/cli.ts";
import { openCtx, type TestCtx } from "../helpers/core_ctx.ts";

/** Runs `fn` on a core context over a fresh repository's database. */
async function withCtx(fn: (ctx: TestCtx) => void): Promise<void> {
  const ctx = await openCtx((await tempRepo()).dir);
  try {
    fn(ctx);
  } finally {
    ctx.close();
  }
}

function codeOf(fn: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (err) {
    assert(err instanceof CairnError, String(err));
    return { code: err.code, details: err.details };
  }
  throw new Error("expected a CairnError");
}

Deno.test("items: If-Match guards updates and deletes inside the write transaction", () =>
  withCtx((ctx) => {
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
  }));

Deno.test("items: a no-op update writes no event and keeps the version", () =>
  withCtx((ctx) => {
    const e = createEpic(ctx, { title: "E" }).epic.id;
    const t = createTask(ctx, { epic: e, title: "T", priority: 1 }).task;
    const events = () => ctx.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM events")!.n;
    const before = events();
    const r = updateTask(ctx, { id: t.id, title: " T ", priority: 1, status: "todo", owner: "" });
    assertEquals([r.changed, r.task?.version], [[], 1]);
    assertEquals(events(), before);
  }));

Deno.test("items: a batch never reuses an id that is live or tombstoned", () =>
  withCtx((ctx) => {
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
    }
  }));

Deno.test("items: a create's one clock row owns exactly the fields its event wrote", () =>
  withCtx((ctx) => {
    const epic = createEpic(ctx, { title: "E" }).epic.id;
    const task = createTask(ctx, { epic, title: "T" }).task.id;
    const items = {
      epic,
      task,
      subtask: createSubtask(ctx, { task, title: "S" }).subtask.id,
      criterion: addCriterion(ctx, { task, text: "C" }).criterion.id,
      // Import restores a claim instant, a field a create may leave out.
      restored: String(
        write(ctx, (tx) => insertTask(tx, { epicId: epic, title: "R", claimedAt: 5 })).id,
      ),
    };
    for (const [name, id] of Object.entries(items)) {
      const kind = (name === "restored" ? "task" : name) as keyof typeof KIND_COLUMNS;
      const create = ctx.store.get<{ id: string; changes: string }>(
        "SELECT id, changes FROM events WHERE item_id = ? AND op = 'create'",
        id,
      )!;
      const written = new Set(Object.keys(JSON.parse(create.changes)));
      for (const column of KIND_COLUMNS[kind]) {
        const field = FIELD_OF[column]!;
        const expected = written.has(field) ? create.id : undefined;
        assertEquals(clockOf(ctx.store, id, field)?.event_id, expected, `${name} ${field}`);
      }
    }
    const rows = () =>
      ctx.store.all<{ field: string }>("SELECT field FROM field_clock WHERE item_id = ?", task)
        .map((r) => r.field);
    assertEquals(rows(), ["*"]);
    const created = clockOf(ctx.store, task, "title")!.event_id;
    updateTask(ctx, { id: task, title: "Renamed" });
    const update = ctx.store.get<{ id: string; changes: string }>(
      "SELECT id, changes FROM events WHERE item_id = ? AND op = 'update'",
      task,
    )!;
    assertEquals(JSON.parse(update.changes).title.base, created);
    assertEquals(clockOf(ctx.store, task, "title")!.event_id, update.id);
    assertEquals(clockOf(ctx.store, task, "status")!.event_id, created);
    assertEquals(rows().sort(), ["*", "title"]);
  }));
