import { assert, assertEquals, assertMatch, assertStringIncludes } from "../helpers/assert.ts";
import { ChangeWatcher, type Delta, emptySnapshot, Hub, sseFrame } from "../../core/board/mod.ts";
import { createTask } from "../../core/mod.ts";
import { ok } from "../helpers/cli.ts";
import { openCtx } from "../helpers/core_ctx.ts";
import { testBoard } from "./_board.ts";

/** Reads SSE frames from a response until `until` says stop (or 5 s pass). */
async function frames(res: Response, until: (all: string[]) => boolean): Promise<string[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const out: string[] = [];
  let buffer = "";
  const deadline = Date.now() + 15_000;
  try {
    while (!until(out) && Date.now() < deadline) {
      const next = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), 200)),
      ]);
      if (next === null) continue;
      if (next.done) break;
      buffer += next.value;
      let end;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        out.push(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } finally {
    await reader.cancel();
  }
  return out;
}

function delta(fromSeq: number, seq: number): Delta {
  const none = { epics: [], tasks: [], subtasks: [], criteria: [], dependencies: [] };
  return { seq, fromSeq, upserts: { ...none }, deletes: { ...none } };
}

const emptyAt = (seq = 0) => ({
  ...emptySnapshot({ name: "r", branch: null, worktree: null }, Date.parse("2026-05-02")),
  seq,
});

Deno.test("stream: a new client gets SSE headers and a snapshot frame first", async () => {
  const b = await testBoard();
  try {
    const res = await b.api("/api/stream");
    assertEquals(res.status, 200);
    assertEquals(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    assertEquals(res.headers.get("cache-control"), "no-store");
    assertEquals(res.headers.get("x-accel-buffering"), "no");
    const [first] = await frames(res, (f) => f.length >= 1);
    assertMatch(first!, /^event: snapshot\nid: \d+\ndata: \{/);
    const snap = JSON.parse(first!.split("\ndata: ")[1]!);
    assertEquals(snap.epics.length, 2);
  } finally {
    b.close();
  }
});

Deno.test("stream: with Last-Event-ID at the current seq, the client gets deltas only", async () => {
  const b = await testBoard();
  try {
    const hub = b.app.board.hub;
    const res = await b.api("/api/stream", { headers: { "last-event-id": String(hub.seq) } });
    setTimeout(() => hub.publish(delta(hub.seq, hub.seq + 1)), 50);
    const got = await frames(res, (f) => f.length >= 1);
    assertMatch(got[0]!, /^event: delta\nid: \d+\n/);
  } finally {
    b.close();
  }
});

Deno.test("stream: unauthenticated streams are 401", async () => {
  const b = await testBoard();
  try {
    const res = await b.raw("/api/stream");
    assertEquals(res.status, 401);
    assertEquals((await res.json()).command, "board.stream");
  } finally {
    b.close();
  }
});

Deno.test("hub: Last-Event-ID inside the ring replays the later deltas; older ids get a snapshot", async () => {
  const hub = new Hub({ snapshot: () => emptyAt(9), ringSize: 3 });
  hub.start(5);
  try {
    for (let s = 6; s <= 9; s++) hub.publish(delta(s - 1, s));
    const replay = hub.connect(7);
    assertStringIncludes((await replay.next())!, "id: 8\n");
    assertStringIncludes((await replay.next())!, "id: 9\n");
    assertEquals(replay.pending, 0);
    const tooOld = hub.connect(5);
    assertMatch((await tooOld.next())!, /^event: snapshot\nid: 9\n/);
    const ahead = hub.connect(42);
    assertMatch((await ahead.next())!, /^event: snapshot/);
  } finally {
    hub.close();
  }
});

Deno.test("hub: an overfull queue is replaced by one snapshot sent when the client drains", async () => {
  const hub = new Hub({ snapshot: () => emptyAt(20), maxQueueFrames: 3 });
  hub.start(10);
  try {
    const client = hub.connect(10);
    for (let s = 11; s <= 20; s++) hub.publish(delta(s - 1, s));
    assertEquals(client.pending, 1);
    assertMatch((await client.next())!, /^event: snapshot\nid: 20\n/);
  } finally {
    hub.close();
  }
});

Deno.test("hub: a client that drains nothing for too long gets stream_backpressure and is dropped", async () => {
  let now = 1000;
  const hub = new Hub({ snapshot: () => emptyAt(), now: () => now, stallMs: 30_000 });
  hub.start(0);
  try {
    const client = hub.connect(0);
    hub.publish(delta(0, 1));
    now += 31_000;
    hub.tick();
    assertEquals(await client.next(), sseFrame("error", null, { code: "stream_backpressure" }));
    assertEquals(await client.next(), null);
    assertEquals(hub.clients, 0);
  } finally {
    hub.close();
  }
});

Deno.test("hub: pings are comments; a reset is followed by a snapshot", async () => {
  const hub = new Hub({ snapshot: () => emptyAt(3) });
  hub.start(7);
  try {
    const client = hub.connect(7);
    hub.tick();
    assertEquals(await client.next(), ": ping\n\n");
    hub.reset(3);
    assertMatch((await client.next())!, /^event: reset\n/);
    assertMatch((await client.next())!, /^event: snapshot\nid: 3\n/);
  } finally {
    hub.close();
  }
});

Deno.test("watcher: a commit by another connection becomes a delta with the new record", async () => {
  const b = await testBoard();
  const deltas: Delta[] = [];
  const watcher = new ChangeWatcher(b.ctx.store.location, {
    now: Date.now,
    onDelta: (d) => deltas.push(d),
    onSnapshot: () => {},
    onReset: () => {},
  });
  watcher.start();
  const other = await openCtx(b.dir, { actor: "cli-user" });
  try {
    const from = watcher.seq;
    const task =
      createTask(other, { epic: b.plan.otherEpicId, title: "From another process" }).task;
    const deadline = Date.now() + 15_000;
    while (deltas.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assertEquals(deltas.length, 1);
    const d = deltas[0]!;
    assertEquals(d.fromSeq, from);
    assert(d.seq > from);
    assertEquals(d.upserts.tasks.map((t) => t.id), [task.id]);
    assertEquals(d.upserts.epics[0]!.taskIds.at(-1), task.id);
  } finally {
    other.close();
    watcher.stop();
    b.close();
  }
});

Deno.test("watcher: a replaced database file is a reset", async () => {
  const b = await testBoard();
  const resets: number[] = [];
  const watcher = new ChangeWatcher(b.ctx.store.location, {
    now: Date.now,
    onDelta: () => {},
    onSnapshot: () => {},
    onReset: (seq) => resets.push(seq),
  });
  watcher.start();
  try {
    const fresh = await testBoard({ seed: false });
    const db = b.ctx.store.location.database;
    fresh.ctx.store.close(); // checkpoints its WAL into the file
    Deno.copyFileSync(fresh.ctx.store.location.database, `${db}.new`);
    Deno.removeSync(fresh.dir, { recursive: true });
    Deno.renameSync(`${db}.new`, db);
    for (const ext of ["-wal", "-shm"]) Deno.removeSync(db + ext);
    const deadline = Date.now() + 15_000;
    while (resets.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assertEquals(resets, [0]);
  } finally {
    watcher.stop();
    b.close();
  }
});

Deno.test("watcher: writes by other processes leave this process's SQLite locks in place", async () => {
  // While the board holds the database open, another process must never take
  // itself for the last one (it would checkpoint and delete the WAL and the
  // shared-memory file the board has mapped) or the first (it would truncate
  // that file under the board: SIGBUS). Each `cairn` below is a process.
  const b = await testBoard();
  const watcher = new ChangeWatcher(b.ctx.store.location, {
    now: Date.now,
    onDelta: () => {},
    onSnapshot: () => {},
    onReset: () => {},
  });
  watcher.start();
  const db = b.ctx.store.location.database;
  try {
    for (let i = 0; i < 3; i++) {
      await ok(b.dir, ["task", "create", "--epic", b.plan.otherEpicId, "--title", `Write ${i}`]);
      await new Promise((r) => setTimeout(r, 150)); // the watcher sees the change
      assert(Deno.statSync(`${db}-shm`).size > 3, `cairn.db-shm was truncated after write ${i}`);
      assert(Deno.statSync(`${db}-wal`).isFile, `cairn.db-wal was removed after write ${i}`);
    }
  } finally {
    watcher.stop();
    b.close();
  }
});
