/**
 * Write transactions with their events (SPEC §13.3, §14.1, §14.2): every
 * mutation appends events, stamps the Lamport clock and the field clocks in
 * the same transaction as the change.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { newEventId } from "../ids.ts";
import type { Store } from "./store.ts";
import { ownerOf, setClocks, setCreateClocks } from "./field_clock.ts";

/** Event operations (SPEC §14.1). */
export type EventOp =
  | "create"
  | "update"
  | "delete"
  | "dep_add"
  | "dep_remove"
  | "resolve"
  | "heartbeat";

/** Kinds of event items: items, criteria and dependency edges. */
export type EventItemKind = "epic" | "task" | "subtask" | "criterion" | "dependency";

/** One changed field, values in their output form (ISO timestamps, `p1`). */
export interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

/** What a core function records about one change. */
export interface EventInput {
  itemId: string;
  itemKind: EventItemKind;
  op: EventOp;
  changes: Change[];
  cause?: string | null;
  flags?: Record<string, unknown>;
  /** Overrides the context actor (claims record the owner). */
  actor?: string;
  resolves?: string[] | null;
  /** A pre-drawn event id (a root event that children name as `cause` before it is written). */
  id?: string;
}

/** A written event's identity. */
export interface WrittenEvent {
  id: string;
  seq: number;
}

/** One open write transaction. */
export class Tx {
  /** The instant shared by every row and event of this transaction. */
  readonly now: number;
  readonly written: WrittenEvent[] = [];
  #lamport: number | null = null;
  #replica: string | null = null;

  constructor(readonly ctx: Ctx) {
    this.now = ctx.now();
  }

  get store(): Store {
    return this.ctx.store;
  }

  /** The first event of this transaction, used as `cause` by batches and cascades. */
  get firstEventId(): string | null {
    return this.written[0]?.id ?? null;
  }

  /** Highest seq written, or 0. */
  get lastSeq(): number {
    return this.written.at(-1)?.seq ?? 0;
  }

  /** Appends one event and moves the field clocks; returns the event. */
  event(input: EventInput): WrittenEvent {
    const store = this.store;
    if (this.#lamport === null) {
      const meta = new Map(
        store.all<{ key: string; value: string }>(
          "SELECT key, value FROM meta WHERE key IN ('lamport', 'replica_id')",
        ).map((r) => [r.key, r.value]),
      );
      this.#lamport = Number(meta.get("lamport") ?? 0);
      this.#replica = meta.get("replica_id") ?? "";
    }
    const lamport = ++this.#lamport;
    const id = input.id ?? newEventId();
    const actor = input.actor ?? this.ctx.actor();
    const changes: Record<string, { old: unknown; new: unknown; base: string | null }> = {};
    const trackClock = input.op !== "heartbeat";
    const bases = trackClock ? this.#clocks(input) : new Map<string, string>();
    for (const c of input.changes) {
      changes[c.field] = {
        old: c.old ?? null,
        new: c.new ?? null,
        base: ownerOf(bases, c.field) ?? null,
      };
    }
    const git = this.ctx.git();
    const flags = input.flags && Object.keys(input.flags).length
      ? JSON.stringify(input.flags)
      : null;
    const seq = store.insert(
      `INSERT INTO events (id, replica, lamport, item_id, item_kind, op, changes, actor, at, branch, worktree,
        source, command, cause, resolves, flags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      id,
      this.#replica,
      lamport,
      input.itemId,
      input.itemKind,
      input.op,
      JSON.stringify(changes),
      actor,
      this.now,
      git.branch,
      git.worktree,
      this.ctx.source,
      this.ctx.command,
      input.cause ?? null,
      input.resolves ? JSON.stringify(input.resolves) : null,
      flags,
    );
    if (input.op === "delete") {
      store.run("DELETE FROM field_clock WHERE item_id = ?", input.itemId);
    } else if (input.op === "create") {
      setCreateClocks(store, input.itemId, Object.keys(changes), { id, lamport, actor });
    } else if (trackClock) {
      setClocks(store, input.itemId, Object.keys(changes), { id, lamport, actor });
    }
    const written = { id, seq };
    this.written.push(written);
    return written;
  }

  /**
   * The events the changed fields were based on (their field clocks). A
   * created item has none: its id is new, and deleting an id drops its clocks.
   */
  #clocks(input: EventInput): Map<string, string> {
    if (input.op === "create" || input.changes.length === 0) return new Map();
    const rows = this.store.all<{ field: string; event_id: string }>(
      "SELECT field, event_id FROM field_clock WHERE item_id = ?",
      input.itemId,
    );
    return new Map(rows.map((r) => [r.field, r.event_id]));
  }

  /** Stores the Lamport clock; called once before commit. */
  flush(): void {
    if (this.#lamport !== null) {
      this.store.run("UPDATE meta SET value = ? WHERE key = 'lamport'", String(this.#lamport));
    }
  }
}

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` write transaction with its events.
 * Everything `fn` validates and writes sees one state; a thrown error rolls
 * everything back.
 */
export function write<T>(ctx: Ctx, fn: (tx: Tx) => T): T {
  return ctx.store.transaction(() => {
    const tx = new Tx(ctx);
    const result = fn(tx);
    tx.flush();
    return result;
  });
}

/** Runs `fn` in one read snapshot. */
export function read<T>(ctx: Ctx, fn: () => T): T {
  return ctx.store.read(fn);
}
