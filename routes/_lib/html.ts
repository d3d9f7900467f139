/**
 * HTML page handlers: the login-token exchange (303 without the token and a
 * session cookie), authentication, and the page data every page embeds.
 */
import { TRANSITIONS } from "../../core/mod.ts";
import type { PageData, PageKind } from "../../islands/_lib/types.ts";
import { type Board, type BoardContext, currentSnapshot } from "./board.ts";
import type { Handler } from "./api.ts";
import { escapeHtml, messagePage } from "./page.tsx";
import { asCairnError } from "./respond.ts";
import { authenticate, SESSION_COOKIE } from "./security.ts";
import { SESSION_SECONDS } from "./auth.ts";

function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", ...headers },
  });
}

const EXPIRED = () =>
  html(
    401,
    messagePage(
      "cairn board",
      "This link is no longer valid — run <code>cairn board</code> again",
      "Board links work once: the token in the link was already exchanged for a session.",
    ),
  );

/** The data embedded in a page (the snapshot as of now) and the snapshot's JSON text. */
export function pageData(
  board: Board,
  page: PageKind,
  url: URL,
): { data: PageData; snapshotJson: string } {
  const cached = currentSnapshot(board);
  return {
    data: {
      snapshot: cached.snapshot,
      transitions: TRANSITIONS as PageData["transitions"],
      page,
      url: url.pathname + url.search,
      now: board.ctx.now(),
    },
    snapshotJson: cached.json(),
  };
}

/** An HTML page route. */
export function page(
  render: (c: BoardContext, board: Board, url: URL) => Response | string,
): Handler {
  return (c) => {
    const board = c.get("board");
    const url = new URL(c.req.url);
    const token = url.searchParams.get("token");
    if (token !== null) {
      if (!board.auth.exchange(token)) return Promise.resolve(EXPIRED());
      url.searchParams.delete("token");
      const session = board.auth.newSession(board.ctx.now());
      return Promise.resolve(
        new Response(null, {
          status: 303,
          headers: {
            location: url.pathname + (url.search === "?" ? "" : url.search),
            "set-cookie":
              `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_SECONDS}`,
          },
        }),
      );
    }
    try {
      authenticate(c, { api: false });
    } catch (err) {
      const e = asCairnError(err);
      if (e.code === "unauthorized") {
        return Promise.resolve(
          e.details.reason === "missing_credentials"
            ? html(
              401,
              messagePage(
                "cairn board",
                "Sign in with your board link",
                "Open the link printed by <code>cairn board</code> (it carries a one-time token).",
              ),
            )
            : EXPIRED(),
        );
      }
      return Promise.resolve(
        html(403, messagePage("cairn board", "Forbidden", escapeHtml(e.message))),
      );
    }
    try {
      const out = render(c, board, url);
      return Promise.resolve(typeof out === "string" ? html(200, out) : out);
    } catch (err) {
      const e = asCairnError(err);
      board.log(`cairn board: 500 ${e.code} GET ${url.pathname} [${c.get("requestId")}]`);
      return Promise.resolve(
        html(
          500,
          messagePage(
            "cairn board",
            "Something went wrong",
            "The error was logged by the board process.",
          ),
        ),
      );
    }
  };
}

/** An HTML answer with a status (e.g. 404 pages). */
export function htmlResponse(status: number, body: string): Response {
  return html(status, body);
}
