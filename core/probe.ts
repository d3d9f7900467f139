/**
 * Probes of files that may be missing. A missing file costs a thrown
 * `NotFound` (a stack capture, about 0.2 ms at start-up); listing its
 * directory answers "is it there" for a fraction of that, which counts where
 * a one-shot command probes several such files (git's `commondir`,
 * `packed-refs`, `config.worktree`, `.cairn/config.toml`).
 *
 * @module
 */

/** Whether anything (a file, a directory) is at `path`. Never throws. */
export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Size in bytes of the file at `path`, 0 when it is missing. Never throws. */
export function fileSize(path: string): number {
  try {
    return Deno.statSync(path).size;
  } catch {
    return 0;
  }
}

/** Whether `path` names an entry of its directory. Never throws. */
export function isListed(path: string): boolean {
  const slash = path.lastIndexOf("/");
  const dir = slash === 0 ? "/" : slash > 0 ? path.slice(0, slash) : ".";
  const name = path.slice(slash + 1);
  try {
    for (const entry of Deno.readDirSync(dir)) if (entry.name === name) return true;
  } catch {
    // An unreadable or missing directory holds nothing we can read.
  }
  return false;
}

/** The text of `path`, or null when it is missing or cannot be read. */
export function readTextIfPresent(path: string): string | null {
  if (!isListed(path)) return null;
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return null;
  }
}
