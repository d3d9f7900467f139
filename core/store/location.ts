/**
 * Where the storage directory is (SPEC §13.1): the repository's shared root,
 * a `CAIRN_DIR` override, or an existing `.cairn/` outside git.
 *
 * @module
 */
import { findGitLayout, type GitLayout } from "../git_files.ts";
import { exists } from "../probe.ts";

/** How the storage directory was found. */
export type StorageMode = "git" | "directory" | "override";

/** The resolved storage location. */
export interface StorageLocation {
  mode: StorageMode;
  /** The shared root (or the directory holding `.cairn/`). */
  root: string;
  dir: string;
  database: string;
  /** Whether the storage directory already exists. */
  exists: boolean;
  git: GitLayout | null;
}

/** A location as `init` and `doctor` report it. */
export function locationFacts(loc: StorageLocation) {
  return {
    mode: loc.mode,
    root: loc.root,
    dir: loc.dir,
    database: loc.database,
    worktree: loc.git?.worktreeRoot ?? null,
    commonDir: loc.git?.commonDir ?? null,
  };
}

function absolute(cwd: string, p: string): string {
  return p.startsWith("/") ? p : `${cwd.replace(/\/+$/, "")}/${p}`;
}

/**
 * Resolves the storage location once per invocation. Outside git with no
 * `.cairn/` found walking up, returns the current directory's `.cairn` with
 * `exists: false` (only `init` may create it).
 */
export function locateStorage(
  cwd: string,
  env: (name: string) => string | undefined,
): StorageLocation {
  const git = findGitLayout(cwd, env);
  const override = env("CAIRN_DIR");
  if (override) {
    const dir = absolute(cwd, override).replace(/\/+$/, "");
    const root = dir.slice(0, dir.lastIndexOf("/")) || "/";
    return { mode: "override", root, dir, database: `${dir}/cairn.db`, exists: exists(dir), git };
  }
  if (git) {
    const dir = `${git.sharedRoot}/.cairn`;
    return {
      mode: "git",
      root: git.sharedRoot,
      dir,
      database: `${dir}/cairn.db`,
      exists: exists(dir),
      git,
    };
  }
  let probe = cwd;
  while (true) {
    if (exists(`${probe}/.cairn`)) {
      const dir = `${probe === "/" ? "" : probe}/.cairn`;
      return {
        mode: "directory",
        root: probe,
        dir,
        database: `${dir}/cairn.db`,
        exists: true,
        git: null,
      };
    }
    const parent = probe.slice(0, probe.lastIndexOf("/")) || "/";
    if (parent === probe) break;
    probe = parent;
  }
  const dir = `${cwd.replace(/\/+$/, "")}/.cairn`;
  return {
    mode: "directory",
    root: cwd,
    dir,
    database: `${dir}/cairn.db`,
    exists: false,
    git: null,
  };
}
