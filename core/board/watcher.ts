/**
 * Change detection for the live board (SPEC §15.6): one read connection polls
 * `PRAGMA data_version` every 50 ms. Commits by any process (CLI, agents,
 * MCP, other boards, this board) become deltas.
 *
 * No file watcher: `Deno.watchFs` opens and closes the paths of its events,
 * and closing any descriptor of `cairn.db-shm` drops every POSIX lock this
 * process holds on it. The next process to open the database then takes
 * itself for the only one, truncates the shared-memory file this process has
 * mapped, and the board dies of SIGBUS.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import type { StorageLocation } from "../store/location.ts";
import { Store } from "../store/store.ts";
import { buildDelta } from "./delta.ts";
import { loadOwners, maxSeq } from "./load.ts";
import type { Delta } from "./types.ts";

/** Above this many new events a snapshot replaces the delta. */
export const MAX_DELTA_EVENTS = 10_000;

/** What the watcher reports. */
export interface WatcherHandlers {
  onDelta: (delta: Delta) => void;
  /** Too many events for one delta: clients need a fresh snapshot. */
  onSnapshot: (seq: number) => void;
  /** The database was replaced (wipe, restore, seq went backwards). */
  onReset: (seq: number) => void;
}

/** Options of a watcher. */
export interface WatcherOptions extends WatcherHandlers {
  now: () => number;
  pollMs?: number;
  coalesceMs?: number;
}

function inode(path: string): number | null {
  try {
    return Deno.statSync(path).ino ?? null;
  } catch {
    return null;
  }
}

/** Watches one database for committed changes and turns them into deltas. */
export class ChangeWatcher {
  #store: Store | null = null;
  #seq = 0;
  #owners: string[] = [];
  #dataVersion = -1;
  #inode: number | null = null;
  #interval: ReturnType<typeof setInterval> | undefined;
  #pending: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly location: StorageLocation, readonly options: WatcherOptions) {}

  /** The highest seq published. */
  get seq(): number {
    return this.#seq;
  }

  /** Opens the read connection and starts polling. */
  start(): void {
    this.#open();
    this.#interval = setInterval(() => this.poll(), this.options.pollMs ?? 50);
  }

  #open(): void {
    this.#store?.close();
    const db = new DatabaseSync(this.location.database);
    db.exec("PRAGMA busy_timeout = 5000");
    this.#store = new Store(db, this.location);
    this.#inode = inode(this.location.database);
    this.#dataVersion = this.#readDataVersion();
    this.#seq = maxSeq(this.#store);
    this.#owners = loadOwners(this.#store);
  }

  #readDataVersion(): number {
    return Number(
      this.#store!.get<{ data_version: number }>("PRAGMA data_version")?.data_version ?? 0,
    );
  }

  /** Checks for a change; a change is published after the coalescing delay. */
  poll(): void {
    if (!this.#store) return;
    const ino = inode(this.location.database);
    if (ino === null) return; // being replaced; look again on the next tick
    if (ino !== this.#inode) return this.#reset();
    const version = this.#readDataVersion();
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    this.#pending ??= setTimeout(() => {
      this.#pending = undefined;
      this.checkNow();
    }, this.options.coalesceMs ?? 25);
  }

  /** Asks for a check on the next tick (after the board's own writes). */
  poke(): void {
    if (!this.#store) return;
    clearTimeout(this.#pending);
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.checkNow();
    }, 0);
  }

  /** Publishes whatever was committed since the last published seq, now. */
  checkNow(): void {
    if (!this.#store) return;
    if (inode(this.location.database) !== this.#inode) return this.#reset();
    const latest = maxSeq(this.#store);
    if (latest < this.#seq) return this.#reset();
    if (latest === this.#seq) return;
    if (latest - this.#seq > MAX_DELTA_EVENTS) {
      this.#seq = latest;
      this.#owners = loadOwners(this.#store);
      this.options.onSnapshot(latest);
      return;
    }
    const delta = buildDelta(this.#store, {
      fromSeq: this.#seq,
      toSeq: latest,
      now: this.options.now(),
      owners: this.#owners,
    });
    this.#seq = latest;
    if (!delta) return;
    if (delta.owners) this.#owners = delta.owners;
    this.options.onDelta(delta);
  }

  #reset(): void {
    try {
      this.#open();
    } catch {
      return; // not readable yet; the next poll retries
    }
    this.options.onReset(this.#seq);
  }

  /** Stops polling and closes the connection. */
  stop(): void {
    clearInterval(this.#interval);
    clearTimeout(this.#pending);
    this.#pending = undefined;
    this.#store?.close();
    this.#store = null;
  }
}
