/**
 * What one pull accumulates while applying remote events: the context for
 * local consequences, counters, touched items and warnings.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import type { Warning, WarningCode } from "../errors.ts";
import { newId } from "../ids.ts";
import type { Store } from "../store/store.ts";
import { fromIso } from "../time.ts";
import { type ConflictInput, recordConflict } from "./conflict_rows.ts";
import type { WireEvent } from "./jsonl.ts";

/** Counters reported by a pull. */
export interface ApplyStats {
  applied: number;
  dropped: number;
  conflictsCreated: number;
  resolvedRemotely: number;
  cyclesBroken: number;
}

/** State shared by every event of one pull. */
export class ApplyState {
  readonly stats: ApplyStats = {
    applied: 0,
    dropped: 0,
    conflictsCreated: 0,
    resolvedRemotely: 0,
    cyclesBroken: 0,
  };
  /** Items whose rows or edges changed (for the invariant check). */
  readonly touched = new Set<string>();
  /** Delete / dep_remove events of this pull not yet applied, by item id. */
  readonly incomingDeletes = new Map<string, WireEvent>();
  readonly #warnings = new Map<string, Warning>();

  /** `ctx` must have source `sync` and a fixed clock. */
  constructor(readonly ctx: Ctx) {}

  get store(): Store {
    return this.ctx.store;
  }

  get now(): number {
    return this.ctx.now();
  }

  /** Adds a warning, merging ids of warnings with the same code and message. */
  warn(code: WarningCode, message: string, ids: string[] = []): void {
    const key = `${code}\u0000${message}`;
    const w = this.#warnings.get(key);
    if (w) w.ids = [...new Set([...(w.ids ?? []), ...ids])];
    else this.#warnings.set(key, { code, message, ids: [...ids] });
  }

  get warnings(): Warning[] {
    return [...this.#warnings.values()];
  }

  /** Records a conflict (once per pair of events) and counts it. */
  conflict(c: Omit<ConflictInput, "now" | "id">): void {
    if (recordConflict(this.store, { ...c, now: this.now, id: newId("conflict") })) {
      this.stats.conflictsCreated++;
    }
  }
}

/** Stores a remote event with its original identity; `flags.remote` marks it. */
export function storeRemoteEvent(
  store: Store,
  e: WireEvent,
  extra: Record<string, unknown> = {},
): void {
  const flags = { ...(e.flags ?? {}), remote: true, ...extra };
  store.run(
    `INSERT OR IGNORE INTO events (id, replica, lamport, item_id, item_kind, op, changes, actor, at, branch,
       worktree, source, command, cause, resolves, flags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    e.id,
    e.replica,
    e.lamport,
    e.item,
    e.kind,
    e.op,
    JSON.stringify(e.changes),
    e.actor,
    fromIso(e.at) ?? 0,
    e.branch ?? null,
    e.worktree ?? null,
    e.source ?? "cli",
    e.command ?? null,
    e.cause ?? null,
    e.resolves ? JSON.stringify(e.resolves) : null,
    JSON.stringify(flags),
  );
}
