/**
 * `cairn board` (SPEC §15.1): serve the board on 127.0.0.1, watch the
 * database for changes from any process, open the browser, write
 * `.cairn/board.json`, and stop cleanly on SIGINT/SIGTERM.
 */
import { CairnError, type Ctx, openStore } from "../core/mod.ts";
import { ChangeWatcher, Hub, repoInfo, SnapshotCache } from "../core/board/mod.ts";
import { createApp } from "./app.ts";
import { Auth } from "./_lib/auth.ts";

/** Options of `startBoard`. */
export interface StartOptions {
  /** Core context with `source: "board"`. */
  ctx: Ctx;
  port: number;
  open: boolean;
  revealToken: boolean;
  log?: (line: string) => void;
}

/** Data of the `board.open` envelope. */
export interface BoardOpenData {
  origin: string;
  url: string;
  port: number;
  pid: number;
  token?: string;
  opened: boolean;
  opener: string | null;
  openError: string | null;
  storage: { root: string; database: string };
}

function opener(env: (name: string) => string | undefined, url: string): string[] {
  const browser = env("BROWSER")?.trim();
  if (browser) return [...browser.split(/\s+/), url];
  if (Deno.build.os === "darwin") return ["open", url];
  if (Deno.build.os === "windows") return ["cmd", "/c", "start", "", url];
  return ["xdg-open", url];
}

function openBrowser(env: (name: string) => string | undefined, url: string) {
  const [cmd, ...args] = opener(env, url);
  try {
    const child = new Deno.Command(cmd!, { args, stdin: "null", stdout: "null", stderr: "null" })
      .spawn();
    child.unref();
    child.status.catch(() => {});
    return { opened: true, opener: cmd!, openError: null };
  } catch (err) {
    return { opened: false, opener: cmd!, openError: (err as Error).message };
  }
}

function listen(
  port: number,
  handler: Deno.ServeHandler,
  signal: AbortSignal,
): Deno.HttpServer<Deno.NetAddr> {
  try {
    return Deno.serve({ hostname: "127.0.0.1", port, signal, onListen: () => {} }, handler);
  } catch (err) {
    if (err instanceof Deno.errors.AddrInUse) {
      throw new CairnError(
        "port_in_use",
        `Port ${port} is already in use; pass --port 0 for a free port`,
        { port },
      );
    }
    throw err;
  }
}

/**
 * Starts the board. Resolves once listening with the envelope data and a
 * `finished` promise that settles (exit code 0) after a signal stopped it.
 */
export function startBoard(o: StartOptions): { data: BoardOpenData; finished: Promise<number> } {
  const log = o.log ?? ((line: string) => console.error(line));
  const ctx = o.ctx;
  const location = ctx.store.location;
  const auth = new Auth();
  const stop = new AbortController();
  let fetcher: ((req: Request) => Response | Promise<Response>) | null = null;
  const server = listen(o.port, (req) => fetcher!(req), stop.signal);
  const port = server.addr.port;
  const origin = `http://127.0.0.1:${port}`;
  const snapshots = new SnapshotCache();
  const snapshot = () => snapshots.get(ctx.store, { now: ctx.now(), repo: repoInfo(location) });
  const hub = new Hub({ snapshot: () => snapshot().snapshot, now: () => Date.now() });
  const watcher = new ChangeWatcher(location, {
    now: ctx.now,
    onDelta: (d) => {
      snapshots.apply(d, ctx.now());
      hub.publish(d);
    },
    onSnapshot: (seq) => {
      snapshots.clear();
      hub.publishSnapshot(seq);
    },
    onReset: (seq) => {
      // The database file was replaced (wipe, restore): write to the new one too.
      openStore(location, { now: ctx.now }).then(({ store }) => {
        const old = ctx.store;
        ctx.store = store;
        old.close();
        snapshots.clear();
        hub.reset(seq);
      }, (err) => log(`cairn board: cannot reopen the database: ${(err as Error).message}`));
    },
  });
  watcher.start();
  hub.start(watcher.seq);
  const app = createApp({ ctx, port, auth, hub, watcher, log, snapshots });
  // Build the first snapshot before announcing the URL: the first page then
  // answers from the cache instead of a cold build of every record.
  snapshot().json();
  fetcher = (req) => app.fetch(req);

  const url = `${origin}/?token=${auth.loginToken}`;
  const boardFile = `${location.dir}/board.json`;
  Deno.writeTextFileSync(
    boardFile,
    JSON.stringify(
      {
        pid: Deno.pid,
        port,
        origin,
        startedAt: new Date().toISOString(),
        database: location.database,
      },
      null,
      2,
    ) +
      "\n",
  );
  const browser = o.open
    ? openBrowser(ctx.env, url)
    : { opened: false, opener: null, openError: null };
  log(`cairn board: serving ${location.root} at ${origin} (pid ${Deno.pid})`);

  const finished = new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      hub.close();
      watcher.stop();
      stop.abort();
      await Promise.race([server.finished, new Promise((r) => setTimeout(r, 2000))]);
      try {
        Deno.removeSync(boardFile);
      } catch { /* already gone */ }
      log("cairn board: stopped");
      for (const sig of ["SIGINT", "SIGTERM"] as const) {
        try {
          Deno.removeSignalListener(sig, shutdown);
        } catch { /* never added */ }
      }
      resolve(0);
    };
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      try {
        Deno.addSignalListener(sig, shutdown);
      } catch { /* SIGTERM is not available on Windows */ }
    }
  });

  const data: BoardOpenData = {
    origin,
    url,
    port,
    pid: Deno.pid,
    ...(o.revealToken ? { token: auth.serverToken } : {}),
    ...browser,
    storage: { root: location.root, database: location.database },
  };
  return { data, finished };
}
