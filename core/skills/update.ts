/**
 * `skills update` (SPEC §16.3): refresh every installed copy of the skill and
 * repair editor links; never installs anything new.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import {
  applyCopy,
  type FileAction,
  isCairnSkillDir,
  lstatOrNull,
  planAction,
  planCopy,
  realPathOrNull,
  type SkillFile,
} from "./fs.ts";
import { applyLink, linkIsCorrect, planLink } from "./links.ts";
import { canonicalFuture, COPY_DIR, editorDir, EDITORS, homeDir, repoRoot } from "./paths.ts";

/** Input of {@link updateSkills}. */
export interface UpdateInput {
  files: readonly SkillFile[];
  cwd: string;
  env: (name: string) => string | undefined;
  /** Report what would change without writing. */
  dryRun?: boolean;
}

/** One installed copy or link found by `skills update`. */
export interface UpdateEntry {
  path: string;
  scope: "local" | "global";
  kind: "copy" | "link";
  status: "updated" | "unchanged" | "repaired" | "broken";
  files: { path: string; action: FileAction }[];
  /** Present when this entry could not be brought up to date. */
  error?: { code: string; message: string };
}

/** Data of `skills update`. */
export interface UpdateResult {
  entries: UpdateEntry[];
  dryRun: boolean;
}

interface Scope {
  scope: "local" | "global";
  base: string;
  copyDir: string;
  /** Canonical path of the copy, or null when there is none. */
  copy: string | null;
}

/**
 * Updates every copy (`<repo>/.agents/skills/cairn`, `~/.agents/skills/cairn`,
 * and editor folders holding a real cairn skill directory) file by file, and
 * re-points editor links that are broken or point elsewhere. Any failed entry
 * → `io_error` with the same data.
 */
export function updateSkills(input: UpdateInput): UpdateResult {
  const dryRun = !!input.dryRun;
  const scopes: Scope[] = [scopeOf("local", repoRoot(input.cwd, input.env))];
  const home = homeOrNull(input.env);
  if (home !== null) scopes.push(scopeOf("global", home));
  const entries: UpdateEntry[] = [];
  const seen = new Set<string>();
  const visit = (key: string, meta: Meta, entry: () => UpdateEntry) => {
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(guard(meta, entry));
  };
  for (const s of scopes) {
    const meta: Meta = { path: s.copyDir, scope: s.scope, kind: "copy" };
    if (s.copy !== null) {
      visit(s.copy, meta, () => updateCopy(s.copyDir, s.scope, input.files, dryRun));
    }
  }
  for (const s of scopes) {
    for (const editor of EDITORS) {
      const dir = `${s.base}/${editorDir(editor, s.scope)}`;
      const path = `${dir}/cairn`;
      const info = lstatOrNull(path);
      if (!info) continue;
      const key = `${canonicalFuture(dir)}/cairn`;
      if (info.isSymlink) {
        visit(
          key,
          { path, scope: s.scope, kind: "link" },
          () => updateLink(editor, dir, s, input.files, dryRun),
        );
      } else if (isCairnSkillDir(path)) {
        visit(
          key,
          { path, scope: s.scope, kind: "copy" },
          () => updateCopy(path, s.scope, input.files, dryRun),
        );
      }
    }
  }
  const failed = entries.filter((e) => e.error);
  if (failed.length > 0) {
    throw new CairnError(
      "io_error",
      `${failed.length} of ${entries.length} skill installs could not be updated`,
      { path: failed[0]!.path, cause: failed[0]!.error!.message },
      { entries, dryRun },
    );
  }
  return { entries, dryRun };
}

function scopeOf(scope: "local" | "global", base: string): Scope {
  const copyDir = `${base}/${COPY_DIR}`;
  const isDir = !!realPathOrNull(copyDir) && Deno.statSync(copyDir).isDirectory;
  return { scope, base, copyDir, copy: isDir ? realPathOrNull(copyDir) : null };
}

function homeOrNull(env: (name: string) => string | undefined): string | null {
  try {
    return homeDir(env);
  } catch {
    return null;
  }
}

type Meta = Pick<UpdateEntry, "path" | "scope" | "kind">;

/** Runs one entry; a failure is reported on the entry (`broken` + `error`), not thrown. */
function guard(meta: Meta, entry: () => UpdateEntry): UpdateEntry {
  try {
    return entry();
  } catch (err) {
    const e = err instanceof CairnError ? err : new CairnError("io_error", String(err));
    return { ...meta, status: "broken", files: [], error: { code: e.code, message: e.message } };
  }
}

function updateCopy(
  dir: string,
  scope: Scope["scope"],
  files: readonly SkillFile[],
  dryRun: boolean,
): UpdateEntry {
  const entry = (plan: ReturnType<typeof planCopy>): UpdateEntry => ({
    path: dir,
    scope,
    kind: "copy",
    status: planAction(plan) === "unchanged" ? "unchanged" : "updated",
    files: plan.files.map((f) => ({ path: f.path, action: f.action })),
  });
  const plan = planCopy(dir, files);
  try {
    if (!dryRun) applyCopy(plan);
  } catch (err) {
    const e = err as CairnError;
    return { ...entry(plan), error: { code: e.code, message: e.message } };
  }
  return entry(plan);
}

function updateLink(
  editor: string,
  dir: string,
  s: Scope,
  files: readonly SkillFile[],
  dryRun: boolean,
): UpdateEntry {
  const path = `${dir}/cairn`;
  const base = { path, scope: s.scope, kind: "link" as const, files: [] };
  if (s.copy !== null && linkIsCorrect(path, s.copy)) return { ...base, status: "unchanged" };
  if (s.copy === null) {
    // No copy of this scope to point to: a link that still reaches a cairn skill is left alone.
    const resolved = realPathOrNull(path);
    return { ...base, status: resolved && isCairnSkillDir(resolved) ? "unchanged" : "broken" };
  }
  if (!dryRun) applyLink(planLink(editor, dir, s.copyDir, s.scope === "local"), files);
  return { ...base, status: "repaired" };
}
