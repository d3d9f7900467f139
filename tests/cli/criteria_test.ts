import { assert, assertEquals } from "../helpers/assert.ts";
import { dumpDb, fails, type Json, ok, openDb, type Repo, tempRepo } from "../helpers/cli.ts";
import { planEpic } from "../helpers/items.ts";

/** A repo with one epic and tasks `a` (todo) and `d` (done). */
async function seeded(): Promise<{ repo: Repo; a: string; d: string }> {
  const repo = await tempRepo();
  const { id } = await planEpic(repo, "E", "--task", "a|A|", "--task", "d|D||done");
  return { repo, a: id.a, d: id.d };
}

Deno.test("criteria: add, check with evidence, re-check keeps evidence, uncheck clears it", async () => {
  const { repo, a } = await seeded();
  const one = await ok(repo, ["criteria", "add", a, "  Parses all files  "]);
  assertEquals(one.criterion.text, "Parses all files");
  assertEquals(one.task.id, a);
  assertEquals(one.summary, { total: 1, checked: 0, open: 1 });
  assertEquals(one.warnings, []);
  const c = one.criterion.id;
  const checked = await ok(repo, ["criteria", "check", c.slice(0, 6), "--evidence", "212 passed"]);
  assertEquals(checked.criterion.checked, true);
  assertEquals(checked.criterion.evidence, "212 passed");
  assertEquals(checked.criterion.checkedBy, "tester");
  assertEquals(checked.changed, ["checked", "evidence", "checkedAt", "checkedBy"]);
  assertEquals(checked.summary, { total: 1, checked: 1, open: 0 });
  const again = await ok(repo, ["criteria", "check", c]);
  assertEquals(again.changed, []);
  assertEquals(again.criterion.evidence, "212 passed");
  assertEquals(again.criterion.version, checked.criterion.version);
  const newer = await ok(repo, ["criteria", "check", c, "--evidence", "213 passed"]);
  assertEquals(newer.changed, ["evidence"]);
  const un = await ok(repo, ["criteria", "uncheck", c]);
  assertEquals(un.criterion.checked, false);
  assertEquals([un.criterion.evidence, un.criterion.checkedAt, un.criterion.checkedBy], [
    null,
    null,
    null,
  ]);
  assertEquals(un.summary.open, 1);
});

Deno.test("criteria: update keeps the checked state; list is in position order", async () => {
  const { repo, a } = await seeded();
  const c1 = (await ok(repo, ["criteria", "add", a, "First"])).criterion.id;
  const c2 = (await ok(repo, ["criteria", "add", a, "Second"])).criterion.id;
  const c0 = (await ok(repo, ["criteria", "add", a, "Zeroth", "--before", c1])).criterion.id;
  await ok(repo, ["criteria", "check", c2, "--evidence", "seen"]);
  const upd = await ok(repo, ["criteria", "update", c2, "--text", "Second, reworded"]);
  assertEquals(upd.changed, ["text"]);
  assertEquals([upd.criterion.checked, upd.criterion.evidence], [true, "seen"]);
  const list = await ok(repo, ["criteria", "list", a]);
  assertEquals(list.criteria.map((c: Json) => c.id), [c0, c1, c2]);
  assertEquals(list.summary, { total: 3, checked: 1, open: 2 });
});

Deno.test("criteria: adding to or unchecking on a done task warns task_done", async () => {
  const { repo, d } = await seeded();
  const added = await ok(repo, ["criteria", "add", d, "Late criterion"]);
  assertEquals(added.warnings.map((w: Json) => w.code), ["task_done"]);
  await ok(repo, ["criteria", "check", added.criterion.id]);
  const un = await ok(repo, ["criteria", "uncheck", added.criterion.id]);
  assertEquals(un.warnings.map((w: Json) => w.code), ["task_done"]);
});

Deno.test("criteria move: reorders quietly, renumbers when the gap is too small", async () => {
  const { repo, a } = await seeded();
  const ids: string[] = [];
  for (const t of ["c1", "c2", "c3"]) {
    ids.push((await ok(repo, ["criteria", "add", a, t])).criterion.id);
  }
  const [c1, c2, c3] = ids as [string, string, string];
  const m = await ok(repo, ["criteria", "move", c3, "--before", c1]);
  assertEquals(m.position, { from: 3, to: 0 });
  assertEquals(m.criterion.version, 1);
  const same = await ok(repo, ["criteria", "move", c3, "--before", c1]);
  assertEquals(same.position, { from: 0, to: 0 });
  // Halve the gap between c3 (0) and c1 (1) until it is below 1e-6, then renumbering kicks in.
  for (let i = 0; i < 21; i++) {
    await ok(repo, ["criteria", "move", i % 2 ? c1 : c2, "--after", c3]);
  }
  const list = await ok(repo, ["criteria", "list", a]);
  const positions = list.criteria.map((c: Json) => c.position);
  assert(
    positions.every((p: number, i: number) => i === 0 || p > positions[i - 1]),
    "strictly ordered",
  );
  const db = openDb(repo.db);
  try {
    const renumbered = db.prepare(
      `SELECT COUNT(*) AS n FROM events WHERE op = 'update' AND cause IS NOT NULL
         AND changes LIKE '%"position"%'`,
    ).get() as Json;
    assert(renumbered.n >= 2, "renumbering wrote position events caused by the move");
  } finally {
    db.close();
  }
  assertEquals(list.criteria.every((c: Json) => c.version === 1), true);
});

Deno.test("criteria move: needs exactly one of --before/--after of the same task", async () => {
  const { repo, a, d } = await seeded();
  const c1 = (await ok(repo, ["criteria", "add", a, "One"])).criterion.id;
  const c2 = (await ok(repo, ["criteria", "add", a, "Two"])).criterion.id;
  const other = (await ok(repo, ["criteria", "add", d, "Other"])).criterion.id;
  const before = dumpDb(repo.db);
  assertEquals((await fails(repo, ["criteria", "move", c1], "missing_argument")).exitCode, 2);
  await fails(repo, ["criteria", "move", c1, "--before", c2, "--after", c2], "conflicting_options");
  await fails(repo, ["criteria", "move", c1, "--after", other], "invalid_input");
  await fails(repo, ["criteria", "add", a, "Bad", "--after", other], "invalid_input");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("criteria: bad text is invalid_input or too_long and writes nothing", async () => {
  const { repo, a } = await seeded();
  const before = dumpDb(repo.db);
  await fails(repo, ["criteria", "add", a, "   "], "invalid_input");
  const long = await fails(repo, ["criteria", "add", a, "x".repeat(501)], "too_long");
  assertEquals(long.error.details, { field: "text", max: 500, actual: 501 });
  await fails(repo, ["criteria", "add", a, "two\nlines"], "invalid_input");
  await fails(repo, ["criteria", "list", "e-zzzz"], "wrong_kind");
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("criteria remove: deletes with a tombstone; the id is then not_found (deleted)", async () => {
  const { repo, a } = await seeded();
  const c = (await ok(repo, ["criteria", "add", a, "Temporary"])).criterion.id;
  const r = await ok(repo, ["criteria", "remove", c]);
  assertEquals(r.removed, c);
  assertEquals(r.summary.total, 0);
  const gone = await fails(repo, ["criteria", "check", c], "not_found");
  assertEquals(gone.error.details.deleted, true);
  const db = openDb(repo.db);
  try {
    const ev = db.prepare("SELECT op, changes FROM events WHERE item_id = ? ORDER BY seq DESC")
      .get(c) as Json;
    assertEquals(ev.op, "delete");
    assertEquals(JSON.parse(ev.changes).text.old, "Temporary");
  } finally {
    db.close();
  }
});

Deno.test("criteria check: --evidence-file reads UTF-8 from a file or stdin", async () => {
  const { repo, a } = await seeded();
  const c = (await ok(repo, ["criteria", "add", a, "With file evidence"])).criterion.id;
  Deno.writeTextFileSync(`${repo.dir}/ev.txt`, "line 1\r\nline 2\n");
  const f = await ok(repo, ["criteria", "check", c, "--evidence-file", "ev.txt"]);
  assertEquals(f.criterion.evidence, "line 1\nline 2");
  const s = await ok(repo, ["criteria", "check", c, "--evidence-file", "-"], {
    stdin: "from stdin",
  });
  assertEquals(s.criterion.evidence, "from stdin");
  await fails(repo, ["criteria", "check", c, "--evidence-file", "missing.txt"], "invalid_path");
});
