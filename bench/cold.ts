/**
 * Cold one-shot commands (SPEC §19.2): each call is a new process, timed from
 * spawn to exit, against `deno run` of an empty script run just before it.
 * Reads run on the sample plan; small writes on a second repository and the
 * batches (`epic create`) on a third, so every round of a command sees about
 * the same data: the batches would otherwise add ~180 items a round under
 * `task done` and `dep add-many` (bench/scale.ts times those on 10,000 tasks).
 * The batch repository holds a few hundred tasks and is put back to them
 * before every batch run: a batch's cost grows with the repository (random
 * ids spread its index entries over more pages: the sample plan writes 28
 * pages into an empty database and 80 into one of 1,800 items).
 *
 * Run alone: deno run -A bench/cold.ts [--runs n]
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { sampleEpicArgs } from "../scripts/demo.ts";
import type { SpecLists } from "../core/batch/mod.ts";
import {
  availableCommands,
  type BenchOptions,
  cairn,
  cairnCmd,
  EMPTY,
  ENV,
  mean,
  median,
  ms,
  ROOT,
  scratchRepo,
  type Section,
  type Timed,
  timed,
} from "./lib.ts";

/** One measured command. */
interface Scenario {
  name: string;
  /** The leaf command path it needs (skipped when missing). */
  needs: string[];
  /** Where it runs. */
  repo: "read" | "write" | "batch";
  /** Arguments of round `i`. */
  args: (i: number) => string[];
}

/** The batch of SPEC §19.3: 60 tasks, 20 subtasks, 59 edges, 10 criteria. */
export function bigPlanSpecs(): Required<SpecLists> {
  const specs = { tasks: [] as string[], subtasks: [] as string[], deps: [] as string[] };
  for (let i = 0; i < 60; i++) specs.tasks.push(`k${i}|Task ${i}|Step ${i} of the plan.`);
  for (let i = 0; i < 20; i++) specs.subtasks.push(`@k${i * 3}|s${i}|Subtask ${i}|`);
  for (let i = 1; i < 60; i++) specs.deps.push(`@k${i}|@k${i - 1}`);
  const criteria = Array.from({ length: 10 }, (_, i) => `@k${i * 6}|Criterion ${i} holds`);
  return { ...specs, criteria };
}

/** `epic create` with the batch of SPEC §19.3. */
export function bigPlanArgs(title: string): string[] {
  const s = bigPlanSpecs();
  return [
    ...["epic", "create", "--title", title],
    ...s.tasks.flatMap((t) => ["--task", t]),
    ...s.subtasks.flatMap((t) => ["--subtask", t]),
    ...s.deps.flatMap((t) => ["--dep", t]),
    ...s.criteria.flatMap((t) => ["--criterion", t]),
  ];
}

/** Ids the scenarios need, created once before the rounds. */
interface Fixture {
  epic: string;
  task: string;
  deep: string;
  doneable: string[];
  pairs: [string, string][];
  writeEpic: string;
  /** A copy of the batch repository's database as set up, put back before each batch run. */
  batchTemplate: string;
}

async function setup(
  { read, write, batch }: Record<Scenario["repo"], string>,
  runs: number,
  has: Set<string>,
): Promise<Fixture> {
  await cairn(read, ["init"]);
  await cairn(write, ["init"]);
  await cairn(batch, ["init"]);
  const fx: Fixture = {
    epic: "",
    task: "",
    deep: "",
    doneable: [],
    pairs: [],
    writeEpic: "",
    batchTemplate: `${batch}.template.db`,
  };
  if (has.has("epic create")) {
    const plan = await cairn(read, sampleEpicArgs());
    fx.epic = plan.epic.id;
    const key = (k: string) => plan.mappings.find((m: { tempKey: string }) => m.tempKey === k).id;
    fx.task = key("client");
    fx.deep = key("bucket");
    const w = await cairn(write, ["epic", "create", "--title", "Writes"]);
    fx.writeEpic = w.epic.id;
  }
  if (has.has("task create-many") && fx.writeEpic) {
    // Round i of main.ts uses index i, the bundle's round i uses runs + i.
    const n = 2 * runs;
    const specs = Array.from({ length: n * 3 }, (_, i) => ["--task", `w${i}|Write target ${i}|`])
      .flat();
    const made = await cairn(write, ["task", "create-many", "--epic", fx.writeEpic, ...specs]);
    const id = (i: number) => made.mappings[i].id as string;
    fx.doneable = Array.from({ length: n }, (_, i) => id(i));
    fx.pairs = Array.from({ length: n }, (_, i) => [id(n + 2 * i + 1), id(n + 2 * i)]);
    const planned = await cairn(batch, ["epic", "create", "--title", "Planned"]);
    const tasks = Array.from({ length: 300 }, (_, i) => ["--task", `p${i}|Planned ${i}|`]).flat();
    await cairn(batch, ["task", "create-many", "--epic", planned.epic.id, ...tasks]);
  }
  // One file to copy: the calls left their WAL (Store.leave), the last close removes it.
  const db = new DatabaseSync(`${batch}/.cairn/cairn.db`);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  await Deno.copyFile(`${batch}/.cairn/cairn.db`, fx.batchTemplate);
  return fx;
}

/** Puts the batch repository back to its state after setup, without the WAL a run left. */
function restoreBatchRepo(batch: string, fx: Fixture): void {
  Deno.copyFileSync(fx.batchTemplate, `${batch}/.cairn/cairn.db`);
  for (const file of ["cairn.db-wal", "cairn.db-shm"]) {
    try {
      Deno.removeSync(`${batch}/.cairn/${file}`);
    } catch { /* a large WAL is checkpointed and removed at exit */ }
  }
}

function scenarios(fx: Fixture): Scenario[] {
  return [
    { name: "version", needs: ["version"], repo: "read", args: () => ["version"] },
    { name: "init", needs: ["init"], repo: "read", args: () => ["init"] },
    { name: "session", needs: ["session", "epic create"], repo: "read", args: () => ["session"] },
    { name: "suggest", needs: ["suggest", "epic create"], repo: "read", args: () => ["suggest"] },
    {
      name: "task next",
      needs: ["task next", "epic create"],
      repo: "read",
      args: () => ["task", "next"],
    },
    {
      name: "task ready --limit 20",
      needs: ["task ready", "epic create"],
      repo: "read",
      args: () => ["task", "ready", "--limit", "20"],
    },
    {
      name: "task list",
      needs: ["task list", "epic create"],
      repo: "read",
      args: () => ["task", "list"],
    },
    {
      name: "task list --all",
      needs: ["task list", "epic create"],
      repo: "read",
      args: () => ["task", "list", "--all"],
    },
    {
      name: "show <task>",
      needs: ["show", "epic create"],
      repo: "read",
      args: () => ["show", fx.task],
    },
    {
      name: "epic show --all",
      needs: ["epic show", "epic create"],
      repo: "read",
      args: () => ["epic", "show", fx.epic, "--all"],
    },
    {
      name: "epic progress",
      needs: ["epic progress", "epic create"],
      repo: "read",
      args: () => ["epic", "progress", fx.epic],
    },
    {
      name: "dep reverse",
      needs: ["dep reverse", "epic create"],
      repo: "read",
      args: () => ["dep", "reverse", fx.deep],
    },
    {
      name: "epic create (sample: 5 tasks, 2 subtasks, 4 deps, 3 criteria)",
      needs: ["epic create"],
      repo: "batch",
      args: (i) => sampleEpicArgs(`Sample ${i}`),
    },
    {
      name: "epic create (60 tasks, 20 subtasks, 59 deps, 10 criteria)",
      needs: ["epic create"],
      repo: "batch",
      args: (i) => bigPlanArgs(`Big ${i}`),
    },
    {
      name: "task create",
      needs: ["task create", "epic create"],
      repo: "write",
      args: (i) => ["task", "create", "--epic", fx.writeEpic, "--title", `Created ${i}`],
    },
    {
      name: "task create-many (10 tasks)",
      needs: ["task create-many", "epic create"],
      repo: "write",
      args: (
        i,
      ) => [
        "task",
        "create-many",
        "--epic",
        fx.writeEpic,
        ...Array.from({ length: 10 }, (_, j) => ["--task", `m${j}|Many ${i}.${j}|`]).flat(),
      ],
    },
    {
      name: "dep add-many (1 edge)",
      needs: ["dep add-many", "task create-many", "epic create"],
      repo: "write",
      args: (i) => ["dep", "add-many", "--dep", fx.pairs[i]!.join("|")],
    },
    {
      name: "task done",
      needs: ["task done", "task create-many", "epic create"],
      repo: "write",
      args: (i) => ["task", "done", fx.doneable[i]!],
    },
  ];
}

/** Wall and CPU samples of one program form, and each run's ratio to the baseline run just before it. */
class Samples {
  wall = new Map<string, number[]>();
  cpu = new Map<string, number[]>();
  ratios = new Map<string, number[]>();
  add(name: string, t: Timed, base?: Timed): void {
    this.wall.set(name, [...(this.wall.get(name) ?? []), t.ms]);
    if (t.cpu !== null) this.cpu.set(name, [...(this.cpu.get(name) ?? []), t.cpu]);
    if (base) this.ratios.set(name, [...(this.ratios.get(name) ?? []), t.ms / base.ms]);
  }
  wallMs(name: string): number {
    return median(this.wall.get(name) ?? []);
  }
  cpuMs(name: string): number {
    return mean(this.cpu.get(name) ?? []);
  }
  /** Median of the paired ratios: a host that slows down for a while slows both runs of a pair. */
  ratio(name: string): number {
    return this.ratios.has(name) ? median(this.ratios.get(name)!) : 1;
  }
}

const BASE = "(baseline)";

/** Runs the cold scenarios with main.ts and with the bundle. */
export async function run(o: BenchOptions): Promise<Section> {
  const has = await availableCommands();
  const repos = {
    read: await scratchRepo(),
    write: await scratchRepo(),
    batch: await scratchRepo(),
  };
  const outside = Deno.realPathSync(await Deno.makeTempDir({ prefix: "cairn-bench-empty-" }));
  const emptyOutside = `${outside}/empty.js`;
  await Deno.writeTextFile(emptyOutside, "");
  const bundle = `${ROOT}/dist/cairn.js`;
  let hasBundle = false;
  try {
    const { buildBundle } = await import("../scripts/bundle.ts");
    await buildBundle({ output: bundle });
    hasBundle = true;
  } catch (err) {
    o.log(`cold: no bundle (${(err as Error).message}); main.ts only`);
  }
  try {
    o.log("cold: setting up");
    const fx = await setup(repos, o.runs, has);
    const all = scenarios(fx);
    const list = all.filter((s) => s.needs.every((n) => has.has(n)));
    const skipped = all.filter((s) => !list.includes(s)).map((s) => s.name);
    const main = new Samples();
    const bundled = new Samples();
    const failures = new Map<string, string>();
    // Every measured run follows a run of its baseline; both go into the medians.
    const baseline = async (samples: Samples, script: string) => {
      const t = await timed([Deno.execPath(), "run", "-A", script], { cwd: repos.read });
      samples.add(BASE, t);
      return t;
    };
    for (let i = 0; i < o.runs; i++) {
      o.log(`cold: round ${i + 1}/${o.runs}`);
      for (const s of list) {
        const cwd = repos[s.repo];
        if (s.repo === "batch") restoreBatchRepo(cwd, fx);
        const mainBase = await baseline(main, EMPTY);
        const r = await timed(cairnCmd(s.args(i)), { cwd, env: ENV });
        if (r.code !== 0) {
          failures.set(s.name, `exit ${r.code}: ${(r.stdout || r.stderr).slice(0, 300)}`);
        }
        main.add(s.name, r, mainBase);
        if (hasBundle) {
          if (s.repo === "batch") restoreBatchRepo(cwd, fx);
          const bundleBase = await baseline(bundled, emptyOutside);
          const b = await timed(cairnCmd(s.args(o.runs + i), bundle), { cwd, env: ENV });
          if (b.code !== 0) {
            failures.set(s.name, `bundle exit ${b.code}: ${(b.stdout || b.stderr).slice(0, 300)}`);
          }
          bundled.add(s.name, b, bundleBase);
        }
      }
    }
    const row = (label: string, name: string): (string | number)[] => {
      const m = main.wallMs(name), b = bundled.wallMs(name);
      return [
        label,
        ms(m),
        main.ratio(name).toFixed(2),
        ms(main.cpuMs(name)),
        hasBundle ? ms(b) : "",
        hasBundle ? bundled.ratio(name).toFixed(2) : "",
        hasBundle ? ms(bundled.cpuMs(name)) : "",
      ];
    };
    const rows = [row("`deno run` of an empty script", BASE)];
    for (const s of list) {
      rows.push(row(`\`cairn ${s.name}\`${failures.has(s.name) ? " (failed)" : ""}`, s.name));
    }
    for (const [name, why] of failures) o.log(`cold: ${name} failed: ${why}`);
    const notes = [
      `Median wall time of ${o.runs} runs and mean CPU time (user + system), each a new process ` +
      `(\`deno run -A main.ts\` or \`deno run -A dist/cairn.js\`, JSON output, spawn to exit). Each run ` +
      `follows a run of the baseline, an empty script (inside the repository for main.ts, same deno.json; ` +
      `outside it for the bundle), and the ratio is the median of these paired ratios: the host's slow ` +
      `spells then slow both runs of a pair. Reads run on the sample plan (5 tasks); small writes on ` +
      `their own repository (a few hundred tasks); batches on a third, put back to its few hundred ` +
      `tasks before each run. Target: ratio ≤ 2.00 (SPEC §19.2). The 60-task plan is the batch of ` +
      `SPEC §19.3, held there to its query time (see Scale); it is here to show what a whole plan ` +
      `costs as one call.`,
    ];
    if (skipped.length) {
      notes.push(`Not measured (command not in the table yet): ${skipped.join(", ")}.`);
    }
    return {
      title: "Cold one-shot commands",
      notes,
      headers: ["command", "main.ts ms", "ratio", "cpu ms", "bundle ms", "ratio", "cpu ms"],
      rows,
    };
  } finally {
    for (const d of [...Object.values(repos), `${repos.batch}.template.db`, outside]) {
      await Deno.remove(d, { recursive: true }).catch(() => {});
    }
  }
}

if (import.meta.main) {
  const { standalone } = await import("./mod.ts");
  await standalone(run);
}
