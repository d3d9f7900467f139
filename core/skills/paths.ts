/**
 * Where skills go (SPEC §16.2): the repository root, the copies, and each
 * editor's project and global link locations.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import { locateStorage } from "../store/location.ts";

/** Editors whose skills folder can link to the cairn skill. */
export const EDITORS = ["claude", "codex", "opencode", "pi", "cursor"] as const;

/** One supported editor. */
export type Editor = typeof EDITORS[number];

const PROJECT_DIRS: Record<Editor, string> = {
  claude: ".claude/skills",
  codex: ".codex/skills",
  opencode: ".opencode/skills",
  pi: ".pi/skills",
  cursor: ".cursor/skills",
};

const GLOBAL_DIRS: Record<Editor, string> = {
  claude: ".claude/skills",
  codex: ".codex/skills",
  opencode: ".config/opencode/skills",
  pi: ".pi/skills",
  cursor: ".cursor/skills",
};

/** Where the copy lives, relative to the repository root or the home directory. */
export const COPY_DIR = ".agents/skills/cairn";

/** The editor's folder holding the `cairn` link, for one scope. */
export function editorDir(editor: Editor, scope: "local" | "global"): string {
  return scope === "local" ? PROJECT_DIRS[editor] : GLOBAL_DIRS[editor];
}

/** `all` expands to every editor; duplicates are dropped, order kept. */
export function expandEditors(names: readonly string[]): Editor[] {
  const out: Editor[] = [];
  for (const n of names) {
    for (const e of n === "all" ? EDITORS : [n as Editor]) if (!out.includes(e)) out.push(e);
  }
  return out;
}

/**
 * The repository root for local installs: the top level of the current git
 * worktree; outside git the storage root when storage exists, else `cwd`.
 */
export function repoRoot(cwd: string, env: (name: string) => string | undefined): string {
  const loc = locateStorage(cwd, env);
  if (loc.git) return loc.git.worktreeRoot;
  return loc.exists ? loc.root : cwd;
}

/** The home directory, or `invalid_path` when `HOME` is not set. */
export function homeDir(env: (name: string) => string | undefined): string {
  const home = env("HOME") ?? env("USERPROFILE");
  if (!home) throw new CairnError("invalid_path", "HOME is not set", { path: "~" });
  return home.replace(/\/+$/, "") || "/";
}

/** Joins `p` to `base` unless it is absolute; removes `.` and `..` segments. */
export function resolvePath(base: string, p: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith("/") ? p : `${base}/${p}`).split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
}

/**
 * The canonical form `path` will have once its missing directories are
 * created: the real path of the nearest existing ancestor plus the rest.
 */
export function canonicalFuture(path: string): string {
  const missing: string[] = [];
  let probe = path;
  while (true) {
    try {
      const real = Deno.realPathSync(probe);
      return missing.length ? `${real === "/" ? "" : real}/${missing.reverse().join("/")}` : real;
    } catch {
      const i = probe.lastIndexOf("/");
      if (i <= 0) return path;
      missing.push(probe.slice(i + 1));
      probe = probe.slice(0, i);
    }
  }
}

/** Whether `path` is `root` or inside it (both canonical). */
export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root === "/" ? "/" : `${root}/`);
}

/** The relative path from directory `from` to `to` (both absolute). */
export function relativePath(from: string, to: string): string {
  const a = from.split("/").filter(Boolean);
  const b = to.split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => "..");
  return [...up, ...b.slice(i)].join("/") || ".";
}
