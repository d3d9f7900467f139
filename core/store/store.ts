/**
 * The open database: cached prepared statements, read snapshots and
 * `BEGIN IMMEDIATE` write transactions with a bounded retry (SPEC §13.3).
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { CairnError } from "../errors.ts";
import type { StorageLocation } from "./location.ts";
import { fileSize } from "../probe.ts";

/** A bound SQL parameter. */
export type Param = SQLInputValue;

const BUSY = new Set([5, 517, 261, 6]);
/** Past this size, `leave` checkpoints the WAL after all (~125 pages; ~0.2 ms to recover). */
const LEFT_WAL_LIMIT = 512 * 1024;
const RETRIES = 5;

/** Whether a thrown value is SQLite's "busy" or "locked". */
export function isBusy(err: unknown): boolean {
  const code = (err as { errcode?: number })?.errcode;
  return (code !== undefined && BUSY.has(code)) ||
    /database is locked|SQLITE_BUSY/i.test(String(err));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One open cairn database. Every SQL statement of cairn runs through this. */
export class Store {
  readonly #stmts = new Map<string, StatementSync>();
  #depth = 0;

  constructor(readonly db: DatabaseSync, readonly location: StorageLocation) {}

  /** A prepared statement, cached by its SQL text. */
  prepare(sql: string): StatementSync {
    let stmt = this.#stmts.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.#stmts.set(sql, stmt);
    }
    return stmt;
  }

  /** First row of a query, or undefined. */
  get<T>(sql: string, ...params: Param[]): T | undefined {
    return this.prepare(sql).get(...params) as T | undefined;
  }

  /** Every row of a query. */
  all<T>(sql: string, ...params: Param[]): T[] {
    return this.prepare(sql).all(...params) as T[];
  }

  /** Runs a statement; returns the number of changed rows. */
  run(sql: string, ...params: Param[]): number {
    return Number(this.prepare(sql).run(...params).changes);
  }

  /** Runs an INSERT; returns the new row's rowid (cheaper than `RETURNING`). */
  insert(sql: string, ...params: Param[]): number {
    return Number(this.prepare(sql).run(...params).lastInsertRowid);
  }

  /** Runs `fn` inside one deferred read transaction (a consistent snapshot). */
  read<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    this.prepare("BEGIN").run();
    this.#depth++;
    try {
      return fn();
    } finally {
      this.#depth--;
      this.prepare("COMMIT").run();
    }
  }

  /**
   * Runs `fn` inside one `BEGIN IMMEDIATE` transaction. A busy database is
   * retried with jittered exponential backoff on top of `busy_timeout`; after
   * the budget the caller gets `database_busy`. Nested calls join the outer
   * transaction.
   */
  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    this.#beginImmediate();
    this.#depth++;
    try {
      const result = fn();
      this.prepare("COMMIT").run();
      return result;
    } catch (err) {
      if (this.db.isTransaction) this.prepare("ROLLBACK").run();
      throw err;
    } finally {
      this.#depth--;
    }
  }

  #beginImmediate(): void {
    const started = Date.now();
    for (let attempt = 0;; attempt++) {
      try {
        this.prepare("BEGIN IMMEDIATE").run();
        return;
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (attempt >= RETRIES) {
          throw new CairnError(
            "database_busy",
            "The database is busy: the write lock could not be obtained",
            {
              attempts: attempt + 1,
              waitedMs: Date.now() - started,
            },
          );
        }
        const backoff = Math.min(1000, 50 * 2 ** attempt);
        sleepSync(backoff / 2 + Math.random() * backoff / 2);
      }
    }
  }

  /** Whether a write transaction is open. */
  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  close(): void {
    this.#stmts.clear();
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Leaves the database to a process that exits next, without closing it.
   * Closing checkpoints the WAL into the database file and deletes it, and
   * the next write creates it again: three fsyncs and ~1.5 ms of every
   * one-shot call. An exit without close is the crash SQLite's WAL is built
   * for: the next connection recovers the WAL, reading it whole. So once the
   * WAL passes LEFT_WAL_LIMIT it is checkpointed as usual, which keeps that
   * read short and the file from growing (a recovered WAL forgets how much of
   * it was checkpointed, so a WAL nobody closes is never restarted).
   */
  leave(): void {
    if (fileSize(`${this.location.database}-wal`) > LEFT_WAL_LIMIT) this.close();
  }
}
