import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { at, plan } from "./loop_seed.ts";

const env = (minutes: number, actor = "a1") => ({
  env: { CAIRN_NOW: at(minutes), CAIRN_ACTOR: actor },
});

function events(db: string, item: string): { op: string; actor: string; flags: string | null }[] {
  const d = openDb(db);
  try {
    return d.prepare("SELECT op, actor, flags FROM events WHERE item_id = ? ORDER BY seq").all(
      item,
    ) as never;
  } finally {
    d.close();
  }
}

Deno.test("task claim: claiming your own task again is re-entrant and renews a stored lease", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"] }, env(0));
  const first = await ok(repo, ["task", "claim", p.a, "--lease", "10m"], env(0));
  assertEquals([first.claimed, first.reentrant, first.reason], [true, false, null]);
  assertEquals(first.task.status, "in_progress");
  assertEquals(first.lease, { expiresAt: at(10), seconds: 600 });
  assertEquals(first.auto, [{ id: p.epic, kind: "epic", from: "todo", to: "in_progress" }]);
  const again = await ok(repo, ["task", "claim", p.a.slice(0, 6)], env(5));
  assertEquals([again.claimed, again.reentrant], [true, true]);
  assertEquals(again.lease, { expiresAt: at(15), seconds: 600 });
  assertEquals(again.task.version, first.task.version, "a re-entrant claim bumps no version");
  const ops = events(repo.db, p.a).map((e) => [e.op, e.actor]);
  assertEquals(ops, [["create", "a1"], ["update", "a1"], ["heartbeat", "a1"]]);
});

Deno.test("task claim: a task held by somebody else is not claimed, and that is a success", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"] });
  await ok(repo, ["task", "claim", p.a, "--owner", "a1"]);
  const r = await cairn(repo, ["--json", "task", "claim", p.a, "--owner", "a2"]);
  assertEquals(r.code, 0);
  const d = r.json.data;
  assertEquals([d.claimed, d.reentrant, d.reason, d.currentOwner], [false, false, "held", "a1"]);
  assertEquals(d.task.owner, "a1");
});

Deno.test("task claim: a done task answers claimed:false with reason done", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A||done"] });
  const before = dumpDb(repo.db);
  const d = await ok(repo, ["task", "claim", p.a, "--owner", "a1"]);
  assertEquals([d.claimed, d.reason, d.currentStatus], [false, "done", "done"]);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task claim: an expired lease is taken over; the old owner's heartbeat is not_owner", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"] }, env(0));
  await ok(repo, ["task", "claim", p.a, "--lease", "1m"], env(0, "a1"));
  const held = await ok(repo, ["task", "claim", p.a], env(1, "a2"));
  assertEquals(held.reason, "held", "a lease that ends now still holds");
  const d = await ok(repo, ["task", "claim", p.a, "--lease", "30m"], env(2, "a2"));
  assertEquals([d.claimed, d.reentrant, d.currentOwner], [true, false, "a2"]);
  assertEquals(d.takeover, { previousOwner: "a1", leaseExpiredAt: at(1) });
  const last = events(repo.db, p.a).at(-1)!;
  assertEquals([last.actor, JSON.parse(last.flags!)], ["a2", { takeover: true }]);
  const e = await fails(repo, ["task", "heartbeat", p.a], "not_owner", env(3, "a1"));
  assertEquals(e.error.details, {
    id: p.a,
    owner: "a2",
    status: "in_progress",
    hint: "cairn session",
  });
});

Deno.test("task claim: unresolved prerequisites are dependency_blocked and nothing is written", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|", "b|B|"], dep: ["@b|@a"] });
  const before = dumpDb(repo.db);
  const e = await fails(repo, ["task", "claim", p.b, "--owner", "a1"], "dependency_blocked");
  assertEquals(e.exitCode, 1);
  assertEquals(e.error.details.unresolved.map((u: { id: string }) => u.id), [p.a]);
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("task claim: without --owner or CAIRN_ACTOR it is missing_argument", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"] });
  const e = await fails(repo, ["task", "claim", p.a], "missing_argument", {
    env: { CAIRN_ACTOR: "" },
  });
  assertEquals(e.error.details, { option: "--owner", env: "CAIRN_ACTOR" });
});

Deno.test("task claim: leases follow --lease > CAIRN_DEFAULT_LEASE and stay within 10s..7d", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|", "b|B|", "c|C|"] }, env(0));
  const e = await fails(repo, ["task", "claim", p.a, "--lease", "5s"], "invalid_value", env(0));
  assertEquals(e.error.details.option, "--lease");
  await fails(repo, ["task", "claim", p.a, "--lease", "8d"], "invalid_value", env(0));
  const withDefault = { env: { CAIRN_NOW: at(0), CAIRN_ACTOR: "a1", CAIRN_DEFAULT_LEASE: "20m" } };
  assertEquals((await ok(repo, ["task", "claim", p.a], withDefault)).lease.seconds, 1200);
  const none = await ok(repo, ["task", "claim", p.b, "--lease", "none"], withDefault);
  assertEquals(none.lease, null);
  assertEquals((await ok(repo, ["task", "claim", p.c], env(0))).lease, null);
});

Deno.test("task heartbeat: renews without a version bump; an expired lease warns lease_expired_renewed", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"] }, env(0));
  const c = await ok(repo, ["task", "claim", p.a, "--lease", "10m"], env(0));
  const h = await ok(repo, ["task", "heartbeat", p.a], env(5));
  assertEquals(h.lease, { expiresAt: at(15), seconds: 600 });
  assertEquals(h.warnings, []);
  assertEquals([h.task.version, h.task.updatedAt], [c.task.version, c.task.updatedAt]);
  const late = await ok(repo, ["task", "heartbeat", p.a, "--lease", "1h"], env(20));
  assertEquals(late.lease, { expiresAt: at(80), seconds: 3600 });
  assertEquals(late.warnings.map((w: { code: string }) => w.code), ["lease_expired_renewed"]);
});

Deno.test("task release: only the owner releases, --force releases anyone, done is already_done", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|", "b|B||done"] });
  await ok(repo, ["task", "claim", p.a, "--owner", "a1", "--lease", "5m"]);
  const e = await fails(repo, ["task", "release", p.a, "--owner", "a2"], "not_owner");
  assertEquals(e.error.details.owner, "a1");
  const r = await ok(repo, ["task", "release", p.a, "--owner", "a1"]);
  assertEquals([r.released, r.previousOwner], [true, "a1"]);
  assertEquals([r.task.status, r.task.owner, r.task.leaseExpiresAt], ["todo", null, null]);
  await ok(repo, ["task", "claim", p.a, "--owner", "a1"]);
  const forced = await ok(repo, ["task", "release", p.a, "--force"], { env: { CAIRN_ACTOR: "" } });
  assertEquals([forced.previousOwner, forced.task.status], ["a1", "todo"]);
  const last = events(repo.db, p.a).at(-1)!;
  assertEquals(JSON.parse(last.flags!), { forced: true });
  const done = await fails(repo, ["task", "release", p.b, "--owner", "a1"], "already_done");
  assertEquals(done.error.message, `Cannot release task "${p.b}": it is done`);
});

Deno.test("subtask claim: claims, starts the epic and releases like a task", async () => {
  const repo = await tempRepo();
  const p = await plan(repo, { task: ["a|A|"], subtask: ["@a|s|Step|"] });
  const d = await ok(repo, ["subtask", "claim", p.s, "--owner", "a1"]);
  assertEquals([d.claimed, d.subtask.status, d.subtask.owner], [true, "in_progress", "a1"]);
  assertEquals(d.auto.map((x: { to: string }) => x.to), ["in_progress"]);
  assert(!("task" in d));
  const held = await ok(repo, ["subtask", "claim", p.s, "--owner", "a2"]);
  assertEquals(held.reason, "held");
  const hb = await ok(repo, ["subtask", "heartbeat", p.s, "--owner", "a1"]);
  assertEquals(hb.lease.seconds, 1800, "heartbeat without any lease defaults to 30 minutes");
  const r = await ok(repo, ["subtask", "release", p.s, "--owner", "a1"]);
  assertEquals([r.subtask.status, r.previousOwner], ["todo", "a1"]);
});
