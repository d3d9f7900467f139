/**
 * Shared pieces of the benchmark scenarios: spawning the real program,
 * timing, medians, scratch repositories, machine facts and markdown output.
 *
 * A scenario module exports `run(options): Promise<Section>`; bench/mod.ts
 * collects the sections into bench/RESULTS.md. Benchmarks print numbers and
 * never assert times.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";

/** Repository root. */
export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
/** The program's entry point. */
export const MAIN = `${ROOT}/main.ts`;
/** A script with no code: the baseline cost of `deno run`. */
export const EMPTY = `${ROOT}/bench/empty.ts`;

/** Options every scenario accepts. */
export interface BenchOptions {
  /** Runs per measured command (medians are taken over these). */
  runs: number;
  /** Smaller data sets, for a quick look. */
  quick: boolean;
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

/** One table of results. */
export interface Section {
  title: string;
  /** Sentences printed under the title (method, data set). */
  notes: string[];
  headers: string[];
  rows: (string | number)[][];
}

/** What one spawned process did. */
export interface Timed {
  ms: number;
  /** CPU time (user + system) of the process, 10 ms resolution; null when unknown or overlapping. */
  cpu: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * CPU time of this process's reaped children, in ms (Linux `/proc/self/stat`
 * cutime + cstime, in 10 ms ticks); null elsewhere. Averaged over many runs it
 * is steadier than wall time on a busy machine.
 */
export function childrenCpuMs(): number | null {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/**
 * Peak resident memory of one run of `cmd`, in MiB, from GNU time
 * (`/usr/bin/time -f %M`); null where that is missing (macOS, minimal images).
 */
export async function peakRssMib(
  cmd: string[],
  o: { cwd?: string; env?: Record<string, string> } = {},
): Promise<number | null> {
  if (Deno.build.os !== "linux") return null;
  try {
    const out = await new Deno.Command("/usr/bin/time", {
      args: ["-f", "%M", ...cmd],
      cwd: o.cwd,
      env: { NO_COLOR: "1", ...o.env },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    const kib = Number(new TextDecoder().decode(out.stderr).trim().split("\n").pop());
    return out.success && Number.isFinite(kib) && kib > 0 ? kib / 1024 : null;
  } catch {
    return null;
  }
}

let running = 0;
let started = 0;

/** Spawns a command and measures its wall time from spawn to exit. */
export async function timed(
  cmd: string[],
  o: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Timed> {
  const cpu0 = running === 0 ? childrenCpuMs() : null;
  const ticket = ++started;
  running++;
  const t0 = performance.now();
  const out = await new Deno.Command(cmd[0]!, {
    args: cmd.slice(1),
    cwd: o.cwd,
    env: { NO_COLOR: "1", ...o.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ms = performance.now() - t0;
  running--;
  // Only a process that ran alone is measured: the counters cover every reaped child.
  const alone = running === 0 && started === ticket;
  const cpu1 = alone && cpu0 !== null ? childrenCpuMs() : null;
  const cpu = cpu1 !== null && cpu0 !== null ? cpu1 - cpu0 : null;
  const dec = new TextDecoder();
  return {
    ms,
    cpu,
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}

/** The command line of one cairn call (JSON output). */
export function cairnCmd(args: string[], entry = MAIN): string[] {
  return [Deno.execPath(), "run", "-A", entry, "--json", ...args];
}

/** Environment of benchmark runs. */
export const ENV = { CAIRN_ACTOR: "bench" };

/** A parsed envelope's `data` (shapes are SPEC §9's). */
// deno-lint-ignore no-explicit-any
export type Data = any;

/** Runs cairn and returns `data`; throws with the envelope on failure. */
export async function cairn(
  dir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Data> {
  const r = await timed(cairnCmd(args), { cwd: dir, env: { ...ENV, ...env } });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw new Error(
      `cairn ${args.slice(0, 3).join(" ")} printed no envelope (${r.code}): ${
        r.stderr.slice(0, 500)
      }`,
    );
  }
  if (!json.ok) {
    throw new Error(`cairn ${args.slice(0, 3).join(" ")} failed: ${JSON.stringify(json.error)}`);
  }
  return json.data;
}

/** A scratch git repository with one commit. */
export async function scratchRepo(prefix = "cairn-bench-"): Promise<string> {
  const dir = Deno.realPathSync(await Deno.makeTempDir({ prefix }));
  const git = async (...args: string[]) => {
    const out = await new Deno.Command("git", { args, cwd: dir, stdout: "null", stderr: "piped" })
      .output();
    if (!out.success) {
      throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
    }
  };
  await git("init", "-q", "-b", "main");
  await git(
    "-c",
    "user.email=bench@example.com",
    "-c",
    "user.name=bench",
    "commit",
    "-q",
    "--allow-empty",
    "-m",
    "init",
  );
  return dir;
}

/** Mean of a list of numbers (NaN when empty). */
export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Percentile (nearest rank). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** `12.3` for milliseconds. */
export function ms(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : "n/a";
}

/** The leaf command paths the program has today (scenarios skip what is missing). */
export async function availableCommands(): Promise<Set<string>> {
  const { COMMANDS } = await import("../cli/table.ts");
  return new Set(COMMANDS.map((c) => c.path));
}

/** Facts about the machine the figures come from. */
export function machine(): Record<string, string> {
  let cpu = "unknown";
  try {
    const info = Deno.readTextFileSync("/proc/cpuinfo");
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpu;
  } catch { /* not Linux */ }
  let sqlite = "unknown";
  try {
    const db = new DatabaseSync(":memory:");
    sqlite = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
    db.close();
  } catch { /* reported as unknown */ }
  let mem = "unknown";
  try {
    mem = `${Math.round(Deno.systemMemoryInfo().total / 2 ** 30)} GiB`;
  } catch { /* no permission */ }
  return {
    cpu,
    cores: String(navigator.hardwareConcurrency),
    memory: mem,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    sqlite,
  };
}

/** A section as markdown. */
export function renderSection(s: Section): string {
  const lines = [`## ${s.title}`, ""];
  for (const n of s.notes) lines.push(n);
  if (s.notes.length) lines.push("");
  lines.push(
    `| ${s.headers.join(" | ")} |`,
    `|${s.headers.map((_, i) => (i ? " ---: " : " --- ")).join("|")}|`,
  );
  for (const r of s.rows) lines.push(`| ${r.join(" | ")} |`);
  return lines.join("\n") + "\n";
}

/** Deterministic pseudo-random numbers (mulberry32), so data sets repeat. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
