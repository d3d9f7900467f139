/**
 * Editor links to a skill copy (SPEC §16.2): relative links inside a
 * repository, absolute links for global installs, a copy where links fail.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import {
  applyCopy,
  type FileAction,
  fsError,
  isCairnSkillDir,
  lstatOrNull,
  planCopy,
  realPathOrNull,
  removePath,
  type SkillFile,
} from "./fs.ts";
import { canonicalFuture, relativePath } from "./paths.ts";

/** One link location, checked and ready to be written. */
export interface LinkPlan {
  editor: string;
  /** Where the link goes (`<repo>/.claude/skills/cairn`). */
  path: string;
  /** The link text: relative for local installs, absolute for global ones. */
  target: string;
  /** Canonical path of the copy the link must resolve to. */
  copy: string;
}

/** One written link, as reported in `links[]`. */
export interface LinkResult {
  editor: string;
  path: string;
  target: string;
  mode: "link" | "copy";
  action: FileAction;
}

/**
 * Plans a link at `<dir>/cairn` to `copyDir`. A directory at that path that
 * is not a cairn skill → `io_error`; nothing is touched here.
 */
export function planLink(
  editor: string,
  dir: string,
  copyDir: string,
  relative: boolean,
): LinkPlan {
  const path = `${dir}/cairn`;
  const canonDir = canonicalFuture(dir);
  const copy = canonicalFuture(copyDir);
  const canonPath = `${canonDir}/cairn`;
  if (canonPath === copy || copy.startsWith(`${canonPath}/`) || canonPath.startsWith(`${copy}/`)) {
    throw new CairnError(
      "invalid_path",
      `Cannot link "${path}": it overlaps the skill copy "${copyDir}"`,
      {
        path,
      },
    );
  }
  const info = lstatOrNull(path);
  if (info?.isDirectory && !isCairnSkillDir(path)) {
    throw new CairnError(
      "io_error",
      `Cannot replace "${path}": it is a directory that does not hold the cairn skill`,
      { path, cause: "not a cairn skill directory" },
    );
  }
  return { editor, path, target: relative ? relativePath(canonDir, copy) : copyDir, copy };
}

/** Whether `path` is a link that resolves to `copy`. */
export function linkIsCorrect(path: string, copy: string): boolean {
  return !!lstatOrNull(path)?.isSymlink && realPathOrNull(path) === copy;
}

/** Writes one planned link (keeping a correct one); falls back to a copy where links fail. */
export function applyLink(plan: LinkPlan, files: readonly SkillFile[]): LinkResult {
  const base = { editor: plan.editor, path: plan.path, target: plan.target };
  if (linkIsCorrect(plan.path, plan.copy)) return { ...base, mode: "link", action: "unchanged" };
  const existed = lstatOrNull(plan.path) !== null;
  removePath(plan.path);
  const parent = plan.path.slice(0, plan.path.lastIndexOf("/"));
  try {
    Deno.mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw fsError(err, parent);
  }
  try {
    Deno.symlinkSync(plan.target, plan.path);
    return { ...base, mode: "link", action: existed ? "updated" : "created" };
  } catch {
    // No symbolic links here (e.g. Windows without the privilege): copy instead.
    applyCopy(planCopy(plan.path, files));
    return { ...base, mode: "copy", action: existed ? "updated" : "created" };
  }
}
