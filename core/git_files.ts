/**
 * Git repository facts read from files, without spawning git (SPEC §13.1, §13.4).
 *
 * @module
 */
import { isListed, readTextIfPresent } from "./probe.ts";

/** Where the repository lives, as seen from one working directory. */
export interface GitLayout {
  /** Top level of the current worktree. */
  worktreeRoot: string;
  gitDir: string;
  commonDir: string;
  /** Directory that holds `.cairn/`. */
  sharedRoot: string;
}

/** Branch and HEAD of the current worktree. */
export interface GitHead {
  branch: string | null;
  head: string | null;
}

function join(a: string, b: string): string {
  if (b.startsWith("/")) return b;
  return `${a.replace(/\/+$/, "")}/${b}`;
}

function dirname(p: string): string {
  const i = p.replace(/\/+$/, "").lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

function realPath(path: string): string {
  try {
    return Deno.realPathSync(path);
  } catch {
    return path;
  }
}

function statKind(path: string): "file" | "dir" | null {
  if (!isListed(path)) return null;
  try {
    const st = Deno.statSync(path);
    return st.isDirectory ? "dir" : "file";
  } catch {
    return null;
  }
}

/** Reads `key = value` of one `[section]` from a git config file's text. */
export function gitConfigValue(text: string, section: string, key: string): string | null {
  let current = "";
  let found: string | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      current = line.slice(1, line.indexOf("]")).trim().toLowerCase();
      continue;
    }
    if (current !== section.toLowerCase()) continue;
    const eq = line.indexOf("=");
    if (eq === -1) continue;
    if (line.slice(0, eq).trim().toLowerCase() === key.toLowerCase()) {
      found = line.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    }
  }
  return found;
}

/** Finds the repository that contains `cwd`, or null outside git. */
export function findGitLayout(
  cwd: string,
  env: (name: string) => string | undefined,
): GitLayout | null {
  const envGitDir = env("GIT_DIR");
  if (envGitDir) {
    const gitDir = realPath(join(cwd, envGitDir));
    const worktreeRoot = realPath(
      env("GIT_WORK_TREE") ? join(cwd, env("GIT_WORK_TREE")!) : dirname(gitDir),
    );
    return layoutFrom(worktreeRoot, gitDir);
  }
  let dir = realPath(cwd);
  while (true) {
    const dotGit = `${dir}/.git`;
    const kind = statKind(dotGit);
    if (kind === "dir") return layoutFrom(dir, dotGit);
    if (kind === "file") {
      const m = /^gitdir:\s*(.+)$/m.exec(readTextIfPresent(dotGit) ?? "");
      if (m) return layoutFrom(dir, realPath(join(dir, m[1]!.trim())));
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function layoutFrom(worktreeRoot: string, gitDir: string): GitLayout {
  const common = readTextIfPresent(`${gitDir}/commondir`);
  const commonDir = common ? realPath(join(gitDir, common.trim())) : gitDir;
  let sharedRoot = worktreeRoot;
  if (commonDir.endsWith("/.git")) sharedRoot = dirname(commonDir);
  else {
    const config = readTextIfPresent(`${commonDir}/config`) ?? "";
    const coreWorktree = gitConfigValue(config, "core", "worktree");
    if (coreWorktree) sharedRoot = realPath(join(commonDir, coreWorktree));
    else if (gitConfigValue(config, "core", "bare") === "true") sharedRoot = commonDir;
  }
  return { worktreeRoot, gitDir, commonDir, sharedRoot };
}

/** Reads the branch and HEAD commit of a worktree from its files. */
export function readGitHead(layout: GitLayout): GitHead {
  const head = (readTextIfPresent(`${layout.gitDir}/HEAD`) ?? "").trim();
  if (!head.startsWith("ref:")) {
    return { branch: null, head: /^[0-9a-f]{40,64}$/.test(head) ? head : null };
  }
  const ref = head.slice(4).trim();
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : ref;
  // Resolved on first read: an event records the branch only.
  let commit: string | null | undefined;
  return {
    branch,
    get head() {
      return commit === undefined ? commit = resolveRef(layout, ref) : commit;
    },
  };
}

/** Resolves a ref from loose ref files or `packed-refs`; null when absent. */
export function resolveRef(layout: GitLayout, ref: string): string | null {
  for (const dir of [layout.gitDir, layout.commonDir]) {
    const loose = readTextIfPresent(`${dir}/${ref}`);
    if (loose) return loose.trim();
  }
  const packed = readTextIfPresent(`${layout.commonDir}/packed-refs`) ?? "";
  for (const line of packed.split("\n")) {
    const [hash, name] = line.split(" ");
    if (name === ref && hash) return hash;
  }
  return null;
}
