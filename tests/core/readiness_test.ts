import { assert, assertEquals } from "../helpers/assert.ts";
import type { Ctx } from "../../core/context.ts";
import { loadSettings } from "../../core/config.ts";
import { locateStorage } from "../../core/store/location.ts";
import { openStore } from "../../core/store/open.ts";
import { type Tx, write } from "../../core/store/tx.ts";
import { insertEdge, insertEpic, insertSubtask, insertTask } from "../../core/items/insert.ts";
import { listReady, readinessOf } from "../../core/readiness.ts";
import type { Status } from "../../core/records.ts";

const NOW = Date.parse("2026-05-02T12:00:00.000Z");

async function coreCtx(env: Record<string, string> = {}): Promise<Ctx & { close(): void }> {
  const dir = await Deno.makeTempDir({ prefix: "cairn-ready-" });
  const get = (name: string) => ({ CAIRN_DIR: `${dir}/.cairn`, ...env })[name];
  const { store } = await openStore(locateStorage(dir, get));
  return {
    store,
    source: "cli",
    command: "test",
    env: get,
    now: () => NOW,
    actor: () => "tester",
    git: () => ({ branch: null, head: null, worktree: null }),
    settings: await loadSettings(null, get),
    close: () => store.close(),
  };
}

type TaskOpts = { status?: Status; priority?: number; owner?: string | null };

/** Seeds through core inserts; returns ids by name. */
function seed(ctx: Ctx, fn: (t: (name: string, o?: TaskOpts) => string, tx: Tx) => void) {
  return write(ctx, (tx) => {
    const epic = insertEpic(tx, { title: "Epic" }).id as string;
    const ids: Record<string, string> = { epic };
    fn(
      (name, o = {}) =>
        ids[name] = insertTask(tx, { epicId: epic, title: name, ...o }).id as string,
      tx,
    );
    return ids;
  });
}

Deno.test("task ready: ranks in_progress first, then priority, then unblocks, then position", async () => {
  const ctx = await coreCtx();
  try {
    const ids = write(ctx, (tx) => {
      const e = insertEpic(tx, { title: "E" }).id as string;
      const t = (title: string, o: TaskOpts = {}) =>
        insertTask(tx, { epicId: e, title, ...o }).id as string;
      const r = {
        plainA: t("plain A"),
        plainB: t("plain B"),
        urgent: t("urgent", { priority: 0 }),
        working: t("working", { status: "in_progress", priority: 4 }),
        hub: t("hub"),
        dep1: t("dep1"),
        dep2: t("dep2"),
      };
      insertEdge(tx, r.dep1, r.hub);
      insertEdge(tx, r.dep2, r.hub);
      return r;
    });
    const data = listReady(ctx, {});
    assertEquals(
      data.ready.map((r) => r.task.id),
      [ids.working, ids.urgent, ids.hub, ids.plainA, ids.plainB],
    );
    assertEquals(data.ready.map((r) => r.rank), [1, 2, 3, 4, 5]);
    assertEquals(data.ready.find((r) => r.task.id === ids.hub)!.unblocks, 2);
    assertEquals(data.ready.find((r) => r.task.id === ids.plainA)!.unblocks, 0);
    assertEquals(data.waiting.map((w) => w.task.id), [ids.dep1, ids.dep2]);
    assertEquals(data.waiting[0]!.blockers.map((b) => b.id), [ids.hub]);
    assertEquals(data.summary.open, 7);
    assertEquals(data.summary.unblocksTracked, 5);
  } finally {
    ctx.close();
  }
});

Deno.test("task ready: a diamond counts each transitive dependent once, subtasks included", async () => {
  const ctx = await coreCtx();
  try {
    const ids = seed(ctx, (t, tx) => {
      const [a, b, c, d] = [t("a"), t("b"), t("c"), t("d")];
      insertEdge(tx, b, a);
      insertEdge(tx, c, a);
      insertEdge(tx, d, b);
      insertEdge(tx, d, c);
      const s = insertSubtask(tx, { taskId: t("other"), title: "sub" }).id as string;
      insertEdge(tx, s, d);
      // A done intermediate makes nothing wait: x → y(done) → a does not count.
      const y = t("y", { status: "done" });
      insertEdge(tx, y, a);
      insertEdge(tx, t("x"), y);
    });
    const data = listReady(ctx, {});
    const unblocks = Object.fromEntries(data.ready.map((r) => [r.task.title, r.unblocks]));
    assertEquals(unblocks.a, 4); // b, c, d and the subtask
    assertEquals(unblocks.other, 0);
    assertEquals(unblocks.x, 0);
    assertEquals(data.ready[0]!.task.id, ids.a);
    assertEquals(data.waiting.map((w) => w.task.title), ["b", "c", "d"]);
  } finally {
    ctx.close();
  }
});

Deno.test("task ready: blocked tasks report depsDone and a suggestion only when prerequisites are done", async () => {
  const ctx = await coreCtx();
  try {
    const ids = seed(ctx, (t, tx) => {
      const open = t("open prerequisite");
      const done = t("done prerequisite", { status: "done" });
      insertEdge(tx, t("stuck", { status: "blocked" }), open);
      insertEdge(tx, t("free", { status: "blocked" }), done);
    });
    const data = listReady(ctx, {});
    const stuck = data.blocked.find((b) => b.task.title === "stuck")!;
    const free = data.blocked.find((b) => b.task.title === "free")!;
    assertEquals(stuck.depsDone, false);
    assertEquals(stuck.blockers.map((b) => b.id), [ids["open prerequisite"]]);
    assertEquals(stuck.suggestion, null);
    assertEquals(free.depsDone, true);
    assertEquals(free.blockers, []);
    assertEquals(free.suggestion, `cairn task update ${ids.free} --status todo`);
    assertEquals(data.summary.blocked, 2);
    assertEquals(readinessOf(ctx.store, ids.stuck!).state, "blocked");
  } finally {
    ctx.close();
  }
});

Deno.test("task ready: with an owner, tasks held by others are counted, stale claims stay ready", async () => {
  const ctx = await coreCtx();
  try {
    const ids = seed(ctx, (t, tx) => {
      t("held", { status: "in_progress", owner: "agent-2" });
      const stale = t("stale", { status: "in_progress", owner: "agent-3" });
      tx.store.run("UPDATE tasks SET lease_expires_at = ? WHERE id = ?", NOW - 1000, stale);
      t("mine", { status: "in_progress", owner: "agent-1" });
    });
    const data = listReady(ctx, { owner: "agent-1" });
    assertEquals(data.ready.map((r) => r.task.title).sort(), ["mine", "stale"]);
    assertEquals(data.summary.claimedByOthers, 1);
    assertEquals(data.summary.stale, 1);
    const stale = data.ready.find((r) => r.task.id === ids.stale)!;
    assertEquals(stale.claim, {
      owner: "agent-3",
      leaseExpiresAt: new Date(NOW - 1000).toISOString(),
      stale: true,
    });
    assertEquals(listReady(ctx, {}).ready.length, 3);
  } finally {
    ctx.close();
  }
});

Deno.test("task ready: --limit truncates each list, readinessOf reports waiting blockers", async () => {
  const ctx = await coreCtx();
  try {
    const ids = seed(ctx, (t, tx) => {
      const root = t("root");
      for (let i = 0; i < 5; i++) insertEdge(tx, t(`w${i}`), root);
      for (let i = 0; i < 4; i++) t(`r${i}`);
    });
    const data = listReady(ctx, { limit: 2 });
    assertEquals(data.ready.length, 2);
    assertEquals(data.waiting.length, 2);
    assertEquals(data.summary.returned, { ready: 2, waiting: 2, blocked: 0 });
    assertEquals(data.summary.waiting, 5);
    const r = readinessOf(ctx.store, ids.w0!);
    assertEquals(r.state, "waiting");
    assertEquals(r.blockers.map((b) => b.id), [ids.root]);
    assert(listReady(ctx, { all: true }).waiting.length === 5);
  } finally {
    ctx.close();
  }
});

Deno.test("task ready: an edge id of unexpected length falls back to row-by-row loading", async () => {
  const ctx = await coreCtx();
  try {
    const ids = seed(ctx, (t, tx) => {
      insertEdge(tx, t("b"), t("a"));
      tx.store.run(
        "INSERT INTO dependencies (source_id, depends_on_id, created_at, created_by) VALUES ('t-odd', 't-x', 0, 'x')",
      );
    });
    const data = listReady(ctx, {});
    assertEquals(data.ready.map((r) => [r.task.id, r.unblocks]), [[ids.a!, 1]]);
    assertEquals(data.waiting.map((w) => w.task.id), [ids.b]);
  } finally {
    ctx.close();
  }
});
