/**
 * The board's defences (SPEC §15.2): Host and Origin checks against DNS
 * rebinding and cross-site requests, authentication by session cookie or
 * bearer token, and the security headers of every HTML/API answer.
 */
import { CairnError } from "../../core/mod.ts";
import type { BoardContext } from "./board.ts";

/** Headers of every HTML and API response. */
export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** The session cookie's name. */
export const SESSION_COOKIE = "cairn_session";

const UNSAFE = new Set(["POST", "PATCH", "PUT", "DELETE"]);

function hostOf(c: BoardContext): string {
  return (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase();
}

/** `403 forbidden_host` unless Host names the board's loopback address. */
export function checkHost(c: BoardContext): CairnError | null {
  const port = c.get("board").port;
  const host = hostOf(c);
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return null;
  return new CairnError("forbidden_host", `Host "${host}" is not this board's address`, { host });
}

/** Whether an Origin value is the board's own origin. */
export function sameOrigin(c: BoardContext, origin: string): boolean {
  const port = c.get("board").port;
  const o = origin.toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;
}

/** `403 forbidden_origin` when a request carries a foreign Origin. */
export function checkOrigin(c: BoardContext): CairnError | null {
  const origin = c.req.header("origin");
  if (origin === undefined || sameOrigin(c, origin)) return null;
  return new CairnError("forbidden_origin", `Origin "${origin}" is not allowed`, { origin });
}

/** The value of one cookie, or undefined. */
export function cookie(c: BoardContext, name: string): string | undefined {
  for (const part of (c.req.header("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function unauthorized(reason: string, message: string): CairnError {
  return new CairnError("unauthorized", message, { reason });
}

/**
 * Authenticates a request by session cookie or `Authorization: Bearer`.
 * A cookie-authenticated unsafe request must carry a valid Origin.
 */
export function authenticate(c: BoardContext, o: { api: boolean }): "cookie" | "bearer" {
  const board = c.get("board");
  if (o.api && new URL(c.req.url).searchParams.has("token")) {
    throw unauthorized(
      "token_in_url",
      "Tokens are not accepted in API URLs; use the Authorization header",
    );
  }
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m && board.auth.bearer(m[1]!)) return "bearer";
    throw unauthorized("invalid_credentials", "The bearer token is not valid");
  }
  const session = cookie(c, SESSION_COOKIE);
  if (session === undefined) {
    throw unauthorized("missing_credentials", "Sign in with the link printed by cairn board");
  }
  if (!board.auth.session(session, board.ctx.now())) {
    throw unauthorized("invalid_credentials", "The session is not valid; run cairn board again");
  }
  if (UNSAFE.has(c.req.method)) {
    const origin = c.req.header("origin");
    if (origin === undefined || !sameOrigin(c, origin)) {
      throw new CairnError(
        "forbidden_origin",
        "Requests authenticated by cookie must carry this board's Origin",
        {
          origin: origin ?? null,
        },
      );
    }
  }
  return "cookie";
}
