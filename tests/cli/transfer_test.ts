import { assert, assertEquals, assertMatch, assertStringIncludes } from "../helpers/assert.ts";
import { cairn, dumpDb, fails, ok, openDb, tempRepo } from "../helpers/cli.ts";
import { seedPlan } from "../helpers/core_ctx.ts";
import { COMMANDS } from "../../cli/table.ts";

const has = (path: string) => COMMANDS.some((c) => c.path === path);

/** A seeded repository, its plan exported as a parsed document, and a fresh initialised one. */
async function exportedPlan() {
  const repo = await tempRepo();
  await seedPlan(repo.dir);
  await ok(repo, ["export", "--all", "--path", "x.json"]);
  const doc = JSON.parse(Deno.readTextFileSync(`${repo.dir}/x.json`));
  const fresh = await tempRepo();
  await ok(fresh, ["init"]);
  return { repo, doc, fresh };
}

function withoutInstant(text: string): string {
  return text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "-"');
}

Deno.test({
  name: "export --all → wipe → import: the JSON export is identical",
  ignore: !has("wipe"),
  fn: async () => {
    const repo = await tempRepo();
    await seedPlan(repo.dir);
    await ok(repo, ["export", "--all", "--path", "before.json"]);
    await ok(repo, ["wipe", "--yes"]);
    const imported = await ok(repo, ["import", "before.json"]);
    assertEquals(imported.counts.tasks, { created: 4, updated: 0, unchanged: 0 });
    assertEquals(imported.counts.dependencies, { created: 4, unchanged: 0 });
    await ok(repo, ["export", "--all", "--path", "after.json"]);
    const before = Deno.readTextFileSync(`${repo.dir}/before.json`);
    assertEquals(
      withoutInstant(Deno.readTextFileSync(`${repo.dir}/after.json`)),
      withoutInstant(before),
    );
  },
});

Deno.test("export → fresh database → import: identical export, events with source import", async () => {
  const repo = await tempRepo();
  await seedPlan(repo.dir);
  const data = await ok(repo, ["export", "--all", "--path", "out/"]);
  assertMatch(data.path, /\/out\/cairn-export-\d{8}T\d{6}Z\.json$/);
  assertEquals(data.counts, { epics: 2, tasks: 4, subtasks: 2, criteria: 2, dependencies: 4 });
  const text = Deno.readTextFileSync(data.path);
  assert(text.endsWith("}\n"));
  const doc = JSON.parse(text);
  assertEquals(Object.keys(doc), [
    "format",
    "version",
    "exportedAt",
    "program",
    "scope",
    "epics",
    "tasks",
    "subtasks",
    "criteria",
    "dependencies",
    "external",
  ]);
  assertEquals(doc.scope, { kind: "all" });
  assertEquals(Object.keys(doc.tasks[1]), [
    "id",
    "kind",
    "epicId",
    "title",
    "description",
    "status",
    "priority",
    "owner",
    "claimedAt",
    "position",
    "createdAt",
    "completedAt",
  ]);
  assertEquals(Object.keys(doc.subtasks[0]).includes("epicId"), false);
  const fresh = await tempRepo();
  const r = await ok(fresh, ["import", data.path]);
  assertEquals(r.dryRun, false);
  assertEquals(r.warnings.map((w: { code: string }) => w.code), ["prerequisite_open"]);
  const raw = await cairn(fresh, ["export", "--all", "--path", "-"]);
  assertEquals(raw.code, 0);
  assertEquals(withoutInstant(raw.stdout), withoutInstant(text));
  const db = openDb(fresh.db);
  const sources = db.prepare("SELECT DISTINCT source FROM events").all() as { source: string }[];
  db.close();
  assertEquals(sources.map((s) => s.source), ["import"]);
});

Deno.test("import: the same file twice writes nothing the second time", async () => {
  const repo = await tempRepo();
  await seedPlan(repo.dir);
  await ok(repo, ["export", "--all", "--path", "x.json"]);
  const before = dumpDb(repo.db);
  const r = await ok(repo, ["import", "x.json"]);
  assertEquals(r.counts.epics, { created: 0, updated: 0, unchanged: 2 });
  assertEquals(r.counts.dependencies, { created: 0, unchanged: 4 });
  assertEquals(dumpDb(repo.db), before);
});

Deno.test("import: a changed field is updated with one update event; --dry-run writes nothing", async () => {
  const repo = await tempRepo();
  const plan = await seedPlan(repo.dir);
  await ok(repo, ["export", "--all", "--path", "x.json"]);
  const doc = JSON.parse(Deno.readTextFileSync(`${repo.dir}/x.json`));
  doc.tasks[2].title = "Document the flags";
  doc.tasks[2].epicId = plan.otherEpicId;
  Deno.writeTextFileSync(`${repo.dir}/y.json`, JSON.stringify(doc));
  const before = dumpDb(repo.db);
  const dry = await ok(repo, ["import", "y.json", "--dry-run"]);
  assertEquals(dry.dryRun, true);
  assertEquals(dry.counts.tasks, { created: 0, updated: 1, unchanged: 3 });
  assertEquals(dumpDb(repo.db), before);
  const r = await ok(repo, ["import", "y.json"]);
  assertEquals(r.counts.tasks, { created: 0, updated: 1, unchanged: 3 });
  const db = openDb(repo.db);
  const row = db.prepare("SELECT title, epic_id, version FROM tasks WHERE id = ?").get(
    plan.tasks[2]!,
  ) as Record<string, unknown>;
  const ev = db.prepare(
    "SELECT op, source, changes FROM events WHERE item_id = ? ORDER BY seq DESC LIMIT 1",
  )
    .get(plan.tasks[2]!) as Record<string, string>;
  db.close();
  assertEquals({ ...row }, { title: "Document the flags", epic_id: plan.otherEpicId, version: 2 });
  assertEquals(ev.op, "update");
  assertEquals(ev.source, "import");
  assertEquals(Object.keys(JSON.parse(ev.changes!)).sort(), ["epicId", "title"]);
});

Deno.test("import: one bad record writes nothing and names it by JSON pointer", async () => {
  const { doc, fresh } = await exportedPlan();
  doc.tasks[3].status = "doing";
  Deno.writeTextFileSync(`${fresh.dir}/bad.json`, JSON.stringify(doc));
  const before = dumpDb(fresh.db);
  const r = await fails(fresh, ["import", "bad.json"], "invalid_import");
  assertEquals(r.error.details.total, 1);
  assertEquals(r.error.details.issues[0].pointer, "/tasks/3/status");
  assertEquals(r.error.details.issues[0].code, "invalid_value");
  assertEquals(r.error.details.issues[0].id, doc.tasks[3].id);
  assertEquals(dumpDb(fresh.db), before);
});

Deno.test("import: collects every issue (ids, references, duplicates, cycles) before writing", async () => {
  const { repo, doc, fresh } = await exportedPlan();
  doc.epics[0].id = "e-1234"; // prefix, not a full id
  doc.tasks[0].id = "s-00000000"; // wrong kind for the array
  doc.subtasks[1].id = doc.subtasks[0].id; // duplicate
  doc.criteria[0].taskId = "t-zzzzzzzz"; // missing reference
  doc.tasks[2].title = "x".repeat(201);
  doc.dependencies.push({ sourceId: doc.tasks[1].id, dependsOnId: doc.tasks[2].id });
  delete doc.epics[1].title;
  Deno.writeTextFileSync(`${fresh.dir}/bad.json`, JSON.stringify(doc));
  const before = dumpDb(fresh.db);
  const r = await fails(fresh, ["import", "bad.json"], "invalid_import");
  const got = r.error.details.issues.map((i: { pointer: string; code: string }) =>
    `${i.pointer} ${i.code}`
  );
  for (
    const want of [
      "/epics/0/id invalid_id",
      "/epics/1/title bad_shape",
      "/tasks/0/id kind_mismatch",
      "/tasks/2/title too_long",
      "/subtasks/1/id duplicate_id",
      "/criteria/0/taskId missing_reference",
    ]
  ) assert(got.includes(want), `${want} in ${JSON.stringify(got)}`);
  assertEquals(dumpDb(fresh.db), before);
  // Cycles are checked against database ∪ file.
  const cyc = JSON.parse(Deno.readTextFileSync(`${repo.dir}/x.json`));
  cyc.dependencies.push({ sourceId: cyc.tasks[0].id, dependsOnId: cyc.tasks[2].id });
  Deno.writeTextFileSync(`${repo.dir}/cyc.json`, JSON.stringify(cyc));
  const c = await fails(repo, ["import", "cyc.json"], "invalid_import");
  assertEquals(c.error.details.issues.map((i: { code: string }) => i.code), ["cycle"]);
  assertEquals(c.error.details.issues[0].pointer, "/dependencies/4");
  await fails(repo, ["import", "missing.json"], "invalid_path");
  const bad = await fails(repo, ["import", "-"], "invalid_import", { stdin: "{not json" });
  assertEquals(bad.error.details.issues[0].code, "bad_format");
  const ver = await fails(repo, ["import", "-"], "invalid_import", {
    stdin: JSON.stringify({ ...cyc, version: 2 }),
  });
  assertEquals(ver.error.details.issues[0], {
    pointer: "/version",
    id: null,
    code: "bad_version",
    message: ver.error.details.issues[0].message,
  });
});

Deno.test("import: reads stdin with -", async () => {
  const repo = await tempRepo();
  await seedPlan(repo.dir);
  await ok(repo, ["export", "--all", "--path", "x.json"]);
  const fresh = await tempRepo();
  const r = await ok(fresh, ["import", "-"], {
    stdin: Deno.readTextFileSync(`${repo.dir}/x.json`),
  });
  assertEquals(r.counts.criteria.created, 2);
});

Deno.test("epic export: every Markdown link target exists as an anchor", async () => {
  const repo = await tempRepo();
  const plan = await seedPlan(repo.dir);
  const data = await ok(repo, ["epic", "export", plan.epicId]);
  assertEquals(data.path, `${repo.dir}/plans/parser-streaming-json.md`);
  assertEquals(data.summary, { tasks: 3, subtasks: 2, criteria: 2, dependencies: 4, external: 1 });
  const md = Deno.readTextFileSync(data.path);
  const anchors = new Set([...md.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
  assert(links.length >= 10, `links: ${links.length}`);
  for (const l of links) assert(anchors.has(l), `link #${l} has no anchor`);
  for (const id of [...plan.tasks.slice(0, 3), ...plan.subtasks]) assert(anchors.has(id), id);
  assert(anchors.has(plan.tasks[3]!), "external item anchor");
  assertStringIncludes(md, `epic_id: ${plan.epicId}\ntitle: "Parser: streaming JSON"\n`);
  assertStringIncludes(md, "#### Goal"); // description headings shifted down three levels
  assertStringIncludes(md, "&lt;script&gt;"); // raw HTML escaped
  assertStringIncludes(md, "[Write parser \\| tables](#"); // pipe escaped in table cells
  assertStringIncludes(md, "| Progress | 1/3 tasks done (33%) |");
  assertMatch(
    md,
    /\n---\n\n\*Exported by cairn on \d{4}-.+Z\. A snapshot: the database is the source of truth\.\*\n$/,
  );
});

Deno.test("epic export: --path - prints raw text; exclusive create; --overwrite replaces", async () => {
  const repo = await tempRepo();
  const plan = await seedPlan(repo.dir);
  const raw = await cairn(repo, ["epic", "export", plan.epicId.slice(0, 6), "--path", "-"]);
  assertEquals(raw.code, 0);
  assert(raw.stdout.startsWith("---\ncairn_export: 1\n"), raw.stdout.slice(0, 80));
  const env = await ok(repo, ["epic", "export", plan.epicId, "--format", "json", "--path", "-"]);
  assertEquals(env.path, "-");
  const first = await ok(repo, [
    "epic",
    "export",
    plan.epicId,
    "--format",
    "json",
    "--path",
    "docs/plan.json",
  ]);
  assertEquals(first.overwritten, false);
  const doc = JSON.parse(Deno.readTextFileSync(`${repo.dir}/docs/plan.json`));
  assertEquals(doc.scope, { kind: "epic", id: plan.epicId });
  assertEquals(doc.external, [{
    id: plan.tasks[3],
    kind: "task",
    title: "Schema freeze",
    status: "todo",
    epicId: plan.otherEpicId,
  }]);
  assertEquals(doc.dependencies.length, 4);
  const exists = await fails(repo, [
    "epic",
    "export",
    plan.epicId,
    "--format",
    "json",
    "--path",
    "docs/plan.json",
  ], "file_exists");
  assertEquals(exists.error.details.path, `${repo.dir}/docs/plan.json`);
  const over = await ok(repo, [
    "epic",
    "export",
    plan.epicId,
    "--path",
    "docs/plan.json",
    "--overwrite",
  ]);
  assertEquals(over.overwritten, true);
  assert(Deno.readTextFileSync(`${repo.dir}/docs/plan.json`).startsWith("---\n"));
  assertEquals([...Deno.readDirSync(`${repo.dir}/docs`)].map((e) => e.name), ["plan.json"]);
  Deno.writeTextFileSync(`${repo.dir}/afile`, "x");
  await fails(repo, ["epic", "export", plan.epicId, "--path", "afile/sub/x.md"], "invalid_path");
  await fails(repo, ["export", "--all", "--format", "md"], "invalid_value");
  await fails(repo, ["export"], "missing_argument");
  // Importing the epic-scoped JSON into its own database changes nothing.
  const before = dumpDb(repo.db);
  await ok(repo, ["epic", "export", plan.epicId, "--format", "json", "--path", "e.json"]);
  const r = await ok(repo, ["import", "e.json"]);
  assertEquals(r.counts.tasks, { created: 0, updated: 0, unchanged: 3 });
  assertEquals(dumpDb(repo.db), before);
});
