import { assert, assertEquals } from "../helpers/assert.ts";
import { ok, tempRepo } from "../helpers/cli.ts";
import { plan } from "./loop_seed.ts";

type Id = { id: string };
const ids = (list: Id[]) => list.map((x) => x.id);

Deno.test("agent loop: plan one epic in one call, then session → claim → criteria → done until suggest closes it", async () => {
  const repo = await tempRepo();
  const me = { env: { CAIRN_ACTOR: "agent-1" } };
  // A diamond: api and ui wait on design, integrate waits on both; ship waits
  // on integrate; docs (p3) stands alone.
  const p = await plan(repo, {
    task: [
      "design|Design the API|Shapes and errors.",
      "api|Build the API|",
      "ui|Build the UI|",
      "integrate|Integrate|",
      "docs|Write the docs||p3",
      "ship|Ship it|",
    ],
    subtask: [
      "@design|design-draft|Draft the shapes|",
      "@design|design-review|Review the draft|",
      "@integrate|integrate-e2e|End-to-end test|",
    ],
    dep: [
      "@api|@design",
      "@ui|@design",
      "@integrate|@api",
      "@integrate|@ui",
      "@ship|@integrate",
      "@design-review|@design-draft",
    ],
    criterion: [
      "@design|Every endpoint has an error shape",
      "@api|All routes tested",
      "@integrate|The e2e suite passes",
      "@ship|Release notes written",
    ],
  }, { title: "Checkout v2", ...me });

  const first = await ok(repo, ["suggest"], me);
  assertEquals(first.context.activeEpic.id, p.epic);
  assertEquals(first.suggestions[0].command, `cairn task claim ${p.design} --owner agent-1`);

  const order = ["design", "api", "ui", "integrate", "ship", "docs"];
  const unblocks = { design: 4, api: 2, ui: 2, integrate: 1, ship: 0, docs: 0 };
  for (const [i, key] of order.entries()) {
    const id = p[key]!;
    const session = await ok(repo, ["session"], me);
    assertEquals([session.actor, session.owner, session.nextReason], [
      "agent-1",
      "agent-1",
      "ready",
    ]);
    assertEquals(session.next.task.id, id, `step ${i + 1}: next is ${key}`);
    assertEquals(session.next.unblocks, unblocks[key as keyof typeof unblocks]);
    assertEquals(session.next.readiness.state, "ready");
    assertEquals(session.mine, []);

    const claim = await ok(repo, ["task", "claim", id, "--lease", "30m"], me);
    assertEquals([claim.claimed, claim.reentrant, claim.currentOwner], [true, false, "agent-1"]);
    if (i === 0) assertEquals(claim.auto.map((a: { to: string }) => a.to), ["in_progress"]);

    const working = await ok(repo, ["session"], me);
    assertEquals([working.nextReason, working.next.task.id], ["continue", id]);
    assertEquals(working.mine.map((m: { item: Id; stale: boolean }) => [m.item.id, m.stale]), [
      [id, false],
    ]);
    assertEquals((await ok(repo, ["suggest"], me)).suggestions[0].command, `cairn task show ${id}`);

    for (const sub of working.next.subtasks) {
      const s = await ok(repo, ["subtask", "done", sub.id], me);
      assertEquals(s.subtask.status, "done");
    }
    for (const c of working.next.criteria) {
      const checked = await ok(
        repo,
        ["criteria", "check", c.id, "--evidence", `verified ${key}`],
        me,
      );
      assertEquals(checked.criterion.checked, true);
    }

    const done = await ok(repo, ["task", "done", id, "--owner", "agent-1"], me);
    assertEquals([done.task.status, done.task.owner], ["done", "agent-1"]);
    assertEquals(done.warnings, []);
    assertEquals(done.epicProgress.done, i + 1);
    assertEquals(done.epicProgress.complete, i === order.length - 1);
    const following = order[i + 1];
    assertEquals(done.next?.task.id ?? null, following ? p[following] : null);
    if (key === "design") assertEquals(ids(done.unblocked), [p.api, p.ui]);
    if (key === "api") assertEquals(ids(done.unblocked), []);
    if (key === "ui") assertEquals(ids(done.unblocked), [p.integrate]);
  }

  const closing = await ok(repo, ["suggest"], me);
  assertEquals(closing.suggestions.map((s: { category: string }) => s.category), ["closing"]);
  assertEquals(closing.suggestions[0].command, `cairn epic update ${p.epic} --status done`);
  const progress = await ok(repo, ["epic", "progress", p.epic], me);
  assertEquals(progress.progress.percentDone, 100);
  assertEquals(progress.progress.subtasks.done, 3);
  assertEquals(progress.progress.criteria, { total: 4, checked: 4 });
  const closed = await ok(repo, closing.suggestions[0].command.split(" ").slice(1), me);
  assertEquals(closed.epic.status, "done");
  const after = await ok(repo, ["suggest"], me);
  assertEquals([after.suggestions, after.context.activeEpic], [[], null]);
  assert((await ok(repo, ["session"], me)).next === null);
});
