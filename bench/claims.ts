/**
 * Parallel agents (SPEC §19.2, §19.3).
 *
 * - Contention: for each item, 8 owners run `task claim` at the same moment;
 *   exactly one may win.
 * - Agent loop: 8 workers each repeat `task next --claim` → `task done` over
 *   a shared pool until nothing is left; no item may be handed to two owners.
 * - Sustained: 16 workers, 100 cycles each, on a pool of 1,600 tasks; every
 *   task must end with exactly three events (created, claimed, done).
 *
 * Reports throughput and checks (double claims, failed calls,
 * `database_busy`); it never asserts times.
 *
 * Run alone: deno run -A bench/claims.ts [--runs n] [--quick]
 *
 * @module
 */
import {
  availableCommands,
  type BenchOptions,
  cairn,
  cairnCmd,
  ENV,
  median,
  ms,
  percentile,
  scratchRepo,
  type Section,
  timed,
} from "./lib.ts";

const WORKERS = 8;

// deno-lint-ignore no-explicit-any
type Envelope = any;

async function call(
  dir: string,
  args: string[],
  owner: string,
): Promise<{ ms: number; env: Envelope }> {
  const r = await timed(cairnCmd(args), { cwd: dir, env: { ...ENV, CAIRN_ACTOR: owner } });
  let env: Envelope = {
    ok: false,
    error: { code: `exit ${r.code}`, message: r.stderr.slice(0, 200) },
  };
  try {
    env = JSON.parse(r.stdout);
  } catch { /* kept as a failure */ }
  return { ms: r.ms, env };
}

async function pool(dir: string, n: number, title: string): Promise<string[]> {
  const epic = await cairn(dir, ["epic", "create", "--title", title]);
  const specs = Array.from({ length: n }, (_, i) => ["--task", `p${i}|Pool task ${i}|`]).flat();
  const made = await cairn(dir, ["task", "create-many", "--epic", epic.epic.id, ...specs]);
  return made.mappings.map((m: { id: string }) => m.id);
}

/** Every item claimed by 8 owners at once. */
async function contention(dir: string, items: number) {
  const ids = await pool(dir, items, "Contention");
  const latencies: number[] = [];
  let doubleWins = 0, noWinner = 0, failed = 0, busy = 0;
  const t0 = performance.now();
  for (const id of ids) {
    const answers = await Promise.all(
      Array.from(
        { length: WORKERS },
        (_, w) => call(dir, ["task", "claim", id, "--owner", `w${w}`], `w${w}`),
      ),
    );
    const wins = answers.filter((a) => a.env.ok && a.env.data.claimed).length;
    for (const a of answers) {
      latencies.push(a.ms);
      if (!a.env.ok) failed++;
      if (a.env.error?.code === "database_busy") busy++;
    }
    if (wins > 1) doubleWins++;
    if (wins === 0) noWinner++;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { items, calls: items * WORKERS, seconds, latencies, doubleWins, noWinner, failed, busy };
}

/** `workers` processes drain a pool with `task next --claim` + `task done`. */
async function agentLoop(dir: string, items: number, workers = WORKERS) {
  const ids = new Set(await pool(dir, items, "Agent loop"));
  const claimedBy = new Map<string, string[]>();
  const latencies: number[] = [];
  let failed = 0, busy = 0, cycles = 0;
  const note = (env: Envelope) => {
    if (!env.ok) failed++;
    if (env.error?.code === "database_busy") busy++;
  };
  const worker = async (owner: string) => {
    for (let guard = 0; guard < items * 2; guard++) {
      const next = await call(dir, ["task", "next", "--claim", "--owner", owner], owner);
      latencies.push(next.ms);
      note(next.env);
      if (!next.env.ok) continue;
      const task = next.env.data.task?.task;
      if (!task) return;
      if (!next.env.data.claimed) continue;
      claimedBy.set(task.id, [...(claimedBy.get(task.id) ?? []), owner]);
      const done = await call(dir, ["task", "done", task.id, "--owner", owner], owner);
      latencies.push(done.ms);
      note(done.env);
      if (done.env.ok) cycles++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(`a${w}`)));
  const seconds = (performance.now() - t0) / 1000;
  const doubleClaims = [...claimedBy.values()].filter((owners) => owners.length > 1).length;
  const unclaimed = [...ids].filter((id) => !claimedBy.has(id)).length;
  return { items, cycles, seconds, latencies, doubleClaims, unclaimed, failed, busy, ids };
}

/** Tasks of `ids` whose event count is not `expected`, read from the database itself. */
async function eventMismatches(dir: string, ids: Set<string>, expected: number): Promise<number> {
  const { DatabaseSync } = await import("node:sqlite");
  const db = new DatabaseSync(`${dir}/.cairn/cairn.db`, { readOnly: true });
  try {
    const rows = db.prepare(
      "SELECT j.value AS id, (SELECT count(*) FROM events e WHERE e.item_id = j.value) AS n FROM json_each(?) j",
    ).all(JSON.stringify([...ids])) as { id: string; n: number }[];
    return rows.filter((r) => r.n !== expected).length;
  } finally {
    db.close();
  }
}

/** Runs both claim scenarios. */
export async function run(o: BenchOptions): Promise<Section> {
  const has = await availableCommands();
  const title = "Parallel claims";
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const dir = await scratchRepo();
  try {
    await cairn(dir, ["init"]);
    if (["epic create", "task create-many", "task claim"].every((c) => has.has(c))) {
      o.log("claims: contention");
      const c = await contention(dir, o.quick ? 5 : 20);
      rows.push([
        `\`task claim\`, ${WORKERS} owners per item, ${c.items} items`,
        `${(c.calls / c.seconds).toFixed(1)} calls/s`,
        `${ms(median(c.latencies))} / ${ms(percentile(c.latencies, 95))}`,
        `${c.doubleWins} double wins, ${c.noWinner} items without winner`,
        `${c.failed} failed, ${c.busy} database_busy`,
      ]);
    } else notes.push("Contention not run: needs `epic create`, `task create-many`, `task claim`.");
    if (["epic create", "task create-many", "task next", "task done"].every((c) => has.has(c))) {
      o.log("claims: agent loop");
      const a = await agentLoop(dir, o.quick ? 16 : 80);
      rows.push([
        `\`task next --claim\` + \`task done\`, ${WORKERS} workers, ${a.items} tasks`,
        `${(a.cycles / a.seconds).toFixed(1)} cycles/s`,
        `${ms(median(a.latencies))} / ${ms(percentile(a.latencies, 95))}`,
        `${a.doubleClaims} double claims, ${a.unclaimed} never claimed`,
        `${a.failed} failed, ${a.busy} database_busy`,
      ]);
    } else {notes.push(
        "Agent loop not run: needs `epic create`, `task create-many`, `task next`, `task done`.",
      );}
    if (["epic create", "task create-many", "task next", "task done"].every((c) => has.has(c))) {
      const workers = 16, cycles = o.quick ? 5 : 100;
      o.log(`claims: ${workers} workers × ${cycles} cycles`);
      const a = await agentLoop(dir, workers * cycles, workers);
      const wrong = await eventMismatches(dir, a.ids, 3);
      rows.push([
        `\`task next --claim\` + \`task done\`, ${workers} workers × ${cycles} cycles`,
        `${(a.cycles / a.seconds).toFixed(1)} cycles/s`,
        `${ms(median(a.latencies))} / ${ms(percentile(a.latencies, 95))}`,
        `${a.doubleClaims} double claims, ${a.unclaimed} never claimed, ${wrong} tasks without exactly 3 events`,
        `${a.failed} failed, ${a.busy} database_busy`,
      ]);
    }
    notes.unshift(
      `${WORKERS} (or 16) concurrent processes on ${navigator.hardwareConcurrency} cores; latency = one process, spawn to exit. ` +
        "Events are counted in the database after the run: created, claimed, done.",
    );
    return {
      title,
      notes,
      headers: ["scenario", "throughput", "median / p95 ms", "correctness", "errors"],
      rows,
    };
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const { standalone } = await import("./mod.ts");
  await standalone(run);
}
