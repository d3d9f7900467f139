import { assert, assertEquals, assertNotEquals } from "../helpers/assert.ts";
import { eventCount, json, testBoard } from "./_board.ts";

Deno.test("idempotency: the same key and request replays the stored answer and writes nothing", async () => {
  const b = await testBoard();
  try {
    const init = () => json("POST", { title: "Once" }, { "idempotency-key": "key-1" });
    const first = await b.api("/api/epics", init());
    assertEquals(first.status, 201);
    const body = await first.text();
    const after = eventCount(b);
    const again = await b.api("/api/epics", init());
    assertEquals(again.status, 201);
    assertEquals(again.headers.get("idempotent-replayed"), "true");
    assertEquals(await again.text(), body);
    assertEquals(eventCount(b), after);
    assertEquals(b.ctx.store.all("SELECT id FROM epics WHERE title = 'Once'").length, 1);
  } finally {
    b.close();
  }
});

Deno.test("idempotency: the same key with another body is 422 idempotency_key_reused", async () => {
  const b = await testBoard();
  try {
    const first = await b.api(
      "/api/epics",
      json("POST", { title: "A" }, { "idempotency-key": "k" }),
    );
    assertEquals(first.status, 201);
    await first.body?.cancel();
    const other = await b.api(
      "/api/epics",
      json("POST", { title: "B" }, { "idempotency-key": "k" }),
    );
    assertEquals(other.status, 422);
    const env = await other.json();
    assertEquals(env.error.code, "idempotency_key_reused");
    assertEquals(env.error.details, { key: "k" });
  } finally {
    b.close();
  }
});

Deno.test("idempotency: keys are scoped by route; a refused request stores nothing", async () => {
  const b = await testBoard();
  try {
    const epic = await b.api(
      "/api/epics",
      json("POST", { title: "Scoped" }, { "idempotency-key": "shared" }),
    );
    assertEquals(epic.status, 201);
    const epicId = (await epic.json()).data.epic.id;
    const bad = await b.api(
      "/api/tasks",
      json("POST", { epicId: "e-zzzzzzzz", title: "T" }, { "idempotency-key": "shared" }),
    );
    assertEquals(bad.status, 404);
    await bad.body?.cancel();
    const good = await b.api(
      "/api/tasks",
      json("POST", { epicId, title: "T" }, { "idempotency-key": "shared" }),
    );
    assertEquals(good.status, 201, "the refused attempt did not consume the key");
    assertEquals(good.headers.get("idempotent-replayed"), null);
    await good.body?.cancel();
  } finally {
    b.close();
  }
});

Deno.test("idempotency: DELETE replays too; malformed keys are 400", async () => {
  const b = await testBoard();
  try {
    const docs = b.plan.tasks[2]!;
    const init = () => ({
      method: "DELETE",
      headers: { "if-match": '"1"', "idempotency-key": "del-1" },
    });
    const first = await b.api(`/api/tasks/${docs}`, init());
    assertEquals(first.status, 200);
    const again = await b.api(`/api/tasks/${docs}`, init());
    assertEquals(again.status, 200, "replayed, not 412");
    assertEquals(again.headers.get("idempotent-replayed"), "true");
    assertEquals(await again.text(), await first.text());
    for (const key of ["", "x".repeat(201), "has space", "ünï"]) {
      const res = await b.api(
        "/api/epics",
        json("POST", { title: "K" }, { "idempotency-key": key }),
      );
      assertEquals(res.status, 400, JSON.stringify(key));
      assertEquals((await res.json()).error.details.header, "Idempotency-Key");
    }
  } finally {
    b.close();
  }
});

Deno.test("idempotency: keys older than 24 hours are forgotten", async () => {
  let now = Date.parse("2026-05-02T10:00:00.000Z");
  const b = await testBoard({ now: () => now });
  try {
    const first = await b.api(
      "/api/epics",
      json("POST", { title: "Day one" }, { "idempotency-key": "daily" }),
    );
    const id1 = (await first.json()).data.epic.id;
    now += 25 * 60 * 60 * 1000;
    const next = await b.api(
      "/api/epics",
      json("POST", { title: "Day one" }, { "idempotency-key": "daily" }),
    );
    assertEquals(next.status, 201);
    assertEquals(next.headers.get("idempotent-replayed"), null);
    assertNotEquals((await next.json()).data.epic.id, id1);
    const rows = b.ctx.store.all<{ created_at: number }>(
      "SELECT created_at FROM idempotency WHERE key = 'daily'",
    );
    assertEquals(rows.length, 1);
    assert(rows[0]!.created_at === now);
  } finally {
    b.close();
  }
});
