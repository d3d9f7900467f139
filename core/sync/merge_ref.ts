/**
 * Bringing the local sync ref up to a fetched commit (SPEC §14.6 step 4):
 * fast-forward when possible, else a merge commit of the tree union.
 *
 * @module
 */
import { commitTree, type GitRepo, isAncestor, revParse, updateRef } from "./git.ts";
import { LOCAL_REF } from "./remote.ts";
import { type Files, readFiles, sameFiles, unionFiles, writeFiles } from "./tree.ts";

/** Makes the local ref contain `fetched` (whose files are `fetchedFiles`). */
export async function mergeLocalRef(
  repo: GitRepo,
  fetched: string,
  fetchedFiles: Files,
): Promise<void> {
  const local = await revParse(repo, LOCAL_REF);
  if (local === fetched) return;
  if (!local || (await isAncestor(repo, local, fetched))) {
    await updateRef(repo, LOCAL_REF, fetched, local);
    return;
  }
  if (await isAncestor(repo, fetched, local)) return;
  const localFiles = await readFiles(repo, local);
  const files = await unionFiles(repo, localFiles, fetchedFiles, new Map());
  if (sameFiles(files, fetchedFiles)) {
    await updateRef(repo, LOCAL_REF, fetched, local);
    return;
  }
  if (sameFiles(files, localFiles)) return;
  const tree = await writeFiles(repo, files);
  const commit = await commitTree(repo, tree, [local, fetched], "cairn: merge events");
  await updateRef(repo, LOCAL_REF, commit, local);
}
