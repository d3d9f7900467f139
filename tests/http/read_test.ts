import { assert, assertEquals, assertMatch, assertStringIncludes } from "../helpers/assert.ts";
import { ASSET_HASH, ASSETS, ISLANDS } from "../../generated/assets.ts";
import { eventCount, testBoard } from "./_board.ts";

Deno.test("snapshot: records carry complete derived fields (ids, counts, edges, readiness, progress)", async () => {
  const b = await testBoard();
  try {
    const res = await b.api("/api/snapshot");
    const { data } = await res.json();
    const snap = data.snapshot;
    const [lex, parse, docs, freeze] = b.plan.tasks;
    const [s1, s2] = b.plan.subtasks;
    assertEquals(snap.seq, eventCount(b));
    assertEquals(snap.owners, ["agent-1", "agent-2"]);
    assertEquals(snap.repo.branch, "main");
    const epic = snap.epics.find((e: { id: string }) => e.id === b.plan.epicId);
    assertEquals(epic.taskIds, [lex, parse, docs]);
    assertEquals(epic.progress, { total: 3, todo: 1, in_progress: 1, blocked: 0, done: 1 });
    assertEquals(epic.readyCount, 0);
    const other = snap.epics.find((e: { id: string }) => e.id === b.plan.otherEpicId);
    assertEquals(other.readyCount, 1);
    const p = snap.tasks.find((t: { id: string }) => t.id === parse);
    assertEquals(p.subtaskIds, [s1, s2]);
    assertEquals(p.subtaskCounts, { total: 2, done: 1 });
    assertEquals(p.criteriaIds, [b.plan.criteria[1]]);
    assertEquals(p.criteriaCounts, { total: 1, checked: 0 });
    assertEquals([...p.dependsOn].sort(), [lex, freeze].sort());
    assertEquals(p.dependents, [docs]);
    assertEquals(p.readiness, { state: "waiting", blockers: [freeze] });
    const sub = snap.subtasks.find((s: { id: string }) => s.id === s1);
    assertEquals(sub.dependsOn, [s2]);
    assertEquals(sub.readiness, { state: "ready", blockers: [] });
    assertEquals(sub.epicId, b.plan.epicId);
    assertEquals(snap.dependencies.length, 4);
    assertEquals(snap.criteria.length, 2);
    assertEquals(Object.keys(p).slice(0, 5), ["id", "kind", "epicId", "title", "description"]);
  } finally {
    b.close();
  }
});

Deno.test("snapshot: an empty database still answers an empty snapshot", async () => {
  const b = await testBoard({ seed: false });
  try {
    const { data } = await (await b.api("/api/snapshot")).json();
    assertEquals(data.snapshot.seq, 0);
    assertEquals(data.snapshot.epics, []);
    assertEquals(data.snapshot.tasks, []);
  } finally {
    b.close();
  }
});

Deno.test("items: GET /api/items/{id} answers show data with an ETag; prefixes are invalid_id", async () => {
  const b = await testBoard();
  try {
    const parse = b.plan.tasks[1]!;
    const res = await b.api(`/api/items/${parse}`);
    assertEquals(res.status, 200);
    const env = await res.json();
    assertEquals(env.command, "show");
    assertEquals(env.data.task.id, parse);
    assertEquals(res.headers.get("etag"), `"${env.data.task.version}"`);
    const prefix = await b.api(`/api/items/${parse.slice(0, 6)}`);
    assertEquals(prefix.status, 400);
    assertEquals((await prefix.json()).error.code, "invalid_id");
    const missing = await b.api("/api/items/t-zzzzzzzz");
    assertEquals(missing.status, 404);
    assertEquals((await missing.json()).error.code, "not_found");
  } finally {
    b.close();
  }
});

Deno.test("items: history lists the item's events newest first", async () => {
  const b = await testBoard();
  try {
    const parse = b.plan.tasks[1]!;
    await b.api(`/api/tasks/${parse}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "if-match": "1" },
      body: JSON.stringify({ priority: "p0" }),
    });
    const env = await (await b.api(`/api/items/${parse}/history?limit=10`)).json();
    assertEquals(env.command, "history");
    assertEquals(env.data.events[0].op, "update");
    assertEquals(env.data.events[0].source, "board");
    assertEquals(env.data.events[0].command, "task.update");
    assertEquals(env.data.events[0].changes[0], { field: "priority", old: "p2", new: "p0" });
    const bad = await b.api(`/api/items/${parse}/history?limit=0`);
    assertEquals((await bad.json()).error.code, "invalid_value");
    const unknown = await b.api(`/api/items/${parse}/history?lmit=3`);
    assertEquals((await unknown.json()).error.code, "unknown_option");
  } finally {
    b.close();
  }
});

Deno.test("ready and search: data as task ready and search", async () => {
  const b = await testBoard();
  try {
    const ready = await (await b.api(`/api/ready?epic=${b.plan.otherEpicId}`)).json();
    assertEquals(ready.command, "task.ready");
    assertEquals(ready.data.ready.map((r: { task: { id: string } }) => r.task.id), [
      b.plan.tasks[3],
    ]);
    const search = await (await b.api("/api/search?q=parser&ignoreCase=true")).json();
    assertEquals(search.command, "search");
    assert(
      search.data.matches.some((m: { item: { id: string } }) => m.item.id === b.plan.tasks[1]),
    );
    const empty = await b.api("/api/search?q=%20");
    assertEquals((await empty.json()).error.code, "invalid_input");
  } finally {
    b.close();
  }
});

Deno.test("pages: the overview embeds the snapshot and references only built island bundles", async () => {
  const b = await testBoard();
  try {
    const cookie = await b.login();
    const res = await b.raw("/", { headers: { cookie } });
    assertEquals(res.status, 200);
    const html = await res.text();
    assertStringIncludes(html, 'id="cairn-data"');
    assertStringIncludes(html, "Parser: streaming JSON");
    assert(!html.includes("<script>alert(1)</script>"), "descriptions are escaped");
    const data = JSON.parse(
      /<script type="application\/json" id="cairn-data">(.*?)<\/script>/s.exec(html)![1]!,
    );
    assertEquals(data.page, { kind: "overview" });
    assertEquals(data.snapshot.epics.length, 2);
    const scripts = [...html.matchAll(/src="\/assets\/([0-9a-f]+)\/([^"]+)"/g)];
    assert(scripts.length > 3);
    for (const [, hash, file] of scripts) {
      assertEquals(hash, ASSET_HASH);
      assert(ASSETS[file!], `asset ${file} exists`);
    }
    assert(html.includes(ISLANDS.Overview!.file));
    assert(!/style="/.test(html), "no inline styles under the CSP");
  } finally {
    b.close();
  }
});

Deno.test("pages: an epic page renders its columns; a deep link renders the task modal; unknown epics are 404", async () => {
  const b = await testBoard();
  try {
    const cookie = await b.login();
    const epic = await (await b.raw(`/epics/${b.plan.epicId}`, { headers: { cookie } })).text();
    for (const column of ["Todo", "In progress", "Blocked", "Done"]) {
      assertStringIncludes(epic, `<h2>${column}</h2>`);
    }
    assertStringIncludes(epic, "Write parser | tables");
    const deep = await (await b.raw(`/epics/${b.plan.epicId}?task=${b.plan.tasks[1]}`, {
      headers: { cookie },
    })).text();
    assertMatch(deep, /role="dialog"[^>]*aria-label="Task: Write parser \| tables"/);
    const missing = await b.raw("/epics/e-zzzzzzzz", { headers: { cookie } });
    assertEquals(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    b.close();
  }
});
