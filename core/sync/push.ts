/**
 * `sync push` (SPEC §14.5): merge the local and remote sync refs, append
 * this replica's unexported events to its monthly files, commit with git
 * plumbing and push without force, retrying when the remote moved on.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError, type Warning } from "../errors.ts";
import { EVENT_COLUMNS, type EventRow } from "../events/record.ts";
import { read } from "../store/tx.ts";
import { metaValue } from "./counters.ts";
import {
  commitTree,
  fetchRef,
  type GitRepo,
  isAncestor,
  pushRef,
  readBlobs,
  revParse,
  updateRef,
  writeBlob,
} from "./git.ts";
import { encodeEventLine, monthOf } from "./jsonl.ts";
import { LOCAL_REF, type SyncTarget, syncTarget, trackingRef } from "./remote.ts";
import {
  type Files,
  parseEventsPath,
  readFiles,
  sameFiles,
  unionFiles,
  writeFiles,
} from "./tree.ts";

/** Data of `sync push`. */
export interface PushData {
  remote: string;
  exported: number;
  pushed: boolean;
  commit: string | null;
  attempts: number;
  warnings: Warning[];
}

const ATTEMPTS = 3;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Pushes this replica's events to the remote's sync ref. */
export async function syncPush(ctx: Ctx, input: { remote?: string } = {}): Promise<PushData> {
  const target = await syncTarget(ctx, input.remote);
  return await pushTo(ctx, target);
}

/** Push against an already checked target (also used by `sync`). */
export async function pushTo(ctx: Ctx, target: SyncTarget): Promise<PushData> {
  const { repo, remote } = target;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const remoteCommit = await fetchRef(repo, remote, LOCAL_REF, trackingRef(remote));
    const step = await prepare(ctx, repo, remoteCommit);
    if (step === null) continue; // another sync moved the local ref meanwhile
    if (step.commit === remoteCommit) {
      recordPush(ctx, remote, remoteCommit, step.lastSeq);
      return {
        remote,
        exported: step.exported,
        pushed: false,
        commit: remoteCommit,
        attempts: attempt,
        warnings: [],
      };
    }
    if ((await pushRef(repo, remote, LOCAL_REF)) === "ok") {
      await updateRef(repo, trackingRef(remote), step.commit!, remoteCommit);
      recordPush(ctx, remote, step.commit, step.lastSeq);
      return {
        remote,
        exported: step.exported,
        pushed: true,
        commit: step.commit,
        attempts: attempt,
        warnings: [],
      };
    }
  }
  throw new CairnError(
    "sync_rejected",
    `The remote "${remote}" rejected the push ${ATTEMPTS} times`,
    {
      remote,
      attempts: ATTEMPTS,
    },
  );
}

interface Prepared {
  /** The commit the local ref now holds (equal to the remote's when there is nothing to push). */
  commit: string | null;
  exported: number;
  /** Highest seq now in the local ref, or null when unchanged. */
  lastSeq: number | null;
}

/**
 * Builds the next local ref: union of local and remote, plus unexported
 * events. Moves `refs/cairn/events` with a compare-and-swap.
 */
async function prepare(
  ctx: Ctx,
  repo: GitRepo,
  remoteCommit: string | null,
): Promise<Prepared | null> {
  const localCommit = await revParse(repo, LOCAL_REF);
  const contents = new Map<string, Uint8Array>();
  const [localFiles, remoteFiles] = await Promise.all([
    readFiles(repo, localCommit),
    readFiles(repo, remoteCommit),
  ]);
  const files = await unionFiles(repo, localFiles, remoteFiles, contents);
  const { replica, rows } = read(ctx, () => unexportedRows(ctx));
  const fresh = await dropAlreadyWritten(ctx, repo, files, replica, rows, contents);
  const lastSeq = fresh.length
    ? Number(fresh.at(-1)!.seq)
    : rows.length
    ? Number(rows.at(-1)!.seq)
    : null;
  if (fresh.length) await appendEvents(repo, files, replica, fresh, contents);
  if (sameFiles(files, remoteFiles) && remoteCommit) {
    if (localCommit !== remoteCommit) await updateRef(repo, LOCAL_REF, remoteCommit, localCommit);
    return { commit: remoteCommit, exported: fresh.length, lastSeq };
  }
  let commit = localCommit;
  const reusable = localCommit && sameFiles(files, localFiles) &&
    (!remoteCommit || (await isAncestor(repo, remoteCommit, localCommit)));
  if (!reusable) {
    const tree = await writeFiles(repo, files);
    const parents = [
      ...new Set([localCommit, remoteCommit].filter((c): c is string => c !== null)),
    ];
    commit = await commitTree(repo, tree, parents, `cairn: ${fresh.length} events from ${replica}`);
    if (!(await updateRef(repo, LOCAL_REF, commit, localCommit))) return null;
  }
  return { commit, exported: fresh.length, lastSeq };
}

function unexportedRows(ctx: Ctx): { replica: string; rows: EventRow[] } {
  const replica = metaValue(ctx.store, "replica_id") ?? "";
  const since = Number(metaValue(ctx.store, "sync_exported_seq") ?? 0);
  const rows = ctx.store.all<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE replica = ? AND seq > ? AND op <> 'heartbeat' ORDER BY seq`,
    replica,
    since,
  );
  return { replica, rows };
}

/**
 * Events already in this replica's files (a push interrupted after moving the
 * ref but before recording `sync_exported_seq`) are not appended twice: the
 * last line of each own file names the newest event already written.
 */
async function dropAlreadyWritten(
  ctx: Ctx,
  repo: GitRepo,
  files: Files,
  replica: string,
  rows: EventRow[],
  contents: Map<string, Uint8Array>,
): Promise<EventRow[]> {
  if (rows.length === 0) return rows;
  const own = [...files].filter(([p]) => parseEventsPath(p)?.replica === replica).map(([, id]) =>
    id
  );
  const need = own.filter((id) => !contents.has(id));
  for (const [id, data] of await readBlobs(repo, need)) contents.set(id, data);
  let newest = 0;
  for (const id of own) {
    const text = decoder.decode(contents.get(id) ?? new Uint8Array()).trimEnd();
    const last = text.slice(text.lastIndexOf("\n") + 1);
    const m = /"id":"(ev-[0-9a-z]+)"/.exec(last);
    if (!m) continue;
    const seq = ctx.store.get<{ seq: number }>("SELECT seq FROM events WHERE id = ?", m[1]!)?.seq;
    if (seq !== undefined && seq > newest) newest = Number(seq);
  }
  return rows.filter((r) => r.seq > newest);
}

async function appendEvents(
  repo: GitRepo,
  files: Files,
  replica: string,
  rows: EventRow[],
  contents: Map<string, Uint8Array>,
): Promise<void> {
  const byMonth = new Map<string, string[]>();
  for (const r of rows) {
    const path = `events/${replica}/${monthOf(r.at)}.jsonl`;
    const lines = byMonth.get(path) ?? [];
    lines.push(encodeEventLine(r));
    byMonth.set(path, lines);
  }
  const need = [...byMonth.keys()].map((p) => files.get(p)).filter((id): id is string =>
    !!id && !contents.has(id)
  );
  for (const [id, data] of await readBlobs(repo, need)) contents.set(id, data);
  for (const [path, lines] of byMonth) {
    const before = files.get(path) ? contents.get(files.get(path)!)! : new Uint8Array();
    const added = encoder.encode(lines.join("\n") + "\n");
    const next = new Uint8Array(before.length + added.length);
    next.set(before);
    next.set(added, before.length);
    const id = await writeBlob(repo, next);
    contents.set(id, next);
    files.set(path, id);
  }
}

/** Records the exported seq and the remote's state after a successful push. */
function recordPush(ctx: Ctx, remote: string, commit: string | null, lastSeq: number | null): void {
  const now = ctx.now();
  ctx.store.transaction(() => {
    if (lastSeq !== null) {
      ctx.store.run(
        `UPDATE meta SET value = CAST(MAX(CAST(value AS INTEGER), ?) AS TEXT) WHERE key = 'sync_exported_seq'`,
        lastSeq,
      );
    }
    ctx.store.run(
      `INSERT INTO sync_remotes (remote, fetched_commit, pushed_commit, last_fetch_at, last_push_at, unpushed_lines)
       VALUES (?, ?, ?, ?, ?, 0)
       ON CONFLICT (remote) DO UPDATE SET fetched_commit = excluded.fetched_commit,
         pushed_commit = excluded.pushed_commit, last_fetch_at = excluded.last_fetch_at,
         last_push_at = excluded.last_push_at, unpushed_lines = 0`,
      remote,
      commit,
      commit,
      now,
      now,
    );
  });
}
