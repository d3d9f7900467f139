/**
 * The board app: Fresh-style route files registered on one Hono app behind
 * the Host/Origin checks and security headers. `createApp` is used by the
 * server and, in-process with `app.request()`, by the HTTP tests.
 */
import { Hono } from "hono";
import { CairnError, type Ctx, newRequestId } from "../core/mod.ts";
import { type ChangeWatcher, Hub, SnapshotCache } from "../core/board/mod.ts";
import { Auth } from "./_lib/auth.ts";
import { type Board, type BoardContext, type BoardEnv, currentSnapshot } from "./_lib/board.ts";
import { htmlResponse } from "./_lib/html.ts";
import { messagePage } from "./_lib/page.tsx";
import { fail } from "./_lib/respond.ts";
import { authenticate, checkHost, checkOrigin, SECURITY_HEADERS } from "./_lib/security.ts";
import { API_ROUTES, PAGE_ROUTES } from "./_manifest.ts";
import * as assets from "./assets/[hash]/[file].ts";

/** Options of one board app. */
export interface AppOptions {
  /** Core context with `source: "board"`. */
  ctx: Ctx;
  /** The listening port (Host and Origin must name it). */
  port: number;
  auth?: Auth;
  hub?: Hub;
  watcher?: ChangeWatcher | null;
  log?: (line: string) => void;
  snapshots?: SnapshotCache;
}

const METHODS = ["GET", "POST", "PATCH", "DELETE"] as const;

/** `/api/tasks/:id` → a regex matching concrete paths. */
function pattern(template: string): RegExp {
  return new RegExp(`^${template.replace(/:[a-zA-Z]+/g, "[^/]+")}$`);
}

/** Builds the board app and its services. */
export function createApp(o: AppOptions): Hono<BoardEnv> & { board: Board } {
  const snapshots = o.snapshots ?? new SnapshotCache();
  const board: Board = {
    ctx: o.ctx,
    port: o.port,
    auth: o.auth ?? new Auth(),
    hub: o.hub ?? new Hub({ snapshot: () => currentSnapshot(board).snapshot }),
    watcher: o.watcher ?? null,
    log: o.log ?? ((line) => console.error(line)),
    snapshots,
  };
  const app = new Hono<BoardEnv>();

  app.use("*", async (c, next) => {
    c.set("board", board);
    c.set("requestId", newRequestId());
    const isAsset = new URL(c.req.url).pathname.startsWith("/assets/");
    const denied = checkHost(c) ?? checkOrigin(c);
    if (denied) c.res = fail(c, "board", denied);
    else await next();
    if (!isAsset || denied) {
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    }
    c.res.headers.set("x-request-id", c.get("requestId"));
  });

  app.get("/assets/:hash/:file", assets.GET);
  for (const [template, mod] of [...PAGE_ROUTES, ...API_ROUTES]) {
    for (const m of METHODS) {
      const handler = (mod as Record<string, unknown>)[m] as
        | ((c: BoardContext) => Response | Promise<Response>)
        | undefined;
      if (handler) app.on(m, template, handler);
    }
  }

  const known = API_ROUTES.map(([template, mod]) => ({
    re: pattern(template),
    allow: METHODS.filter((m) => (mod as Record<string, unknown>)[m]),
  }));
  app.all("/api/*", (c) => {
    try {
      authenticate(c, { api: true });
      const path = new URL(c.req.url).pathname;
      const route = known.find((k) => k.re.test(path));
      if (route) {
        const res = fail(
          c,
          "board",
          new CairnError("method_not_allowed", `${c.req.method} is not allowed on ${path}`, {
            method: c.req.method,
            allowed: route.allow,
          }),
        );
        res.headers.set("allow", route.allow.join(", "));
        return res;
      }
      throw new CairnError("not_found", `No API route ${path}`, { path });
    } catch (err) {
      return fail(c, "board", err);
    }
  });
  app.notFound(() =>
    htmlResponse(
      404,
      messagePage("cairn board", "Page not found", `<a href="/">Back to all epics</a>`),
    )
  );
  return Object.assign(app, { board });
}
