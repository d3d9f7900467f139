/**
 * `skills install` (SPEC §16.2): copy the bundled skill into the repository
 * (or the home directory) and link it into editors' skills folders.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import { applyCopy, type FileAction, planAction, planCopy, type SkillFile } from "./fs.ts";
import { applyLink, type LinkResult, planLink } from "./links.ts";
import {
  canonicalFuture,
  COPY_DIR,
  editorDir,
  expandEditors,
  homeDir,
  isInside,
  repoRoot,
  resolvePath,
} from "./paths.ts";

/** Input of {@link installSkills}. */
export interface InstallInput {
  /** The bundle to write. */
  files: readonly SkillFile[];
  cwd: string;
  env: (name: string) => string | undefined;
  /** Install under the home directory instead of the repository. */
  global?: boolean;
  /** Editors to link (`all` = every editor); empty = no links. */
  editors?: readonly string[];
  /** Folder for the `cairn` link instead of the editor's (relative to the repo root). */
  to?: string;
  allowOutsideRepo?: boolean;
}

/** Data of `skills install`. */
export interface InstallResult {
  scope: "local" | "global";
  path: string;
  action: FileAction;
  files: { path: string; action: FileAction }[];
  links: LinkResult[];
  warnings: never[];
}

/**
 * Installs the skill: every link location is checked first (`outside_repo`,
 * a foreign directory → `io_error`), then the copy is brought up to date file
 * by file and the links are written.
 *
 * @example
 * ```ts
 * installSkills({ files, cwd: "/repo", env: Deno.env.get, editors: ["claude"] });
 * ```
 */
export function installSkills(input: InstallInput): InstallResult {
  const scope = input.global ? "global" : "local";
  const base = input.global ? homeDir(input.env) : repoRoot(input.cwd, input.env);
  const copyDir = `${base}/${COPY_DIR}`;
  const links = expandEditors(input.editors ?? []).map((editor) => {
    const dir = input.to !== undefined && scope === "local"
      ? resolvePath(base, input.to)
      : `${base}/${editorDir(editor, scope)}`;
    if (scope === "local" && !input.allowOutsideRepo) checkInside(`${dir}/cairn`, dir, base);
    return planLink(editor, dir, copyDir, scope === "local");
  });
  const plan = planCopy(copyDir, input.files);
  applyCopy(plan);
  return {
    scope,
    path: copyDir,
    action: planAction(plan),
    files: plan.files.map((f) => ({ path: f.path, action: f.action })),
    // Editors sharing one location (`--to`): the first writes it, the rest find it correct.
    links: links.map((link) => applyLink(link, input.files)),
    warnings: [],
  };
}

function checkInside(path: string, dir: string, root: string): void {
  if (isInside(`${canonicalFuture(dir)}/cairn`, canonicalFuture(root))) return;
  throw new CairnError(
    "outside_repo",
    `Cannot link "${path}": it is outside the repository "${root}"`,
    {
      path,
      repoRoot: root,
      flag: "--allow-outside-repo",
    },
  );
}
