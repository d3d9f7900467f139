/**
 * The board at scale (SPEC §15.6, §15.7): 10,000 tasks and 20,000 edges
 * seeded in-process through the core inserts, then a real `cairn board`
 * process is measured over HTTP: start-up, the first `/api/snapshot`
 * (target < 300 ms), warm snapshots, the overview and epic pages, and the
 * latency from a commit by another connection to the SSE delta.
 *
 * Run alone: deno run -A bench/board.ts [--runs n] [--quick]
 *
 * @module
 */
import {
  insertCriterion,
  insertEdge,
  insertEpic,
  insertSubtask,
  insertTask,
  updateTask,
  write,
} from "../core/mod.ts";
import { buildSnapshot } from "../core/board/mod.ts";
import { openCtx } from "../tests/helpers/core_ctx.ts";
import {
  type BenchOptions,
  MAIN,
  median,
  ms,
  percentile,
  rng,
  ROOT,
  scratchRepo,
  type Section,
} from "./lib.ts";

async function seed(dir: string, tasks: number) {
  const ctx = await openCtx(dir, { actor: "bench" });
  const rand = rng(11);
  const ids: string[] = [];
  const epics: string[] = [];
  try {
    write(ctx, (tx) => {
      for (let e = 0; e < 10; e++) {
        epics.push(insertEpic(tx, { title: `Epic ${e}`, status: "in_progress" }).id as string);
      }
      for (let i = 0; i < tasks; i++) {
        const status = i < tasks * 0.4
          ? "done"
          : i % 17 === 0
          ? "in_progress"
          : i % 23 === 0
          ? "blocked"
          : "todo";
        const t = insertTask(tx, {
          epicId: epics[i % 10]!,
          title: `Task ${i}: ${["parse", "render", "index", "sync"][i % 4]} the ${
            ["lexer", "board", "store", "graph"][i % 4]
          }`,
          description: `Seeded task ${i}.\n\nSome *markdown* text.`,
          status,
          priority: i % 5,
          owner: status === "in_progress" ? `agent-${i % 7}` : null,
        });
        ids.push(t.id as string);
        if (i % 10 === 0) insertSubtask(tx, { taskId: t.id as string, title: `Step of ${i}` });
        if (i % 8 === 0) insertCriterion(tx, { taskId: t.id as string, text: `Criterion of ${i}` });
        for (let k = 0; k < 2 && i > 0; k++) {
          insertEdge(tx, t.id as string, ids[Math.floor(rand() * i)]!);
        }
      }
    });
    return { ids, epics, ctx };
  } catch (err) {
    ctx.close();
    throw err;
  }
}

async function timedFetch(url: string, init: RequestInit = {}) {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength, res };
}

const START_RUNS = 5;

/** The program forms to start: main.ts, and the bundle when `deno task bundle` built it. */
async function entries(): Promise<[string, string][]> {
  const bundle = `${ROOT}/dist/cairn.js`;
  const built = await Deno.stat(bundle).then(() => true, () => false);
  return built ? [["main.ts", MAIN], ["bundle", bundle]] : [["main.ts", MAIN]];
}

/** Starts `cairn board` on a free port; resolves once its envelope is printed. */
async function startBoard(dir: string, entry: string) {
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry, "--json", "board", "--no-open", "--port", "0", "--reveal-token"],
    cwd: dir,
    stdout: "piped",
    stderr: "null",
    env: { CAIRN_ACTOR: "bench", NO_COLOR: "1" },
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = "";
  while (!line.includes("\n")) line += (await reader.read()).value ?? "";
  const started = performance.now() - t0;
  const { data } = JSON.parse(line) as { data: { token: string; origin: string } };
  const stop = async () => {
    child.kill("SIGTERM");
    await reader.cancel().catch(() => {});
    await child.status;
  };
  return { ms: started, data, stop };
}

/** Runs the scenario; returns its table. */
export async function run(o: BenchOptions): Promise<Section> {
  const count = o.quick ? 2_000 : 10_000;
  const dir = await scratchRepo("cairn-bench-board-");
  const { ids, epics, ctx } = await seed(dir, count);
  o.log(`board: seeded ${count} tasks`);
  const rows: (string | number)[][] = [];
  for (const [label, entry] of await entries()) {
    const times: number[] = [];
    for (let i = 0; i < START_RUNS; i++) {
      const b = await startBoard(dir, entry);
      times.push(b.ms);
      await b.stop();
    }
    rows.push([
      `\`cairn board\` start-up to its envelope, ${label} (median of ${START_RUNS})`,
      ms(median(times)),
      "includes the first snapshot build; target < 500 ms",
    ]);
  }
  const board = await startBoard(dir, MAIN);
  const data = board.data;
  const auth = { headers: { authorization: `Bearer ${data.token}` } };
  try {
    const first = await timedFetch(`${data.origin}/api/snapshot`, auth);
    rows.push([
      `first /api/snapshot (${count} tasks)`,
      ms(first.ms),
      `${(first.bytes / 1e6).toFixed(1)} MB, target < 300 ms`,
    ]);
    const warm: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      warm.push((await timedFetch(`${data.origin}/api/snapshot`, auth)).ms);
    }
    rows.push([
      `warm /api/snapshot, unchanged board (median of ${o.runs})`,
      ms(median(warm)),
      "cached JSON",
    ]);
    const rebuilt: number[] = [];
    const applied: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      updateTask(ctx, { id: ids[i]!, title: `Changed ${i}` });
      rebuilt.push((await timedFetch(`${data.origin}/api/snapshot`, auth)).ms);
      updateTask(ctx, { id: ids[i]!, title: `Changed again ${i}` });
      await new Promise((r) => setTimeout(r, 200));
      applied.push((await timedFetch(`${data.origin}/api/snapshot`, auth)).ms);
    }
    rows.push([
      `/api/snapshot at once after a change (median of ${o.runs})`,
      ms(median(rebuilt)),
      "full rebuild",
    ]);
    rows.push([
      `/api/snapshot 200 ms after a change (median of ${o.runs})`,
      ms(median(applied)),
      "the watcher's delta applied to the cache",
    ]);
    const inProcess: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const a = performance.now();
      buildSnapshot(ctx.store, {
        now: Date.now(),
        repo: { name: "bench", branch: null, worktree: null },
      });
      inProcess.push(performance.now() - a);
    }
    rows.push([
      `buildSnapshot in-process (median of ${o.runs})`,
      ms(median(inProcess)),
      "query + derived fields",
    ]);
    const login = await fetch(`${data.origin}/?token=${data.token}`, { redirect: "manual" });
    await login.body?.cancel();
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const overview = await timedFetch(`${data.origin}/`, { headers: { cookie } });
    rows.push([
      "overview page (SSR + embedded snapshot)",
      ms(overview.ms),
      `${(overview.bytes / 1e6).toFixed(1)} MB HTML`,
    ]);
    const epic = await timedFetch(`${data.origin}/epics/${epics[0]}`, { headers: { cookie } });
    rows.push([
      `epic page (${count / 10} tasks, windowed columns)`,
      ms(epic.ms),
      `${(epic.bytes / 1e6).toFixed(1)} MB HTML`,
    ]);

    // Commit → SSE delta latency (another connection writes; the board's watcher publishes).
    const stream = await fetch(`${data.origin}/api/stream`, auth);
    const sse = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    const nextFrame = async (kind: string) => {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(`event: ${kind}`)) return frame;
          continue;
        }
        const { value, done } = await sse.read();
        if (done) throw new Error("stream ended");
        buffer += value;
      }
    };
    await nextFrame("snapshot");
    const latencies: number[] = [];
    const samples = o.quick ? 10 : 30;
    for (let i = 0; i < samples; i++) {
      const id = ids[count - 1 - i]!;
      const a = performance.now();
      updateTask(ctx, { id, title: `Renamed ${i} at ${Date.now()}` });
      await nextFrame("delta");
      latencies.push(performance.now() - a);
      await new Promise((r) => setTimeout(r, 30));
    }
    await sse.cancel();
    rows.push([
      `commit → SSE delta (${samples} writes by another connection)`,
      `p50 ${ms(median(latencies))}`,
      `p95 ${ms(percentile(latencies, 95))}, target 200 ms`,
    ]);
  } finally {
    await board.stop();
    ctx.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  return {
    title: "Board",
    notes: [
      `${count} tasks in 10 epics, ~${
        2 * count
      } edges, subtasks on every 10th task, criteria on every 8th; 40% done.`,
      "Times are wall-clock over real HTTP on 127.0.0.1 against a `cairn board` process.",
    ],
    headers: ["measure", "time", "note"],
    rows,
  };
}

if (import.meta.main) {
  const runsAt = Deno.args.indexOf("--runs");
  const { renderSection } = await import("./lib.ts");
  const section = await run({
    runs: runsAt === -1 ? 5 : Number(Deno.args[runsAt + 1]),
    quick: Deno.args.includes("--quick"),
    log: (l) => console.error(l),
  });
  console.log(renderSection(section));
}
