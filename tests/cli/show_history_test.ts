import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, EVENT_KEYS, fails, ok, tempRepo } from "../helpers/cli.ts";
import { epic, subtask, task } from "../helpers/items.ts";

Deno.test("show: dispatches on the resolved kind, criteria included", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  const s = await subtask(repo, t);
  const c = (await ok(repo, ["criteria", "add", t, "Has docs"])).criterion.id;
  assertEquals(Object.keys(await ok(repo, ["show", e])), ["epic", "progress", "tasks"]);
  assertEquals((await ok(repo, ["show", t])).task.id, t);
  assertEquals((await ok(repo, ["show", s])).subtask.id, s);
  const crit = await ok(repo, ["show", c]);
  assertEquals(Object.keys(crit), ["criterion", "task"]);
  assertEquals([crit.criterion.text, crit.task.id], ["Has docs", t]);
  const human = await cairn(repo, ["--human", "show", t]);
  assert(human.stdout.includes("[ ] " + c));
});

Deno.test("history: newest first, with the edges that touch the item and --field filtering", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const a = await task(repo, e, "A");
  const b = await task(repo, e, "B");
  await ok(repo, ["dep", "add", b, a]);
  await ok(repo, ["task", "update", a, "--status", "in_progress"]);
  await ok(repo, ["task", "update", a, "--title", "A2"]);
  const h = await ok(repo, ["history", a]);
  assertEquals(h.item, {
    id: a,
    kind: "task",
    title: "A2",
    deleted: false,
    deletedAt: null,
    deletedBy: null,
  });
  assertEquals(h.events.map((x: { op: string }) => x.op), [
    "update",
    "update",
    "dep_add",
    "create",
  ]);
  assertEquals(h.events[2].itemId, `${b}>${a}`);
  assertEquals(Object.keys(h.events[0]), EVENT_KEYS);
  assertEquals(h.events[0].changes, [{ field: "title", old: "A", new: "A2" }]);
  assertEquals([h.events[0].command, h.events[0].branch, h.events[0].worktree], [
    "task.update",
    "main",
    ".",
  ]);
  const status = await ok(repo, ["history", a, "--field", "status"]);
  assertEquals(status.events.map((x: { op: string }) => x.op), ["update", "create"]);
  const r = await cairn(repo, ["--json", "history", a, "--field", "colour"]);
  assertEquals([r.code, r.json.error.code], [2, "invalid_value"]);
});

Deno.test("history: heartbeats only with --all; pages with --limit and --cursor", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e);
  await ok(repo, ["task", "claim", t, "--owner", "ann", "--lease", "10m"]);
  await ok(repo, ["task", "heartbeat", t, "--owner", "ann"]);
  const plain = await ok(repo, ["history", t]);
  assertEquals(plain.events.some((x: { op: string }) => x.op === "heartbeat"), false);
  const all = await ok(repo, ["history", t, "--all"]);
  assertEquals(all.events[0].op, "heartbeat");
  const p1 = await ok(repo, ["history", t, "--all", "--limit", "2"]);
  assertEquals([p1.events.length, p1.page.total, p1.page.limit], [2, 3, 2]);
  const p2 = await ok(repo, [
    "history",
    t,
    "--all",
    "--limit",
    "2",
    "--cursor",
    p1.page.nextCursor,
  ]);
  assertEquals(p2.events.length, 1);
  assertEquals(p2.page.nextCursor, null);
  assertEquals(
    [...p1.events, ...p2.events].map((x: { id: string }) => x.id),
    all.events.map((x: { id: string }) => x.id),
  );
});

Deno.test("history: --deep adds descendants and deleted children; deleted items stay reachable", async () => {
  const repo = await tempRepo();
  const e = await epic(repo);
  const t = await task(repo, e, "Kept");
  const s = await subtask(repo, t, "Kept sub");
  const gone = await task(repo, e, "Gone");
  const goneSub = await subtask(repo, gone, "Gone sub");
  await ok(repo, ["task", "delete", gone]);
  const shallow = await ok(repo, ["history", e]);
  assertEquals(shallow.events.map((x: { itemId: string }) => x.itemId), [e]);
  const deep = await ok(repo, ["history", e, "--deep"]);
  const items = deep.events.map((x: { itemId: string; op: string }) => `${x.op}:${x.itemId}`);
  for (
    const want of [
      `create:${t}`,
      `create:${s}`,
      `delete:${gone}`,
      `delete:${goneSub}`,
      `create:${e}`,
    ]
  ) {
    assert(items.includes(want), `${want} missing from ${items}`);
  }
  assertEquals(items.includes(`create:${gone}`), false);
  const dead = await ok(repo, ["history", gone]);
  assertEquals([dead.item.deleted, dead.item.deletedBy, dead.item.title], [true, "tester", "Gone"]);
  assertEquals(dead.events.map((x: { op: string }) => x.op), ["delete", "create"]);
  const byPrefix = await ok(repo, ["history", gone.slice(0, 7)]);
  assertEquals(byPrefix.item.id, gone);
  await fails(repo, ["show", gone], "not_found");
});
