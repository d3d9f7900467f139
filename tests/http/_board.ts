/**
 * HTTP test harness: the board app in-process (`app.request()`) on a real
 * temp git repository with a seeded plan, plus request helpers for the three
 * ways of authenticating (none, bearer, session cookie).
 */
import { createApp } from "../../routes/app.ts";
import { Auth } from "../../routes/_lib/auth.ts";
import { openCtx, type SeededPlan, seedPlan, type TestCtx } from "../helpers/core_ctx.ts";
import { tempRepo } from "../helpers/cli.ts";

/** The port the in-process app believes it listens on. */
export const PORT = 4377;
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/** One board under test. */
export interface TestBoard {
  app: ReturnType<typeof createApp>;
  auth: Auth;
  ctx: TestCtx;
  plan: SeededPlan;
  dir: string;
  logs: string[];
  /** A request with the bearer token. */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  /** A raw request (no credentials unless given). */
  raw: (path: string, init?: RequestInit) => Promise<Response>;
  /** A session cookie obtained through the login-token exchange. */
  login: () => Promise<string>;
  close: () => void;
}

/** JSON body helper. */
export function json(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** Starts a board app on a fresh seeded repository. */
export async function testBoard(
  o: { seed?: boolean; now?: () => number } = {},
): Promise<TestBoard> {
  const repo = await tempRepo();
  const plan = o.seed === false ? null : await seedPlan(repo.dir);
  const base = await openCtx(repo.dir, { actor: "board-user", now: o.now });
  const ctx: TestCtx = { ...base, source: "board", command: "board.open" };
  const auth = new Auth();
  const logs: string[] = [];
  const app = createApp({ ctx, port: PORT, auth, log: (l) => logs.push(l) });
  const raw = async (path: string, init: RequestInit = {}) =>
    await app.request(`${ORIGIN}${path}`, init);
  const api = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${auth.serverToken}`);
    return raw(path, { ...init, headers });
  };
  const login = async () => {
    const res = await raw(`/?token=${auth.serverToken}`);
    const cookie = res.headers.get("set-cookie")!;
    return cookie.split(";")[0]!;
  };
  return {
    app,
    auth,
    ctx,
    plan: plan as SeededPlan,
    dir: repo.dir,
    logs,
    api,
    raw,
    login,
    close: () => {
      app.board.hub.close();
      ctx.close();
      Deno.removeSync(repo.dir, { recursive: true });
    },
  };
}

/** Count of events in the database (for "nothing was written"). */
export function eventCount(b: TestBoard): number {
  return Number(b.ctx.store.get<{ n: number }>("SELECT COUNT(*) AS n FROM events")!.n);
}

/** The current version of a row. */
export function versionOf(b: TestBoard, table: string, id: string): number {
  return Number(
    b.ctx.store.get<{ version: number }>(`SELECT version FROM ${table} WHERE id = ?`, id)!.version,
  );
}
