/**
 * Git plumbing for sync (SPEC §14.4–14.6), through `Deno.Command`. Only
 * objects and refs under `refs/cairn/` are ever written: never the working
 * tree, the index, HEAD or a branch.
 *
 * @module
 */
import { CairnError } from "../errors.ts";

/** Where git runs. */
export interface GitRepo {
  /** A directory inside the repository (the worktree root). */
  cwd: string;
}

/** What one git process answered. */
export interface GitOutput {
  code: number;
  stdout: Uint8Array;
  stderr: string;
}

const decoder = new TextDecoder();

/** Runs git; spawn failures are `git_unavailable`. Exit codes are the caller's business. */
export async function runGit(
  repo: GitRepo,
  args: string[],
  o: { stdin?: string | Uint8Array; env?: Record<string, string> } = {},
): Promise<GitOutput> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("git", {
      args,
      cwd: repo.cwd,
      stdin: o.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
      env: { GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...o.env },
    }).spawn();
  } catch (err) {
    throw new CairnError("git_unavailable", "No usable git executable was found", {
      cause: (err as Error).message,
    });
  }
  if (o.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(typeof o.stdin === "string" ? new TextEncoder().encode(o.stdin) : o.stdin);
    await w.close();
  }
  const out = await child.output();
  return { code: out.code, stdout: out.stdout, stderr: decoder.decode(out.stderr) };
}

/** Runs git and returns trimmed stdout; a non-zero exit is `internal_error`. */
export async function git(
  repo: GitRepo,
  args: string[],
  o: Parameters<typeof runGit>[2] = {},
): Promise<string> {
  const out = await runGit(repo, args, o);
  if (out.code !== 0) {
    throw new CairnError("internal_error", `git ${args[0]} failed: ${lastLines(out.stderr)}`, {
      cause: lastLines(out.stderr),
    });
  }
  return decoder.decode(out.stdout).trim();
}

/** The last 20 lines of git's stderr with credentials in URLs redacted. */
export function lastLines(stderr: string): string {
  return stderr.replace(/(\w+:\/\/)[^/@\s]+@/g, "$1***@").trimEnd().split("\n").slice(-20).join(
    "\n",
  );
}

/** The commit a ref points to, or null. */
export async function revParse(repo: GitRepo, ref: string): Promise<string | null> {
  const out = await runGit(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return out.code === 0 ? decoder.decode(out.stdout).trim() : null;
}

/** Names of the configured remotes. */
export async function listRemotes(repo: GitRepo): Promise<string[]> {
  const text = await git(repo, ["remote"]);
  return text ? text.split("\n").map((s) => s.trim()).filter(Boolean) : [];
}

/** One blob of a tree. */
export interface TreeBlob {
  path: string;
  blob: string;
}

/** Every blob of a commit's tree (recursive), or [] for null. */
export async function lsTree(repo: GitRepo, commit: string | null): Promise<TreeBlob[]> {
  if (!commit) return [];
  const text = await git(repo, ["ls-tree", "-r", "-z", commit]);
  const out: TreeBlob[] = [];
  for (const entry of text.split("\0")) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(entry);
    if (m) out.push({ path: m[2]!, blob: m[1]! });
  }
  return out;
}

/** Contents of blobs, read with one `cat-file --batch`. Missing objects are absent from the map. */
export async function readBlobs(
  repo: GitRepo,
  blobs: Iterable<string>,
): Promise<Map<string, Uint8Array>> {
  const ids = [...new Set(blobs)];
  const found = new Map<string, Uint8Array>();
  if (ids.length === 0) return found;
  const out = await runGit(repo, ["cat-file", "--batch"], { stdin: ids.join("\n") + "\n" });
  const buf = out.stdout;
  let pos = 0;
  for (const id of ids) {
    const nl = buf.indexOf(10, pos);
    if (nl === -1) break;
    const header = decoder.decode(buf.subarray(pos, nl));
    pos = nl + 1;
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<id> missing"
    const size = Number(m[3]);
    found.set(id, buf.slice(pos, pos + size));
    pos += size + 1;
  }
  return found;
}

/** Writes a blob; returns its id. */
export function writeBlob(repo: GitRepo, data: Uint8Array | string): Promise<string> {
  return git(repo, ["hash-object", "-w", "--stdin"], { stdin: data });
}

/** Writes one tree level from `name → {mode, type, id}` entries; returns its id. */
export function writeTreeLevel(
  repo: GitRepo,
  entries: { name: string; mode: string; type: "blob" | "tree"; id: string }[],
): Promise<string> {
  const lines = entries.map((e) => `${e.mode} ${e.type} ${e.id}\t${e.name}`).join("\n");
  return git(repo, ["mktree"], { stdin: lines ? lines + "\n" : "" });
}

/**
 * Writes a commit. Author and committer come from git's configuration, or
 * `cairn <cairn@localhost>` when it has no identity.
 */
export async function commitTree(
  repo: GitRepo,
  tree: string,
  parents: string[],
  message: string,
): Promise<string> {
  const args = ["commit-tree", tree, ...parents.flatMap((p) => ["-p", p]), "-m", message];
  const first = await runGit(repo, args);
  if (first.code === 0) return decoder.decode(first.stdout).trim();
  const fallback = {
    GIT_AUTHOR_NAME: "cairn",
    GIT_AUTHOR_EMAIL: "cairn@localhost",
    GIT_COMMITTER_NAME: "cairn",
    GIT_COMMITTER_EMAIL: "cairn@localhost",
  };
  return git(repo, args, { env: fallback });
}

/** Moves a ref from `old` (null: must not exist) to `next`; false when `old` no longer holds. */
export async function updateRef(
  repo: GitRepo,
  ref: string,
  next: string,
  old: string | null,
): Promise<boolean> {
  const out = await runGit(repo, ["update-ref", "-m", "cairn sync", ref, next, old ?? ""]);
  return out.code === 0;
}

/** Deletes a ref if it exists. */
export async function deleteRef(repo: GitRepo, ref: string): Promise<void> {
  await runGit(repo, ["update-ref", "-d", ref]);
}

/** Whether `a` is an ancestor of (or equal to) `b`. */
export async function isAncestor(repo: GitRepo, a: string, b: string): Promise<boolean> {
  return (await runGit(repo, ["merge-base", "--is-ancestor", a, b])).code === 0;
}

function transport(remote: string, stderr: string): CairnError {
  return new CairnError("sync_transport_failed", `git could not reach remote "${remote}"`, {
    remote,
    stderr: lastLines(stderr),
  });
}

/**
 * Fetches the remote's sync ref into `refs/cairn/remotes/<remote>/events`;
 * returns the fetched commit, or null when the remote has no sync ref yet.
 */
export async function fetchRef(
  repo: GitRepo,
  remote: string,
  ref: string,
  tracking: string,
): Promise<string | null> {
  const out = await runGit(repo, [
    "fetch",
    "--quiet",
    "--no-tags",
    "--no-write-fetch-head",
    "--no-recurse-submodules",
    remote,
    `+${ref}:${tracking}`,
  ]);
  if (out.code !== 0) {
    if (/couldn't find remote ref/i.test(out.stderr)) {
      await deleteRef(repo, tracking);
      return null;
    }
    throw transport(remote, out.stderr);
  }
  return revParse(repo, tracking);
}

/** Pushes a ref without force; "rejected" when the remote moved on. */
export async function pushRef(
  repo: GitRepo,
  remote: string,
  ref: string,
): Promise<"ok" | "rejected"> {
  const out = await runGit(repo, ["push", "--porcelain", "--no-verify", remote, `${ref}:${ref}`]);
  if (out.code === 0) return "ok";
  const text = decoder.decode(out.stdout) + out.stderr;
  if (/\[rejected\]|non-fast-forward|fetch first|\(stale info\)/i.test(text)) return "rejected";
  throw transport(remote, out.stderr || decoder.decode(out.stdout));
}
