/**
 * Stores kept open across calls by a long-running adapter (MCP). Each
 * remembers the inode of the file it opened: another process may remove the
 * database (`wipe`) or put a new one in its place, and a kept connection would
 * then write into the old file.
 *
 * @module
 */
import type { Store } from "../core/mod.ts";

function inodeOf(path: string): number | null {
  try {
    return Deno.statSync(path).ino;
  } catch {
    return -1; // missing: never the file a store opened
  }
}

/** Open stores by database path. */
export class StoreCache {
  readonly #kept = new Map<string, { store: Store; inode: number | null }>();

  /** The kept store of `database`; one whose file was removed or replaced is closed and dropped. */
  get(database: string): Store | undefined {
    const kept = this.#kept.get(database);
    if (!kept || kept.inode === null || inodeOf(database) === kept.inode) return kept?.store;
    kept.store.close();
    this.#kept.delete(database);
    return undefined;
  }

  /** Keeps `store` open for later calls. */
  set(database: string, store: Store): void {
    this.#kept.set(database, { store, inode: inodeOf(database) });
  }

  /** Closes every kept store. */
  close(): void {
    for (const { store } of this.#kept.values()) store.close();
    this.#kept.clear();
  }
}
