/**
 * `doctor` (SPEC §13.8): every check as ok / warn / fail, safe repairs with
 * `fix`, and `doctor_failed` (with the same data) when any check fails.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import {
  type Check,
  check,
  cycleCheck,
  danglingCheck,
  danglingEdges,
  foreignKeyCheck,
  integrityCheck,
  invariantCheck,
  pragmaCheck,
  schemaCheck,
  staleCheck,
  syncChecks,
} from "./checks.ts";
import { CairnError } from "../errors.ts";
import { deleteEdge } from "../items/insert.ts";
import { locationFacts } from "../store/location.ts";
import { ensureStorageDir } from "../store/open.ts";
import { write } from "../store/tx.ts";
import { VERSION } from "../version.ts";

/** Input of `doctor`. */
export interface DoctorInput {
  /** `integrity_check` instead of `quick_check`. */
  full?: boolean;
  /** Apply the safe repairs, then re-run the checks. */
  fix?: boolean;
  /** A configuration error met while starting (the run used the defaults). */
  configError?: CairnError | null;
}

/** One repair applied by `--fix`. */
export interface Fixed {
  check: string;
  action: string;
  count?: number;
}

// Mirrors the CLI's contract version (core cannot import the CLI).
const CONTRACT_VERSION = "1.0.0";

interface GitFacts {
  available: boolean;
  tracked: string[];
  ignored: boolean | null;
}

async function runGit(cwd: string, args: string[]): Promise<{ code: number; out: string } | null> {
  try {
    const r = await new Deno.Command("git", { args, cwd, stdout: "piped", stderr: "null" })
      .output();
    return { code: r.code, out: new TextDecoder().decode(r.stdout) };
  } catch {
    return null;
  }
}

async function gitFacts(ctx: Ctx): Promise<GitFacts | null> {
  const loc = ctx.store.location;
  if (!loc.git) return null;
  const files = await runGit(loc.dir, ["ls-files", "--", "."]);
  if (!files || files.code !== 0) return { available: false, tracked: [], ignored: null };
  const ignored = await runGit(loc.dir, ["check-ignore", "-q", "cairn.db"]);
  return {
    available: true,
    tracked: files.out.split("\n").filter(Boolean),
    ignored: ignored ? ignored.code === 0 : null,
  };
}

function gitignoreOk(dir: string): boolean {
  try {
    return Deno.readTextFileSync(`${dir}/.gitignore`) === "*\n";
  } catch {
    return false;
  }
}

function storageChecks(ctx: Ctx, git: GitFacts | null): Check[] {
  const loc = ctx.store.location;
  const tracked = !loc.git
    ? check("storage.tracked", "ok", "Skipped: not a git repository")
    : !git?.available
    ? check("storage.tracked", "ok", "Skipped: git is not available")
    : git.tracked.length === 0
    ? check("storage.tracked", "ok", "No file under .cairn/ is tracked by git")
    : check(
      "storage.tracked",
      "fail",
      `${git.tracked.length} file(s) under .cairn/ are tracked by git`,
      {
        files: git.tracked,
      },
      "git rm -r --cached .cairn",
    );
  return [
    check("storage.location", "ok", `Storage at ${loc.dir} (${loc.mode})`, locationFacts(loc)),
    gitignoreOk(loc.dir)
      ? check("storage.gitignore", "ok", ".cairn/.gitignore is in place")
      : check("storage.gitignore", "warn", ".cairn/.gitignore is missing or wrong", {
        path: `${loc.dir}/.gitignore`,
      }, "cairn doctor --fix"),
    tracked,
  ];
}

function backupCheck(dir: string): Check {
  let files: { name: string; bytes: number }[] = [];
  try {
    files = [...Deno.readDirSync(`${dir}/backups`)]
      .filter((e) => e.isFile && /^cairn-.*\.db$/.test(e.name))
      .map((e) => ({ name: e.name, bytes: Deno.statSync(`${dir}/backups/${e.name}`).size }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch { /* no backups directory */ }
  if (files.length === 0) {
    return check("backups", "warn", "No backup exists", { count: 0 }, "cairn migrate backup");
  }
  return check("backups", "ok", `${files.length} backup(s)`, {
    count: files.length,
    newest: `${dir}/backups/${files.at(-1)!.name}`,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
  });
}

function runChecks(ctx: Ctx, input: DoctorInput, git: GitFacts | null): Check[] {
  const store = ctx.store;
  const sqlite = store.get<{ v: string }>("SELECT sqlite_version() AS v")!.v;
  return [
    ...storageChecks(ctx, git),
    integrityCheck(store, !!input.full),
    foreignKeyCheck(store),
    pragmaCheck(ctx),
    schemaCheck(store),
    danglingCheck(store),
    cycleCheck(store),
    invariantCheck(store),
    staleCheck(store, ctx.now()),
    ...syncChecks(store),
    backupCheck(store.location.dir),
    input.configError
      ? check(
        "config",
        "fail",
        input.configError.message,
        input.configError.details,
        "cairn config list",
      )
      : check("config", "ok", "Configuration is valid"),
    check("runtime", "ok", `cairn ${VERSION}`, {
      version: VERSION,
      contractVersion: CONTRACT_VERSION,
      sqlite,
      runtime: `deno ${Deno.version.deno}`,
      platform: `${Deno.build.os}-${Deno.build.arch}`,
    }),
  ];
}

function staleBoardFile(dir: string): string | null {
  try {
    const { pid } = JSON.parse(Deno.readTextFileSync(`${dir}/board.json`)) as { pid?: number };
    if (Deno.build.os !== "linux" || typeof pid !== "number") return null;
    try {
      Deno.statSync(`/proc/${pid}`);
      return null;
    } catch {
      return `${dir}/board.json`;
    }
  } catch {
    return null;
  }
}

function applyFixes(ctx: Ctx): Fixed[] {
  const fixed: Fixed[] = [];
  const loc = ctx.store.location;
  if (!gitignoreOk(loc.dir)) {
    ensureStorageDir(loc);
    fixed.push({ check: "storage.gitignore", action: "rewrote .cairn/.gitignore" });
  }
  const edges = danglingEdges(ctx.store);
  if (edges.length) {
    write(ctx, (tx) => {
      for (const e of edges) deleteEdge(tx, e.s, e.d);
    });
    fixed.push({
      check: "graph.dangling_edges",
      action: "deleted dangling edges",
      count: edges.length,
    });
  }
  ctx.store.get("PRAGMA wal_checkpoint(TRUNCATE)");
  fixed.push({ check: "sqlite", action: "wal_checkpoint(TRUNCATE)" });
  ctx.store.run("PRAGMA optimize");
  fixed.push({ check: "sqlite", action: "PRAGMA optimize" });
  const board = staleBoardFile(loc.dir);
  if (board) {
    Deno.removeSync(board);
    fixed.push({ check: "board", action: "removed a stale board.json" });
  }
  return fixed;
}

/**
 * Runs every check (after the safe repairs when `fix`). Any `fail` throws
 * `doctor_failed` carrying the report as data; warnings alone succeed.
 */
export async function runDoctor(ctx: Ctx, input: DoctorInput = {}) {
  const fixed = input.fix ? applyFixes(ctx) : [];
  const git = await gitFacts(ctx);
  const checks = runChecks(ctx, input, git);
  const loc = ctx.store.location;
  const head = ctx.git();
  const data = {
    healthy: checks.every((c) => c.status === "ok"),
    checks,
    fixed,
    storage: { mode: loc.mode, root: loc.root, dir: loc.dir, database: loc.database },
    git: {
      worktree: loc.git?.worktreeRoot ?? null,
      commonDir: loc.git?.commonDir ?? null,
      branch: head.branch,
      head: head.head,
      cairnIgnored: git?.ignored ?? (loc.git ? gitignoreOk(loc.dir) : null),
    },
  };
  const failed = checks.filter((c) => c.status === "fail");
  if (failed.length) {
    throw new CairnError(
      "doctor_failed",
      `${failed.length} check${failed.length === 1 ? "" : "s"} failed: ${
        failed.map((c) => c.id).join(", ")
      }`,
      { failed: failed.map((c) => c.id) },
      data,
    );
  }
  return data;
}
