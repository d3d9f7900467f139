/**
 * What a command's `run` receives: the invocation's environment and lazy
 * access to the core context (opening the store only when asked).
 *
 * @module
 */
import {
  CairnError,
  type Ctx,
  type EventSource,
  type GitStamp,
  loadSettings,
  locateStorage,
  makeClock,
  type OpenReport,
  openStore,
  readGitHead,
  resolveActor,
  type Settings,
  type StorageLocation,
} from "../core/mod.ts";
import type { StoreCache } from "./store_cache.ts";

/** Process-level facts a run is given (tests and MCP pass their own). */
export interface Io {
  cwd: string;
  env: (name: string) => string | undefined;
  write: (text: string) => void;
  isTTY: boolean;
  columns: number;
  readStdin: () => Promise<Uint8Array>;
  source: EventSource;
  /** Kept-open stores (MCP), keyed by database path. */
  storeCache?: StoreCache;
  /** The process exits after this command (main.ts): its store is left, not closed. */
  exitsAfter?: boolean;
}

/** The context handed to a command's `run`. */
export class CliContext {
  #location: StorageLocation | null = null;
  #settings: Settings | null = null;
  #ctx: Ctx | null = null;
  openReport: OpenReport | null = null;
  /** A configuration error tolerated by `core({ tolerateConfig: true })`. */
  configError: CairnError | null = null;
  /** The output-mode flag given on the command line (`--json`/`--toon`/`--human`), if any. */
  formatFlag: "json" | "toon" | "human" | null = null;
  readonly now: () => number;

  constructor(
    readonly io: Io,
    readonly commandId: string,
    readonly requestId: string,
    readonly locate = () => locateStorage(io.cwd, io.env),
    /** The config file as the caller already read it (the output mode needs it first). */
    readonly readConfig?: () => Promise<Record<string, unknown>>,
  ) {
    this.now = makeClock(io.env);
  }

  get cwd(): string {
    return this.io.cwd;
  }

  env(name: string): string | undefined {
    return this.io.env(name);
  }

  /** Where the storage is (resolved once). */
  location(): StorageLocation {
    return this.#location ??= this.locate();
  }

  /** The effective settings (config file read only when it exists). */
  async settings(): Promise<Settings> {
    if (this.#settings) return this.#settings;
    const loc = this.location();
    const dir = loc.exists ? loc.dir : null;
    return this.#settings = await loadSettings(dir, this.io.env, this.readConfig?.());
  }

  /**
   * The core context with an open store. Inside git (or with `CAIRN_DIR`)
   * storage is created on first use; outside git a missing `.cairn/` is
   * `not_initialized` unless `create` is set (`init`).
   */
  async core(
    options: { create?: boolean; noMigrate?: boolean; tolerateConfig?: boolean } = {},
  ): Promise<Ctx> {
    if (this.#ctx) return this.#ctx;
    const location = this.location();
    if (!location.exists && location.mode === "directory" && !options.create) {
      throw new CairnError("not_initialized", `No cairn storage found from ${this.io.cwd}`, {
        cwd: this.io.cwd,
        hint: "cairn init",
      });
    }
    const settings = await this.settings().catch(async (err) => {
      // `doctor` reports a broken configuration as a check and runs on the defaults.
      if (!options.tolerateConfig || (err as CairnError).code !== "invalid_input") throw err;
      this.configError = err as CairnError;
      return this.#settings = await loadSettings(null, () => undefined);
    });
    let store = this.io.storeCache?.get(location.database);
    if (!store) {
      const opened = await openStore(location, {
        durability: settings.values["storage.durability"]!.value as "normal" | "full",
        cacheMib: settings.values["storage.cache_mib"]!.value as number,
        noMigrate: options.noMigrate,
        now: this.now,
      });
      store = opened.store;
      this.openReport = opened.report;
      this.io.storeCache?.set(location.database, store);
    }
    let actor: string | null = null;
    let git: GitStamp | null = null;
    const env = this.io.env;
    return this.#ctx = {
      store,
      source: this.io.source,
      command: this.commandId,
      env,
      now: this.now,
      settings,
      actor: () => actor ??= resolveActor(env, location.git),
      git: () => git ??= gitStamp(location, env),
    };
  }

  /** Closes the store unless it is kept open by the caller, or left to the exit (`Store.leave`). */
  close(): void {
    if (!this.#ctx || this.io.storeCache) return;
    if (this.io.exitsAfter) this.#ctx.store.leave();
    else this.#ctx.store.close();
  }
}

function gitStamp(location: StorageLocation, env: (name: string) => string | undefined): GitStamp {
  if (!location.git) return { branch: null, head: null, worktree: null };
  const git = readGitHead(location.git);
  const root = location.git.worktreeRoot;
  const shared = location.git.sharedRoot;
  const home = env("HOME");
  let worktree = root;
  if (root === shared) worktree = ".";
  else if (root.startsWith(`${shared}/`)) worktree = root.slice(shared.length + 1);
  else if (home && root.startsWith(`${home}/`)) worktree = `~${root.slice(home.length)}`;
  return {
    branch: git.branch,
    get head() {
      return git.head;
    },
    worktree,
  };
}
