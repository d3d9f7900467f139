import { assert, assertEquals } from "../helpers/assert.ts";
import { eventCount, json, type TestBoard, testBoard, versionOf } from "./_board.ts";

// deno-lint-ignore no-explicit-any
type Env = any;

async function call(b: TestBoard, method: string, path: string, body?: unknown, ifMatch?: number) {
  const headers: Record<string, string> = {};
  if (ifMatch !== undefined) headers["if-match"] = `"${ifMatch}"`;
  const res = await b.api(
    path,
    body === undefined ? { method, headers } : json(method, body, headers),
  );
  const env: Env = await res.json();
  return { res, env, data: env.data };
}

function lastEvent(b: TestBoard) {
  return {
    ...b.ctx.store.get<
      { source: string; command: string; actor: string; op: string; item_id: string }
    >(
      "SELECT source, command, actor, op, item_id FROM events ORDER BY seq DESC LIMIT 1",
    )!,
  };
}

Deno.test("mutations: epics are created, updated, moved, completed by cascade and deleted", async () => {
  const b = await testBoard();
  try {
    const created = await call(b, "POST", "/api/epics", {
      title: "Board epic",
      description: "From **the** board",
      priority: "p1",
    });
    assertEquals(created.res.status, 201);
    assertEquals(created.env.command, "epic.create");
    const epic = created.data.epic;
    assertEquals(epic.priority, "p1");
    assertEquals(created.res.headers.get("etag"), `"1"`);
    assertEquals(created.data.seq, eventCount(b));
    assertEquals(created.data.delta.upserts.epics.map((e: { id: string }) => e.id), [epic.id]);
    assertEquals(lastEvent(b), {
      source: "board",
      command: "epic.create",
      actor: "board-user",
      op: "create",
      item_id: epic.id,
    });

    const updated = await call(b, "PATCH", `/api/epics/${epic.id}`, {
      title: "Renamed",
      status: "in_progress",
    }, 1);
    assertEquals(updated.res.status, 200);
    assertEquals(updated.data.epic.title, "Renamed");
    assertEquals(updated.res.headers.get("etag"), `"2"`);

    const moved = await call(b, "POST", `/api/epics/${epic.id}/move`, { before: b.plan.epicId });
    assertEquals(moved.res.status, 200);
    const order = b.ctx.store.all<{ id: string }>("SELECT id FROM epics ORDER BY position").map((
      r,
    ) => r.id);
    assertEquals(order[0], epic.id);

    const task = await call(b, "POST", "/api/tasks", { epicId: epic.id, title: "Only task" });
    const cascade = await call(b, "PATCH", `/api/epics/${epic.id}`, {
      status: "done",
      cascade: true,
    }, versionOf(b, "epics", epic.id));
    assertEquals(cascade.res.status, 200);
    assertEquals(
      b.ctx.store.get<{ status: string }>(
        "SELECT status FROM tasks WHERE id = ?",
        task.data.task.id,
      )!.status,
      "done",
    );
    assert(
      cascade.data.delta.upserts.tasks.some((t: { id: string }) => t.id === task.data.task.id),
    );

    const refused = await call(
      b,
      "DELETE",
      `/api/epics/${epic.id}`,
      undefined,
      versionOf(b, "epics", epic.id),
    );
    assertEquals(refused.res.status, 409);
    assertEquals(refused.env.error.code, "has_children");
    const deleted = await call(
      b,
      "DELETE",
      `/api/epics/${epic.id}?cascade=true`,
      undefined,
      versionOf(b, "epics", epic.id),
    );
    assertEquals(deleted.res.status, 200);
    assertEquals(deleted.data.deleted.epics, [epic.id]);
    assertEquals(deleted.data.delta.deletes.epics, [epic.id]);
    assertEquals(deleted.data.delta.deletes.tasks, [task.data.task.id]);
  } finally {
    b.close();
  }
});

Deno.test("mutations: a task moves through update, claim, release, done and delete with deltas", async () => {
  const b = await testBoard();
  try {
    const t = await call(b, "POST", "/api/tasks", {
      epicId: b.plan.otherEpicId,
      title: "New task",
      priority: "p1",
      owner: "ana",
    });
    assertEquals(t.res.status, 201);
    const id = t.data.task.id;
    assertEquals(t.data.delta.upserts.epics[0].taskIds.includes(id), true);
    const cleared = await call(
      b,
      "PATCH",
      `/api/tasks/${id}`,
      { owner: null, append: "A note" },
      1,
    );
    assertEquals(cleared.data.task.owner, null);
    assertEquals(cleared.data.task.description, "A note");
    assertEquals(cleared.data.delta.owners, ["agent-1", "agent-2"]);
    const claim = await call(b, "POST", `/api/tasks/${id}/claim`, {
      owner: "agent-9",
      lease: "30m",
    });
    assertEquals(claim.data.claimed, true);
    assertEquals(claim.data.task.status, "in_progress");
    assertEquals(lastEvent(b).actor, "agent-9");
    const lost = await call(b, "POST", `/api/tasks/${id}/claim`, { owner: "agent-8" });
    assertEquals(lost.res.status, 200);
    assertEquals(lost.data.claimed, false);
    const release = await call(b, "POST", `/api/tasks/${id}/release`, { owner: "agent-9" });
    assertEquals(release.data.task.status, "todo");
    const done = await call(b, "POST", `/api/tasks/${id}/done`, {});
    assertEquals(done.data.task.status, "done");
    const epic = done.data.delta.upserts.epics.find((e: { id: string }) =>
      e.id === b.plan.otherEpicId
    );
    assertEquals(epic.progress.done, 1);
    const moved = await call(b, "POST", `/api/tasks/${id}/move`, { epicId: b.plan.epicId });
    assertEquals(moved.data.task.epicId, b.plan.epicId);
    assertEquals(moved.data.delta.upserts.epics.length, 2, "old and new parent");
    const del = await call(b, "DELETE", `/api/tasks/${id}`, undefined, versionOf(b, "tasks", id));
    assertEquals(del.data.deleted.tasks, [id]);
    assertEquals(del.data.delta.deletes.tasks, [id]);
  } finally {
    b.close();
  }
});

Deno.test("mutations: done of a prerequisite refreshes its dependents' readiness in the delta", async () => {
  const b = await testBoard();
  try {
    const [, parse, docs, freeze] = b.plan.tasks;
    const done = await call(b, "POST", `/api/tasks/${freeze}/done`, {});
    assertEquals(done.res.status, 200);
    const p = done.data.delta.upserts.tasks.find((t: { id: string }) => t.id === parse);
    assertEquals(p.readiness, { state: "ready", blockers: [] });
    assert(
      done.data.delta.upserts.epics.some((e: { id: string; readyCount: number }) =>
        e.id === b.plan.epicId && e.readyCount === 1
      ),
    );
    const blocked = await call(b, "POST", `/api/tasks/${docs}/done`, {});
    assertEquals(blocked.res.status, 409);
    assertEquals(blocked.env.error.code, "dependency_blocked");
  } finally {
    b.close();
  }
});

Deno.test("mutations: criteria gate done until forced; criteria are added, checked, edited, moved, removed", async () => {
  const b = await testBoard();
  try {
    const parse = b.plan.tasks[1]!;
    const c2 = b.plan.criteria[1]!;
    const added = await call(b, "POST", `/api/tasks/${parse}/criteria`, {
      text: "Has docs",
      before: c2,
    });
    assertEquals(added.res.status, 201);
    const c3 = added.data.criterion.id;
    assertEquals(added.data.delta.upserts.tasks[0].criteriaIds, [c3, c2]);
    const checked = await call(b, "PATCH", `/api/criteria/${c3}`, {
      checked: true,
      evidence: "README.md",
    }, 1);
    assertEquals(checked.env.command, "criteria.check");
    assertEquals(checked.data.criterion.evidence, "README.md");
    const unchecked = await call(b, "PATCH", `/api/criteria/${c3}`, { checked: false }, 2);
    assertEquals(unchecked.env.command, "criteria.uncheck");
    const edited = await call(b, "PATCH", `/api/criteria/${c3}`, { text: "Has user docs" }, 3);
    assertEquals(edited.env.command, "criteria.update");
    assertEquals(edited.data.criterion.text, "Has user docs");
    const moved = await call(b, "POST", `/api/criteria/${c3}/move`, { after: c2 });
    assertEquals(moved.res.status, 200);
    const removed = await call(b, "DELETE", `/api/criteria/${c3}`, undefined, 4);
    assertEquals(removed.data.delta.deletes.criteria, [c3]);

    await call(b, "POST", `/api/tasks/${b.plan.tasks[3]}/done`, {});
    const refused = await call(b, "POST", `/api/tasks/${parse}/done`, {});
    assertEquals(refused.res.status, 409);
    assertEquals(refused.env.error.code, "criteria_open");
    const forced = await call(b, "POST", `/api/tasks/${parse}/done`, { force: true });
    assertEquals(forced.data.task.status, "done");
    assert(forced.data.warnings.some((w: { code: string }) => w.code === "criteria_forced"));
  } finally {
    b.close();
  }
});

Deno.test("mutations: subtasks are created, updated, moved, claimed, released, done and deleted", async () => {
  const b = await testBoard();
  try {
    const parse = b.plan.tasks[1]!;
    const s = await call(b, "POST", "/api/subtasks", { taskId: parse, title: "Edge cases" });
    assertEquals(s.res.status, 201);
    const id = s.data.subtask.id;
    assertEquals(s.data.delta.upserts.tasks[0].subtaskCounts, { total: 3, done: 1 });
    const upd = await call(b, "PATCH", `/api/subtasks/${id}`, {
      title: "Edge cases first",
      owner: "bo",
    }, 1);
    assertEquals(upd.data.subtask.owner, "bo");
    const moved = await call(b, "POST", `/api/subtasks/${id}/move`, { before: b.plan.subtasks[0] });
    assertEquals(moved.res.status, 200);
    const claim = await call(b, "POST", `/api/subtasks/${id}/claim`, { owner: "bo" });
    assertEquals(claim.data.claimed, true);
    const rel = await call(b, "POST", `/api/subtasks/${id}/release`, { force: true });
    assertEquals(rel.data.subtask.owner, null);
    const done = await call(b, "POST", `/api/subtasks/${id}/done`, {});
    assertEquals(done.data.subtask.status, "done");
    const withForce = await call(b, "POST", `/api/subtasks/${id}/done`, { force: true });
    assertEquals(withForce.env.error.code, "unknown_option", "subtasks have no criteria to force");
    const del = await call(
      b,
      "DELETE",
      `/api/subtasks/${id}`,
      undefined,
      versionOf(b, "subtasks", id),
    );
    assertEquals(del.data.delta.deletes.subtasks, [id]);
  } finally {
    b.close();
  }
});

Deno.test("mutations: dependencies are added (201, then 200 when present), cycles refused, removed", async () => {
  const b = await testBoard();
  try {
    const [lex, parse, docs] = b.plan.tasks;
    const added = await call(b, "POST", "/api/dependencies", { sourceId: docs, dependsOnId: lex });
    assertEquals(added.res.status, 201);
    assertEquals(added.data.created, true);
    assertEquals(added.data.delta.upserts.dependencies[0].sourceId, docs);
    const again = await call(b, "POST", "/api/dependencies", { sourceId: docs, dependsOnId: lex });
    assertEquals(again.res.status, 200);
    assertEquals(again.data.created, false);
    const cycle = await call(b, "POST", "/api/dependencies", { sourceId: lex, dependsOnId: docs });
    assertEquals(cycle.res.status, 409);
    assertEquals(cycle.env.error.code, "dependency_cycle");
    const prefix = await call(b, "POST", "/api/dependencies", {
      sourceId: docs!.slice(0, 6),
      dependsOnId: parse,
    });
    assertEquals(prefix.env.error.code, "invalid_id");
    const removed = await call(
      b,
      "DELETE",
      `/api/dependencies?sourceId=${docs}&dependsOnId=${lex}`,
    );
    assertEquals(removed.data.removed, true);
    assertEquals(removed.data.delta.deletes.dependencies, [{ sourceId: docs, dependsOnId: lex }]);
    const docsAfter = removed.data.delta.upserts.tasks.find((t: { id: string }) => t.id === docs);
    assertEquals(docsAfter.dependsOn, [parse]);
  } finally {
    b.close();
  }
});

Deno.test("mutations: a refused write writes nothing and answers the registered status", async () => {
  const b = await testBoard();
  try {
    const before = eventCount(b);
    const lex = b.plan.tasks[0]!;
    const bad = await call(
      b,
      "PATCH",
      `/api/tasks/${lex}`,
      { status: "todo" },
      versionOf(b, "tasks", lex),
    );
    assertEquals(bad.res.status, 409);
    assertEquals(bad.env.error.code, "status_transition_invalid");
    assertEquals(bad.env.command, "task.update");
    const blank = await call(b, "POST", "/api/epics", { title: "  " });
    assertEquals(blank.res.status, 400);
    const missing = await call(b, "POST", "/api/tasks", { title: "No epic" });
    assertEquals(missing.env.error.code, "missing_argument");
    assertEquals(eventCount(b), before);
  } finally {
    b.close();
  }
});
