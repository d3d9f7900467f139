/**
 * `deno task demo`: cairn's main job on an embedded sample. Creates a scratch
 * git repository, plans a whole epic in ONE `cairn epic create` call, then
 * plays an agent: `session` → `task claim` → finish subtasks → check criteria
 * → `task done`, until `suggest` proposes closing the epic. Every step spawns
 * the real program (main.ts) and prints what it answered.
 *
 * Usage: deno task demo [--keep]   (--keep leaves the scratch repository)
 *
 * @module
 */

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const MAIN = `${ROOT}/main.ts`;
const ACTOR = "demo-agent";

/** The sample epic: title and batch specs (SPEC §10), planned in one call. */
export const SAMPLE_EPIC = {
  title: "Ship a rate-limited fetch client",
  tasks: [
    "config|Read the limits from config|Requests per second and burst size come from fetch.toml.|p1",
    "bucket|Write the token bucket|Refill on demand from a clock; no timers.|p1",
    "client|Wrap fetch with the bucket|Every request waits for a token; 429 answers are retried.",
    "docs|Document the client|A README section with a runnable example.|p3",
    "bench|Measure the overhead|Time per request against plain fetch, 1000 requests.|p2",
  ],
  subtasks: [
    "@bucket|bucket-tests|Token bucket tests|Table-driven: refill, burst, empty bucket.",
    "@client|client-retry|Retry on 429|Honour Retry-After; give up after 3 attempts.",
  ],
  deps: ["@client|@bucket", "@client|@config", "@docs|@client", "@bench|@client"],
  criteria: [
    "@bucket|Refill is exact under a fake clock",
    "@client|A 429 with Retry-After: 1 waits one second before retrying",
    "@docs|The README example runs as written",
  ],
};

/** The `epic create` arguments of the sample (after `cairn`). */
export function sampleEpicArgs(title = SAMPLE_EPIC.title): string[] {
  return [
    "epic",
    "create",
    "--title",
    title,
    ...SAMPLE_EPIC.tasks.flatMap((s) => ["--task", s]),
    ...SAMPLE_EPIC.subtasks.flatMap((s) => ["--subtask", s]),
    ...SAMPLE_EPIC.deps.flatMap((s) => ["--dep", s]),
    ...SAMPLE_EPIC.criteria.flatMap((s) => ["--criterion", s]),
  ];
}

// deno-lint-ignore no-explicit-any
type Data = any;

let step = 0;
let print: (line: string) => void = (line) => console.log(line);

function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`;
}

function say(line = ""): void {
  print(line);
}

/** Runs one cairn command in the scratch repository, prints it, returns `data`. */
async function run(dir: string, args: string[], shown?: string): Promise<Data> {
  step++;
  say(`${String(step).padStart(2)}. cairn ${shown ?? args.map(shellWord).join(" ")}`);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--json", ...args],
    cwd: dir,
    env: { CAIRN_ACTOR: ACTOR, NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  let env: Data;
  try {
    env = JSON.parse(text);
  } catch {
    throw new Error(
      `no envelope from cairn ${args[0]} ${args[1] ?? ""}: ${
        new TextDecoder().decode(out.stderr).trim()
      }`,
    );
  }
  if (!env.ok) {
    throw new Error(`cairn ${env.command} failed: ${env.error.code}: ${env.error.message}`);
  }
  return env.data;
}

function note(text: string): void {
  say(`    → ${text}`);
}

function ref(x: { id: string; title: string }): string {
  return `${x.id} "${x.title}"`;
}

async function git(dir: string, ...args: string[]): Promise<void> {
  const out = await new Deno.Command("git", { args, cwd: dir, stdout: "null", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

/** Plans the sample epic and works through it as an agent would; narration goes to `log`. */
export async function demo(
  dir: string,
  log: (line: string) => void = (line) => console.log(line),
): Promise<{ steps: number; tasksDone: number; closing: string | null }> {
  step = 0;
  print = log;
  const init = await run(dir, ["init"]);
  note(`storage ${init.storage.dir} (schema v${init.schemaVersion}, ${init.storage.mode} mode)`);

  const plan = await run(dir, sampleEpicArgs(), shownPlan());
  const c = plan.counts;
  note(
    `epic ${ref(plan.epic)}: ${c.tasks} tasks, ${c.subtasks} subtasks, ${c.criteria} criteria, ` +
      `${c.dependencies} dependencies, one transaction`,
  );
  note(plan.mappings.map((m: Data) => `${m.tempKey}=${m.id}`).join("  "));

  let tasksDone = 0;
  let closing: string | null = null;
  for (let round = 0; round <= SAMPLE_EPIC.tasks.length; round++) {
    const s = await run(dir, ["session"]);
    const r = s.readiness;
    if (!s.next) {
      note(`no next task (${r.ready} ready, ${r.waiting} waiting, ${r.blocked} blocked)`);
      break;
    }
    const n = s.next;
    note(
      `next ${ref(n.task)} (${s.nextReason}, ${n.task.priority}, unblocks ${n.unblocks}); ` +
        `readiness: ${r.ready} ready, ${r.waiting} waiting, ${r.inProgress} in progress`,
    );

    const claim = await run(dir, ["task", "claim", n.task.id]);
    note(
      claim.claimed
        ? `claimed by ${claim.currentOwner}, status ${claim.currentStatus}${
          claim.reentrant ? " (re-entrant)" : ""
        }`
        : `not claimed: ${claim.reason} (held by ${claim.currentOwner})`,
    );
    if (!claim.claimed) break;

    for (const sub of n.subtasks.filter((x: Data) => x.status !== "done")) {
      const d = await run(dir, ["subtask", "done", sub.id]);
      note(
        `subtask ${
          ref(d.subtask)
        } done; ${d.siblings.done}/${d.siblings.total} subtasks of the task done`,
      );
    }
    for (const crit of n.criteria.filter((x: Data) => !x.checked)) {
      const d = await run(dir, [
        "criteria",
        "check",
        crit.id,
        "--evidence",
        "demo: verified by the agent",
      ]);
      note(`"${d.criterion.text}" checked (${d.summary.checked}/${d.summary.total})`);
    }

    const done = await run(dir, ["task", "done", n.task.id]);
    tasksDone++;
    const p = done.epicProgress;
    const unblocked = done.unblocked.map((u: Data) => ref(u)).join(", ") || "nothing";
    note(`done; unblocked ${unblocked}; epic ${p.done}/${p.total} tasks (${p.percent}%)`);
    if (done.next) note(`cairn proposes next: ${ref(done.next.task)}`);

    const sug = await run(dir, ["suggest"]);
    const first = sug.suggestions[0];
    note(
      first
        ? `suggest: [${first.category}] ${first.command}  (${first.reason})`
        : "suggest: nothing to do",
    );
    const close = sug.suggestions.find((x: Data) => x.category === "closing");
    if (close) {
      closing = close.command;
      break;
    }
  }

  if (closing) {
    // The suggested command is plain words (ids and flags); run it as an agent would.
    const words = closing.split(/\s+/).slice(1);
    const closed = await run(dir, words);
    note(`epic ${ref(closed.epic)} is ${closed.epic.status}`);
  }
  return { steps: step, tasksDone, closing };
}

function shownPlan(): string {
  const e = SAMPLE_EPIC;
  return `epic create --title ${
    shellWord(e.title)
  } --task … ×${e.tasks.length} --subtask … ×${e.subtasks.length} ` +
    `--dep … ×${e.deps.length} --criterion … ×${e.criteria.length}`;
}

if (import.meta.main) {
  const dir = Deno.realPathSync(await Deno.makeTempDir({ prefix: "cairn-demo-" }));
  try {
    await git(dir, "init", "-q", "-b", "main");
    say(`cairn demo: scratch repository ${dir}, CAIRN_ACTOR=${ACTOR}`);
    say(
      `Plan: ${
        SAMPLE_EPIC.tasks.map((t) => t.split("|")[0]).join(", ")
      }; one agent works it through.`,
    );
    say();
    const r = await demo(dir);
    say();
    say(
      r.closing
        ? `Finished: ${r.tasksDone} tasks done in ${r.steps} cairn calls; suggest proposed: ${r.closing}`
        : `Stopped after ${r.tasksDone} tasks (${r.steps} cairn calls) without a closing suggestion.`,
    );
    if (!r.closing) Deno.exitCode = 1;
  } catch (err) {
    console.error(`demo: ${(err as Error).message}`);
    Deno.exitCode = 1;
  } finally {
    if (Deno.args.includes("--keep")) say(`(kept ${dir})`);
    else await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
