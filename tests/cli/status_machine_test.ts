import { assertEquals } from "../helpers/assert.ts";
import { cairn, ok, tempRepo } from "../helpers/cli.ts";

const STATUSES = ["todo", "in_progress", "blocked", "done"] as const;
const ALLOWED: Record<string, string[]> = {
  todo: ["in_progress", "blocked"],
  in_progress: ["done", "blocked", "todo"],
  blocked: ["in_progress", "todo"],
  done: ["in_progress"],
};

Deno.test("status machine: every from → to pair through task update --status", async () => {
  const repo = await tempRepo();
  const specs = STATUSES.flatMap((from) =>
    STATUSES.map((to) => `--task=${from}-${to}|${from} to ${to}||${from}`)
  );
  const plan = await ok(repo, ["epic", "create", "--title", "Machine", ...specs]);
  const idOf = new Map<string, string>(
    plan.mappings.map((m: { tempKey: string; id: string }) => [m.tempKey, m.id]),
  );
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const id = idOf.get(`${from}-${to}`)!;
      const r = await cairn(repo, ["--json", "task", "update", id, "--status", to]);
      const label = `${from} → ${to}`;
      if (from === to) {
        assertEquals([r.json.ok, r.json.data.changed], [true, []], label);
      } else if (ALLOWED[from]!.includes(to)) {
        assertEquals([r.json.ok, r.json.data.task.status], [true, to], label);
        assertEquals(r.json.data.changed.includes("status"), true, label);
        assertEquals(r.json.data.task.completedAt !== null, to === "done", label);
      } else {
        assertEquals([r.code, r.json.error.code], [1, "status_transition_invalid"], label);
        const d = r.json.error.details;
        assertEquals(
          [d.id, d.kind, d.from, d.to, d.allowed],
          [id, "task", from, to, ALLOWED[from]],
          label,
        );
        if (to === "done") assertEquals(d.hint, `cairn task done ${id}`, label);
      }
    }
  }
});

Deno.test("status machine: update gates in_progress and done on prerequisites, not todo or blocked", async () => {
  const repo = await tempRepo();
  const plan = await ok(repo, [
    "epic",
    "create",
    "--title",
    "Gates",
    "--task",
    "pre|Pre|",
    "--task",
    "a|A|",
    "--task",
    "b|B||in_progress",
    "--dep",
    "@a|@pre",
    "--dep",
    "@b|@pre",
  ]);
  const id = (k: string) => plan.mappings.find((m: { tempKey: string }) => m.tempKey === k).id;
  const start = await cairn(repo, ["--json", "task", "update", id("a"), "--status", "in_progress"]);
  assertEquals(start.json.error.code, "dependency_blocked");
  assertEquals(start.json.error.details.unresolved.map((u: { id: string }) => u.id), [id("pre")]);
  const finish = await cairn(repo, ["--json", "task", "update", id("b"), "--status", "done"]);
  assertEquals(finish.json.error.code, "dependency_blocked");
  assertEquals(
    (await ok(repo, ["task", "update", id("a"), "--status", "blocked"])).task.status,
    "blocked",
  );
  assertEquals(
    (await ok(repo, ["task", "update", id("b"), "--status", "todo"])).task.status,
    "todo",
  );
});
