import { assertEquals } from "../helpers/assert.ts";
import { eventCount, json, testBoard, versionOf } from "./_board.ts";

Deno.test("If-Match: PATCH and DELETE without it are 428 precondition_required and write nothing", async () => {
  const b = await testBoard();
  try {
    const before = eventCount(b);
    const parse = b.plan.tasks[1]!;
    for (
      const [method, path] of [
        ["PATCH", `/api/tasks/${parse}`],
        ["DELETE", `/api/tasks/${parse}`],
        ["PATCH", `/api/epics/${b.plan.epicId}`],
        ["DELETE", `/api/subtasks/${b.plan.subtasks[0]}`],
        ["PATCH", `/api/criteria/${b.plan.criteria[0]}`],
      ]
    ) {
      const body = path!.includes("criteria") ? { text: "x" } : { title: "x" };
      const res = await b.api(path!, method === "PATCH" ? json(method, body) : { method });
      assertEquals(res.status, 428, `${method} ${path}`);
      assertEquals((await res.json()).error.code, "precondition_required");
    }
    assertEquals(eventCount(b), before);
  } finally {
    b.close();
  }
});

Deno.test('If-Match: "7", W/"7" and 7 are accepted; *, lists and words are 400 invalid_input', async () => {
  const b = await testBoard();
  try {
    const parse = b.plan.tasks[1]!;
    for (const bad of ["*", '"1", "2"', "abc", '"1"x']) {
      const res = await b.api(
        `/api/tasks/${parse}`,
        json("PATCH", { title: "x" }, { "if-match": bad }),
      );
      assertEquals(res.status, 400, bad);
      const env = await res.json();
      assertEquals(env.error.code, "invalid_input");
      assertEquals(env.error.details, { header: "If-Match", value: bad });
    }
    let v = versionOf(b, "tasks", parse);
    for (const form of [`"${v}"`, `W/"${v + 1}"`, `${v + 2}`]) {
      const res = await b.api(
        `/api/tasks/${parse}`,
        json("PATCH", { title: `Title ${form}` }, { "if-match": form }),
      );
      assertEquals(res.status, 200, form);
      assertEquals(res.headers.get("etag"), `"${v + 1}"`);
      v++;
      await res.body?.cancel();
    }
  } finally {
    b.close();
  }
});

Deno.test("If-Match: a stale version is 409 version_conflict with the current record; nothing written", async () => {
  const b = await testBoard();
  try {
    const parse = b.plan.tasks[1]!;
    const current = versionOf(b, "tasks", parse);
    const before = eventCount(b);
    const res = await b.api(
      `/api/tasks/${parse}`,
      json("PATCH", { title: "Late edit" }, { "if-match": `"${current - 1}"` }),
    );
    assertEquals(res.status, 409);
    const env = await res.json();
    assertEquals(env.error.code, "version_conflict");
    assertEquals(env.error.details.id, parse);
    assertEquals(env.error.details.currentVersion, current);
    assertEquals(env.error.details.providedVersion, current - 1);
    assertEquals(env.error.details.current.title, "Write parser | tables");
    assertEquals(eventCount(b), before);
  } finally {
    b.close();
  }
});

Deno.test("If-Match: a deleted item is 412 precondition_failed; an id that never existed is 404", async () => {
  const b = await testBoard();
  try {
    const docs = b.plan.tasks[2]!;
    const del = await b.api(`/api/tasks/${docs}`, {
      method: "DELETE",
      headers: { "if-match": `"${versionOf(b, "tasks", docs)}"` },
    });
    assertEquals(del.status, 200);
    await del.body?.cancel();
    const gone = await b.api(
      `/api/tasks/${docs}`,
      json("PATCH", { title: "x" }, { "if-match": '"1"' }),
    );
    assertEquals(gone.status, 412);
    const env = await gone.json();
    assertEquals(env.error.code, "precondition_failed");
    assertEquals(env.error.details.id, docs);
    assertEquals(env.error.details.deletedBy, "board-user");
    const never = await b.api(
      "/api/tasks/t-zzzzzzzz",
      json("PATCH", { title: "x" }, { "if-match": '"1"' }),
    );
    assertEquals(never.status, 404);
    assertEquals((await never.json()).error.code, "not_found");
  } finally {
    b.close();
  }
});

Deno.test("If-Match: actions accept it optionally and check it when present", async () => {
  const b = await testBoard();
  try {
    const freeze = b.plan.tasks[3]!;
    const v = versionOf(b, "tasks", freeze);
    const stale = await b.api(
      `/api/tasks/${freeze}/claim`,
      json("POST", { owner: "ana" }, { "if-match": `"${v + 5}"` }),
    );
    assertEquals(stale.status, 409);
    assertEquals((await stale.json()).error.code, "version_conflict");
    const ok = await b.api(
      `/api/tasks/${freeze}/claim`,
      json("POST", { owner: "ana" }, { "if-match": `"${v}"` }),
    );
    assertEquals(ok.status, 200);
    assertEquals((await ok.json()).data.claimed, true);
    const without = await b.api(`/api/tasks/${freeze}/release`, json("POST", { owner: "ana" }));
    assertEquals(without.status, 200);
    await without.body?.cancel();
    const move = await b.api(
      `/api/epics/${b.plan.epicId}/move`,
      json("POST", { after: b.plan.otherEpicId }, { "if-match": '"99"' }),
    );
    assertEquals(move.status, 409);
    await move.body?.cancel();
  } finally {
    b.close();
  }
});
