/**
 * Test helpers: real temp git repositories and the program spawned as a process.
 */
import { DatabaseSync } from "node:sqlite";

/** Absolute path of main.ts. */
export const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** A temporary git repository. */
export interface Repo {
  dir: string;
  /** The database path (after the first command created it). */
  db: string;
}

/** Runs git in a directory; throws on failure. */
export async function git(dir: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", { args, cwd: dir, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout).trim();
}

/** A fresh git repository in a temp directory (with one commit). */
export async function tempRepo(): Promise<Repo> {
  const dir = Deno.realPathSync(await Deno.makeTempDir({ prefix: "cairn-test-" }));
  await git(dir, "init", "-q", "-b", "main");
  await git(dir, "config", "user.email", "tester@example.com");
  await git(dir, "config", "user.name", "Tester");
  await git(dir, "commit", "-q", "--allow-empty", "-m", "init");
  return { dir, db: `${dir}/.cairn/cairn.db` };
}

/** Parsed JSON of an envelope (shapes vary per command). */
// deno-lint-ignore no-explicit-any
export type Json = any;

/** What one spawned run answered. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Json;
}

/** Options of one run. */
export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string;
}

/** Spawns `deno run -A main.ts <args>` and parses the JSON envelope (when there is one). */
export async function cairn(repo: Repo | string, args: string[], o: RunOptions = {}): Promise<Run> {
  const cwd = o.cwd ?? (typeof repo === "string" ? repo : repo.dir);
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd,
    stdin: o.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { CAIRN_ACTOR: "tester", NO_COLOR: "1", ...o.env },
  });
  const child = cmd.spawn();
  if (o.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(o.stdin));
    await w.close();
  }
  const out = await child.output();
  const stdout = new TextDecoder().decode(out.stdout);
  let json = null;
  try {
    json = JSON.parse(stdout);
  } catch { /* not JSON */ }
  return { code: out.code, stdout, stderr: new TextDecoder().decode(out.stderr), json };
}

/** Runs and asserts success; returns `data`. */
export async function ok(repo: Repo | string, args: string[], o: RunOptions = {}): Promise<Json> {
  const r = await cairn(repo, ["--json", ...args], o);
  if (r.code !== 0 || !r.json?.ok) {
    throw new Error(`cairn ${args.join(" ")} failed (${r.code}): ${r.stdout}${r.stderr}`);
  }
  return r.json.data;
}

/** Runs and asserts a failure with the given code; returns the envelope. */
export async function fails(
  repo: Repo | string,
  args: string[],
  code: string,
  o: RunOptions = {},
): Promise<Json> {
  const r = await cairn(repo, ["--json", ...args], o);
  if (r.json?.ok !== false || r.json.error.code !== code) {
    throw new Error(
      `expected ${code} from cairn ${args.join(" ")}, got (${r.code}): ${r.stdout}${r.stderr}`,
    );
  }
  return { ...r.json, exitCode: r.code };
}

/** A full dump of every table, for "bad input writes nothing" comparisons. */
export function dumpDb(path: string): string {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    return JSON.stringify(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]),
    );
  } finally {
    db.close();
  }
}

/** Size of a file in bytes; 0 when it does not exist (a WAL that was checkpointed away). */
export { fileSize } from "../../core/probe.ts";

/** Opens the database read-only for assertions. */
export function openDb(path: string): DatabaseSync {
  return new DatabaseSync(path, { readOnly: true });
}

/** The keys of an event record, in order (SPEC §14.1). */
export const EVENT_KEYS = [
  "id",
  "seq",
  "itemId",
  "itemKind",
  "op",
  "changes",
  "actor",
  "at",
  "lamport",
  "replica",
  "branch",
  "worktree",
  "source",
  "command",
  "cause",
  "resolves",
  "flags",
];
