/**
 * `sync pull` (SPEC §14.6): fetch, read what is new in the other replicas'
 * files, apply it in stamp order in batches of 500 (progress committed with
 * each batch, so an interrupted pull resumes), then merge the local ref.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError, type Warning } from "../errors.ts";
import { read } from "../store/tx.ts";
import { applyRemote } from "./apply.ts";
import { ApplyState, storeRemoteEvent } from "./apply_state.ts";
import { metaValue } from "./counters.ts";
import { fetchRef, type GitRepo, readBlobs } from "./git.ts";
import { decodeEventLine, type WireEvent } from "./jsonl.ts";
import { mergeLocalRef } from "./merge_ref.ts";
import { LOCAL_REF, type SyncTarget, syncTarget, trackingRef } from "./remote.ts";
import { compareStamps } from "./stamp.ts";
import { type Files, parseEventsPath, readFiles } from "./tree.ts";
import { touchedInvariants } from "./invariants.ts";

/** Data of `sync pull`. */
export interface PullData {
  remote: string;
  fetched: { commit: string | null; previous: string | null };
  files: number;
  newEvents: number;
  applied: number;
  dropped: number;
  deferred: { retried: number; dropped: number };
  conflicts: { created: number; resolvedRemotely: number };
  cyclesBroken: number;
  warnings: Warning[];
}

/** Events applied per write transaction. */
export const BATCH = 500;

/** One events file being read. */
interface FileWork {
  path: string;
  blob: string;
  /** The blob recorded before (a prefix of this one), or null. */
  oldBlob: string | null;
  total: number;
  /** Lines done (applied, skipped or dropped), index by line. */
  done: boolean[];
  /** Length of the done prefix. */
  processed: number;
}

interface Pending {
  e: WireEvent;
  file: FileWork;
  line: number;
}

const decoder = new TextDecoder();

/** Pulls from the configured remote. */
export async function syncPull(ctx: Ctx, input: { remote?: string } = {}): Promise<PullData> {
  return await pullFrom(ctx, await syncTarget(ctx, input.remote));
}

/** Pull against an already checked target (also used by `sync`). */
export async function pullFrom(ctx: Ctx, target: SyncTarget): Promise<PullData> {
  const { repo, remote } = target;
  const commit = await fetchRef(repo, remote, LOCAL_REF, trackingRef(remote));
  const previous = ctx.store.get<{ c: string | null }>(
    "SELECT fetched_commit AS c FROM sync_remotes WHERE remote = ?",
    remote,
  )?.c ?? null;
  const data: PullData = {
    remote,
    fetched: { commit, previous },
    files: 0,
    newEvents: 0,
    applied: 0,
    dropped: 0,
    deferred: { retried: 0, dropped: 0 },
    conflicts: { created: 0, resolvedRemotely: 0 },
    cyclesBroken: 0,
    warnings: [],
  };
  if (!commit) return data;
  const remoteFiles = await readFiles(repo, commit);
  const work = await changedFiles(ctx, repo, remoteFiles);
  data.files = work.files.length;
  if (work.files.length) applyFiles(ctx, work, data);
  await mergeLocalRef(repo, commit, remoteFiles);
  if (work.files.length || previous !== commit) recordPull(ctx, remote, commit);
  return data;
}

async function changedFiles(ctx: Ctx, repo: GitRepo, remoteFiles: Files) {
  const replica = metaValue(ctx.store, "replica_id");
  const recorded = new Map(
    ctx.store.all<{ path: string; blob: string; lines: number }>(
      "SELECT path, blob, lines FROM sync_files",
    )
      .map((r) => [r.path, r]),
  );
  const changed = [...remoteFiles].filter(([path, blob]) => {
    const ev = parseEventsPath(path);
    return ev && ev.replica !== replica && recorded.get(path)?.blob !== blob;
  });
  const oldBlobs = changed.map(([p]) => recorded.get(p)?.blob).filter((b): b is string => !!b);
  const contents = await readBlobs(repo, [...changed.map(([, b]) => b), ...oldBlobs]);
  const files: FileWork[] = [];
  const pending: Pending[] = [];
  const warnings: string[] = [];
  for (const [path, blob] of changed) {
    const text = decoder.decode(contents.get(blob) ?? new Uint8Array());
    const lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    const rec = recorded.get(path);
    const old = rec ? contents.get(rec.blob) : undefined;
    const start = rec && old && text.startsWith(decoder.decode(old))
      ? Math.min(rec.lines, lines.length)
      : 0;
    const file: FileWork = {
      path,
      blob,
      oldBlob: rec && old ? rec.blob : null,
      total: lines.length,
      done: lines.map((_, i) => i < start),
      processed: start,
    };
    files.push(file);
    for (let i = start; i < lines.length; i++) {
      const e = decodeEventLine(lines[i]!);
      if (e) pending.push({ e, file, line: i });
      else {
        file.done[i] = true;
        warnings.push(`${path}:${i + 1}`);
      }
    }
  }
  return { files, pending, badLines: warnings };
}

function knownIds(ctx: Ctx, ids: string[]): Set<string> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = ctx.store.all<{ id: string }>(
      "SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))",
      JSON.stringify(ids.slice(i, i + 5000)),
    );
    for (const r of rows) known.add(r.id);
  }
  return known;
}

function markDone(p: Pending): void {
  p.file.done[p.line] = true;
  while (p.file.processed < p.file.total && p.file.done[p.file.processed]) p.file.processed++;
}

function saveProgress(ctx: Ctx, files: Iterable<FileWork>): void {
  for (const f of files) {
    const complete = f.processed >= f.total;
    ctx.store.run(
      `INSERT INTO sync_files (path, blob, lines) VALUES (?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET blob = excluded.blob, lines = excluded.lines`,
      f.path,
      complete ? f.blob : f.oldBlob ?? "",
      f.processed,
    );
  }
}

function applyFiles(
  ctx: Ctx,
  work: Awaited<ReturnType<typeof changedFiles>>,
  data: PullData,
): void {
  const known = read(ctx, () => knownIds(ctx, work.pending.map((p) => p.e.id)));
  const fresh: Pending[] = [];
  for (const p of work.pending) {
    if (known.has(p.e.id)) markDone(p);
    else fresh.push(p);
  }
  fresh.sort((a, b) => compareStamps(a.e, b.e));
  data.newEvents = fresh.length;
  const now = ctx.now();
  const st = new ApplyState({ ...ctx, source: "sync", now: () => now });
  if (work.badLines.length) {
    st.warn("invalid_remote_value", "Unreadable lines in the sync ref were skipped", work.badLines);
  }
  for (const p of fresh) {
    if (p.e.op === "delete" || p.e.op === "dep_remove") st.incomingDeletes.set(p.e.item, p.e);
  }
  const deferred: Pending[] = [];
  let committed = 0;
  try {
    for (let i = 0; i < Math.max(fresh.length, 1); i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      ctx.store.transaction(() => {
        for (const p of batch) {
          if (ctx.store.get("SELECT 1 FROM events WHERE id = ?", p.e.id)) {
            markDone(p); // applied meanwhile by a concurrent pull
            continue;
          }
          const outcome = applyRemote(st, p.e);
          if (outcome === "deferred") {
            deferred.push(p);
            continue;
          }
          if (st.incomingDeletes.get(p.e.item) === p.e) st.incomingDeletes.delete(p.e.item);
          if (outcome === "applied") st.stats.applied++;
          else st.stats.dropped++;
          markDone(p);
        }
        saveProgress(ctx, work.files);
      });
      committed++;
    }
    if (deferred.length) retryDeferred(ctx, st, deferred, work.files, data);
  } catch (err) {
    fill(data, st, ctx);
    if (committed === 0) throw err;
    const e = err instanceof CairnError
      ? err
      : new CairnError("internal_error", `Pull stopped: ${(err as Error).message}`, {
        cause: String(err),
      });
    throw new CairnError(
      e.code,
      `${e.message} (the batches already applied are kept; pull again to resume)`,
      e.details,
      data,
    );
  }
  fill(data, st, ctx);
}

function retryDeferred(
  ctx: Ctx,
  st: ApplyState,
  deferred: Pending[],
  files: FileWork[],
  data: PullData,
): void {
  data.deferred.retried = deferred.length;
  ctx.store.transaction(() => {
    for (const p of deferred) {
      const outcome = applyRemote(st, p.e);
      if (outcome === "deferred") {
        storeRemoteEvent(st.store, p.e, { dropped: true });
        st.warn("missing_parent", "Events whose parent never arrived were dropped", [p.e.item]);
        data.deferred.dropped++;
        st.stats.dropped++;
      } else if (outcome === "applied") st.stats.applied++;
      else st.stats.dropped++;
      markDone(p);
    }
    saveProgress(ctx, files);
  });
}

function fill(data: PullData, st: ApplyState, ctx: Ctx): void {
  data.applied = st.stats.applied;
  data.dropped = st.stats.dropped;
  data.conflicts = {
    created: st.stats.conflictsCreated,
    resolvedRemotely: st.stats.resolvedRemotely,
  };
  data.cyclesBroken = st.stats.cyclesBroken;
  data.warnings = [...st.warnings, ...read(ctx, () => touchedInvariants(ctx.store, st.touched))];
}

function recordPull(ctx: Ctx, remote: string, commit: string): void {
  const now = ctx.now();
  ctx.store.transaction(() => {
    ctx.store.run(
      `INSERT INTO sync_remotes (remote, fetched_commit, last_fetch_at, last_pull_at, unpulled)
       VALUES (?, ?, ?, ?, 0)
       ON CONFLICT (remote) DO UPDATE SET fetched_commit = excluded.fetched_commit,
         last_fetch_at = excluded.last_fetch_at, last_pull_at = excluded.last_pull_at, unpulled = 0`,
      remote,
      commit,
      now,
      now,
    );
  });
}
