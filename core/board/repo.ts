/**
 * Repository facts for the board header: name, branch and worktree, read
 * from git's files on every snapshot (the branch may change while the board
 * runs).
 *
 * @module
 */
import { readGitHead } from "../git_files.ts";
import type { StorageLocation } from "../store/location.ts";
import type { RepoInfo } from "./types.ts";

/** Name (the root directory's name), current branch and worktree of a storage location. */
export function repoInfo(location: StorageLocation): RepoInfo {
  const root = location.git?.worktreeRoot ?? location.root;
  const name = location.root.replace(/\/+$/, "").split("/").pop() || location.root;
  if (!location.git) return { name, branch: null, worktree: null };
  const { branch } = readGitHead(location.git);
  const worktree = root === location.git.sharedRoot ? "." : root;
  return { name, branch, worktree };
}
