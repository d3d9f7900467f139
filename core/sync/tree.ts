/**
 * The tree of the sync ref (SPEC §14.4): `format` plus
 * `events/<replica>/<YYYY-MM>.jsonl`. Two versions merge as a per-path union
 * in which one version of each file is a prefix of the other.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import { type GitRepo, lsTree, readBlobs, writeBlob, writeTreeLevel } from "./git.ts";

/** The `format` file's content. */
export const FORMAT_TEXT = "cairn-events 1\n";

/** Path → blob id of every file of a sync-ref tree. */
export type Files = Map<string, string>;

/** An events file path, split. */
export function parseEventsPath(path: string): { replica: string; month: string } | null {
  const m = /^events\/(r-[0-9a-z]+)\/(\d{4}-\d{2})\.jsonl$/.exec(path);
  return m ? { replica: m[1]!, month: m[2]! } : null;
}

/** The files of a commit's tree (empty for null). */
export async function readFiles(repo: GitRepo, commit: string | null): Promise<Files> {
  return new Map((await lsTree(repo, commit)).map((b) => [b.path, b.blob]));
}

function isPrefix(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two file maps are identical. */
export function sameFiles(a: Files, b: Files): boolean {
  if (a.size !== b.size) return false;
  for (const [p, id] of a) if (b.get(p) !== id) return false;
  return true;
}

/**
 * The union of two trees: for a path in both, the longer version when the
 * other is its prefix; otherwise `sync_diverged`. `contents` caches blobs read.
 */
export async function unionFiles(
  repo: GitRepo,
  a: Files,
  b: Files,
  contents: Map<string, Uint8Array>,
): Promise<Files> {
  const out: Files = new Map(a);
  const differing: string[] = [];
  for (const [path, id] of b) {
    const mine = out.get(path);
    if (mine === undefined) out.set(path, id);
    else if (mine !== id) differing.push(path);
  }
  if (differing.length === 0) return out;
  const need = differing.flatMap((p) => [a.get(p)!, b.get(p)!]).filter((id) => !contents.has(id));
  for (const [id, data] of await readBlobs(repo, need)) contents.set(id, data);
  for (const path of differing) {
    const x = contents.get(a.get(path)!), y = contents.get(b.get(path)!);
    if (x && y && isPrefix(x, y)) out.set(path, b.get(path)!);
    else if (x && y && isPrefix(y, x)) out.set(path, a.get(path)!);
    else {
      throw new CairnError(
        "sync_diverged",
        `The sync file ${path} has two versions that do not extend each other`,
        { path },
      );
    }
  }
  return out;
}

/** Writes the nested trees of a file map; returns the root tree id. */
export async function writeFiles(repo: GitRepo, files: Files): Promise<string> {
  const replicas = new Map<string, { name: string; mode: string; type: "blob"; id: string }[]>();
  const root: { name: string; mode: string; type: "blob" | "tree"; id: string }[] = [];
  for (const [path, id] of files) {
    const ev = parseEventsPath(path);
    if (ev) {
      const list = replicas.get(ev.replica) ?? [];
      list.push({ name: `${ev.month}.jsonl`, mode: "100644", type: "blob", id });
      replicas.set(ev.replica, list);
    } else if (!path.includes("/")) root.push({ name: path, mode: "100644", type: "blob", id });
  }
  if (!files.has("format")) {
    root.push({
      name: "format",
      mode: "100644",
      type: "blob",
      id: await writeBlob(repo, FORMAT_TEXT),
    });
  }
  const events: { name: string; mode: string; type: "tree"; id: string }[] = [];
  for (const [replica, entries] of [...replicas].sort(([a], [b]) => (a < b ? -1 : 1))) {
    events.push({
      name: replica,
      mode: "040000",
      type: "tree",
      id: await writeTreeLevel(repo, entries),
    });
  }
  if (events.length) {
    root.push({
      name: "events",
      mode: "040000",
      type: "tree",
      id: await writeTreeLevel(repo, events),
    });
  }
  return writeTreeLevel(repo, root);
}

/** Number of lines of a blob's content. */
export function lineCount(data: Uint8Array): number {
  let n = 0;
  for (const b of data) if (b === 10) n++;
  return n;
}
