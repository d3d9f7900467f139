/**
 * `sync status` (SPEC §14.8–14.9): where this replica stands against a
 * remote, with a fetch unless `--offline`. Counters come from local git
 * objects; the ref-derived parts are stored for `session` and `suggest`.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { read } from "../store/tx.ts";
import { iso } from "../time.ts";
import { metaValue, unexportedCount } from "./counters.ts";
import { fetchRef, type GitRepo, listRemotes, readBlobs, revParse } from "./git.ts";
import { LOCAL_REF, remoteName, repoOf, syncTarget, trackingRef } from "./remote.ts";
import { type Files, lineCount, parseEventsPath, readFiles } from "./tree.ts";

/** Data of `sync status`. */
export interface StatusData {
  remote: string;
  configured: boolean;
  offline: boolean;
  lastFetchAt: string | null;
  replicaId: string | null;
  local: { commit: string | null; unexported: number };
  unpushed: number;
  unpulled: number;
  pendingConflicts: number;
}

/** Reports sync state; fetches first unless `offline`. */
export async function syncStatus(
  ctx: Ctx,
  input: { remote?: string; offline?: boolean } = {},
): Promise<StatusData> {
  const offline = input.offline === true;
  const repo = repoOf(ctx);
  const remote = remoteName(ctx, input.remote);
  let remoteCommit: string | null;
  if (offline) {
    remoteCommit = (await listRemotes(repo)).includes(remote)
      ? await revParse(repo, trackingRef(remote))
      : null;
  } else {
    const target = await syncTarget(ctx, input.remote);
    remoteCommit = await fetchRef(repo, target.remote, LOCAL_REF, trackingRef(target.remote));
  }
  const localCommit = await revParse(repo, LOCAL_REF);
  const replica = metaValue(ctx.store, "replica_id");
  const [localFiles, remoteFiles] = await Promise.all([
    readFiles(repo, localCommit),
    readFiles(repo, remoteCommit),
  ]);
  const unpushedLines = await ownLinesAhead(repo, replica, localFiles, remoteFiles);
  const unpulled = await linesNotApplied(ctx, repo, replica, remoteFiles);
  const now = ctx.now();
  const hasRow = ctx.store.get("SELECT 1 FROM sync_remotes WHERE remote = ?", remote) !== undefined;
  if (hasRow || localCommit || remoteCommit) {
    ctx.store.transaction(() => {
      ctx.store.run(
        `INSERT INTO sync_remotes (remote, fetched_commit, last_fetch_at, unpushed_lines, unpulled)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (remote) DO UPDATE SET unpushed_lines = excluded.unpushed_lines,
           unpulled = excluded.unpulled${
          offline
            ? ""
            : ", fetched_commit = excluded.fetched_commit, last_fetch_at = excluded.last_fetch_at"
        }`,
        remote,
        remoteCommit,
        offline ? null : now,
        unpushedLines,
        unpulled,
      );
    });
  }
  return read(ctx, () => {
    const row = ctx.store.get<{ last_fetch_at: number | null }>(
      "SELECT last_fetch_at FROM sync_remotes WHERE remote = ?",
      remote,
    );
    const unexported = unexportedCount(ctx.store);
    return {
      remote,
      configured: localCommit !== null || row !== undefined,
      offline,
      lastFetchAt: iso(row?.last_fetch_at ?? null),
      replicaId: replica,
      local: { commit: localCommit, unexported },
      unpushed: unexported + unpushedLines,
      unpulled,
      pendingConflicts: Number(
        ctx.store.get<{ n: number }>(
          "SELECT COUNT(*) AS n FROM conflicts WHERE status = 'pending'",
        )!.n,
      ),
    };
  });
}

async function lines(repo: GitRepo, blobs: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [id, data] of await readBlobs(repo, blobs)) out.set(id, lineCount(data));
  return out;
}

/** Lines of this replica's files in the local ref beyond the remote's copies. */
async function ownLinesAhead(
  repo: GitRepo,
  replica: string | null,
  local: Files,
  remote: Files,
): Promise<number> {
  const own = [...local].filter(([p, id]) =>
    parseEventsPath(p)?.replica === replica && remote.get(p) !== id
  );
  const counts = await lines(
    repo,
    own.flatMap(([p, id]) => [id, remote.get(p)].filter((x): x is string => !!x)),
  );
  return own.reduce(
    (n, [p, id]) => n + Math.max(0, (counts.get(id) ?? 0) - (counts.get(remote.get(p) ?? "") ?? 0)),
    0,
  );
}

/** Lines of other replicas' files in the remote ref not yet applied here. */
async function linesNotApplied(
  ctx: Ctx,
  repo: GitRepo,
  replica: string | null,
  remote: Files,
): Promise<number> {
  const recorded = new Map(
    ctx.store.all<{ path: string; blob: string; lines: number }>(
      "SELECT path, blob, lines FROM sync_files",
    )
      .map((r) => [r.path, r]),
  );
  const todo = [...remote].filter(([p, id]) => {
    const ev = parseEventsPath(p);
    return ev && ev.replica !== replica && recorded.get(p)?.blob !== id;
  });
  const counts = await lines(repo, todo.map(([, id]) => id));
  return todo.reduce(
    (n, [p, id]) => n + Math.max(0, (counts.get(id) ?? 0) - (recorded.get(p)?.lines ?? 0)),
    0,
  );
}
