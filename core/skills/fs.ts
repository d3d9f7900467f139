/**
 * File-system steps of skill installs: compare a bundle with a directory,
 * write it atomically, inspect link locations. Deno APIs only.
 *
 * @module
 */
import { CairnError } from "../errors.ts";

/** One bundled skill file (`SKILL.md`, `reference/planning.md`). */
export interface SkillFile {
  path: string;
  content: string;
}

/** What happened (or would happen) to one file or directory. */
export type FileAction = "created" | "updated" | "unchanged";

/** The changes that bring one directory up to date with the bundle. */
export interface CopyPlan {
  dir: string;
  existed: boolean;
  files: { path: string; action: FileAction; content: string }[];
  /** Files in the directory that are not in the bundle. */
  removals: string[];
}

/** Maps a file-system failure to `permission_denied` or `io_error`. */
export function fsError(err: unknown, path: string): CairnError {
  if (err instanceof CairnError) return err;
  const cause = err instanceof Error ? err.message : String(err);
  if (err instanceof Deno.errors.PermissionDenied) {
    return new CairnError("permission_denied", `Permission denied: "${path}"`, { path });
  }
  return new CairnError("io_error", `Cannot write "${path}": ${cause}`, { path, cause });
}

/** `lstat` that answers null for a missing path. */
export function lstatOrNull(path: string): Deno.FileInfo | null {
  try {
    return Deno.lstatSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw fsError(err, path);
  }
}

function readBytes(path: string): Uint8Array | null {
  try {
    return Deno.readFileSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.IsADirectory) return null;
    throw fsError(err, path);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return out;
    throw fsError(err, dir);
  }
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...listFiles(`${dir}/${e.name}`, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Compares the bundle with `dir` byte for byte; writes nothing. */
export function planCopy(dir: string, files: readonly SkillFile[]): CopyPlan {
  const info = lstatOrNull(dir);
  const existed = info !== null && info.isDirectory;
  const encoder = new TextEncoder();
  const planned = files.map((f) => {
    const current = existed ? readBytes(`${dir}/${f.path}`) : null;
    const action: FileAction = current === null
      ? "created"
      : sameBytes(current, encoder.encode(f.content))
      ? "unchanged"
      : "updated";
    return { path: f.path, action, content: f.content };
  });
  const bundled = new Set(files.map((f) => f.path));
  const removals = existed ? listFiles(dir).filter((p) => !bundled.has(p)) : [];
  return { dir, existed, files: planned, removals };
}

/** The overall action of a plan. */
export function planAction(plan: CopyPlan): FileAction {
  if (!plan.existed) return "created";
  const changed = plan.removals.length > 0 || plan.files.some((f) => f.action !== "unchanged");
  return changed ? "updated" : "unchanged";
}

/** Writes a plan: changed files through a temporary file and rename, extra files removed. */
export function applyCopy(plan: CopyPlan): void {
  for (const f of plan.files) {
    if (f.action === "unchanged") continue;
    const target = `${plan.dir}/${f.path}`;
    const parent = target.slice(0, target.lastIndexOf("/"));
    const tmp = `${parent}/.${target.slice(parent.length + 1)}.tmp-${
      crypto.randomUUID().slice(0, 8)
    }`;
    try {
      Deno.mkdirSync(parent, { recursive: true });
      Deno.writeTextFileSync(tmp, f.content);
      Deno.renameSync(tmp, target);
    } catch (err) {
      try {
        Deno.removeSync(tmp);
      } catch { /* the temporary file was never written */ }
      throw fsError(err, target);
    }
  }
  for (const rel of plan.removals) {
    const path = `${plan.dir}/${rel}`;
    try {
      Deno.removeSync(path);
      pruneEmptyParents(plan.dir, path);
    } catch (err) {
      throw fsError(err, path);
    }
  }
}

function pruneEmptyParents(root: string, path: string): void {
  let dir = path.slice(0, path.lastIndexOf("/"));
  while (dir.length > root.length && dir.startsWith(`${root}/`)) {
    if ([...Deno.readDirSync(dir)].length > 0) return;
    Deno.removeSync(dir);
    dir = dir.slice(0, dir.lastIndexOf("/"));
  }
}

/** Whether `path` is a real directory holding a `SKILL.md` whose front matter says `name: cairn`. */
export function isCairnSkillDir(path: string): boolean {
  const info = lstatOrNull(path);
  if (!info?.isDirectory) return false;
  let text: string;
  try {
    text = Deno.readTextFileSync(`${path}/SKILL.md`);
  } catch {
    return false;
  }
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return !!m && /^name:\s*["']?cairn["']?\s*$/m.test(m[1]!);
}

/** Removes whatever is at `path` (file, link or directory). */
export function removePath(path: string): void {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw fsError(err, path);
  }
}

/** `realPath` that answers null for a missing or broken path. */
export function realPathOrNull(path: string): string | null {
  try {
    return Deno.realPathSync(path);
  } catch {
    return null;
  }
}
