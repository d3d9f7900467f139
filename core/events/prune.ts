/**
 * `events prune` (SPEC §14.10): drop old events (optionally archiving them
 * first), old heartbeats, old resolved conflicts and expired idempotency
 * records. Never touches `field_clock`, `tombstones` or the sync ref.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError } from "../errors.ts";
import { fileError } from "../store/open.ts";
import { read } from "../store/tx.ts";
import { metaValue, syncConfigured } from "../sync/counters.ts";
import { encodeEventLine } from "../sync/jsonl.ts";
import { iso } from "../time.ts";
import { EVENT_COLUMNS, type EventRow } from "./record.ts";
import { exists } from "../probe.ts";

const DAY = 86_400_000;

/** Input of `events prune`. */
export interface PruneInput {
  /** 1..36500, default 90. */
  retentionDays?: number;
  archive?: boolean;
  dryRun?: boolean;
}

/** Data of `events prune`. */
export interface PruneResult {
  retentionDays: number;
  cutoff: string;
  dryRun: boolean;
  candidates: number;
  pruned: number;
  archived: number;
  archivePath: string | null;
  keptUnexported: number;
  heartbeatsPruned: number;
  conflictsPruned: number;
  idempotencyPruned: number;
}

interface Plan {
  candidates: number[];
  keptUnexported: number;
  heartbeats: number;
  conflicts: number;
  idempotency: number;
}

function plan(ctx: Ctx, now: number, cutoff: number): Plan {
  const store = ctx.store;
  const keepAfter = syncConfigured(store)
    ? Number(metaValue(store, "sync_exported_seq") ?? 0)
    : null;
  const replica = metaValue(store, "replica_id") ?? "";
  const old = store.all<{ seq: number; replica: string }>(
    "SELECT seq, replica FROM events WHERE at < ? AND op <> 'heartbeat' ORDER BY seq",
    cutoff,
  );
  const kept = (r: { seq: number; replica: string }) =>
    keepAfter !== null && r.replica === replica && r.seq > keepAfter;
  const count = (sql: string, ...p: number[]) => Number(store.get<{ n: number }>(sql, ...p)!.n);
  return {
    candidates: old.filter((r) => !kept(r)).map((r) => Number(r.seq)),
    keptUnexported: old.filter(kept).length,
    heartbeats: count(
      "SELECT COUNT(*) AS n FROM events WHERE op = 'heartbeat' AND at < ?",
      now - DAY,
    ),
    conflicts: count(
      "SELECT COUNT(*) AS n FROM conflicts WHERE status = 'resolved' AND resolved_at < ?",
      cutoff,
    ),
    idempotency: count("SELECT COUNT(*) AS n FROM idempotency WHERE created_at < ?", now - DAY),
  };
}

/** Prunes the event log; see the module doc. */
export function pruneEvents(ctx: Ctx, input: PruneInput = {}): PruneResult {
  const retentionDays = input.retentionDays ?? 90;
  const now = ctx.now();
  const cutoff = now - retentionDays * DAY;
  const p = read(ctx, () => plan(ctx, now, cutoff));
  const result: PruneResult = {
    retentionDays,
    cutoff: iso(cutoff)!,
    dryRun: input.dryRun === true,
    candidates: p.candidates.length,
    pruned: p.candidates.length,
    archived: 0,
    archivePath: null,
    keptUnexported: p.keptUnexported,
    heartbeatsPruned: p.heartbeats,
    conflictsPruned: p.conflicts,
    idempotencyPruned: p.idempotency,
  };
  if (result.dryRun) return result;
  if (input.archive && p.candidates.length) {
    result.archivePath = writeArchive(ctx, p.candidates, now);
    result.archived = p.candidates.length;
  }
  const seqs = JSON.stringify(p.candidates);
  ctx.store.transaction(() => {
    const store = ctx.store;
    result.pruned = store.run(
      "DELETE FROM events WHERE seq IN (SELECT value FROM json_each(?))",
      seqs,
    );
    result.heartbeatsPruned = store.run(
      "DELETE FROM events WHERE op = 'heartbeat' AND at < ?",
      now - DAY,
    );
    result.conflictsPruned = store.run(
      "DELETE FROM conflicts WHERE status = 'resolved' AND resolved_at < ?",
      cutoff,
    );
    result.idempotencyPruned = store.run("DELETE FROM idempotency WHERE created_at < ?", now - DAY);
  });
  return result;
}

function writeArchive(ctx: Ctx, seqs: number[], now: number): string {
  const dir = `${ctx.store.location.dir}/archive`;
  const stamp = new Date(now).toISOString().replace(/[-:]/g, "").replace(".", "");
  let path = `${dir}/events-${stamp}.jsonl`;
  for (let n = 2; exists(path); n++) path = `${dir}/events-${stamp}-${n}.jsonl`;
  const lines: string[] = [];
  read(ctx, () => {
    for (let i = 0; i < seqs.length; i += 5000) {
      const rows = ctx.store.all<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq`,
        JSON.stringify(seqs.slice(i, i + 5000)),
      );
      for (const r of rows) lines.push(encodeEventLine(r));
    }
  });
  try {
    Deno.mkdirSync(dir, { recursive: true });
    const file = Deno.openSync(path, { createNew: true, write: true });
    try {
      const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
      for (let off = 0; off < bytes.length;) off += file.writeSync(bytes.subarray(off));
      file.syncSync();
    } finally {
      file.close();
    }
  } catch (err) {
    try {
      Deno.removeSync(path);
    } catch { /* never created */ }
    const e = fileError(err, path);
    throw e.code === "permission_denied" ? e : new CairnError("io_error", e.message, e.details);
  }
  return path;
}
