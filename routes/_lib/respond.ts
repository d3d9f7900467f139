/**
 * Envelope responses (SPEC §15.3): every API answer is the CLI envelope,
 * with its request id also in `X-Request-Id` and errors mapped to their
 * registered HTTP status (SPEC §18).
 */
import { CairnError, httpStatus } from "../../core/mod.ts";
import { failure, success, toJsonLine } from "../../cli/output/envelope.ts";
import type { BoardContext } from "./board.ts";

/** A JSON response with a body already serialised. */
export function jsonResponse(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The serialised success envelope. */
export function successBody(c: BoardContext, op: string, data: unknown): string {
  return toJsonLine(success(op, data, c.get("requestId")));
}

/** A success envelope response. */
export function ok(
  c: BoardContext,
  op: string,
  data: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, successBody(c, op, data), headers);
}

/** Any thrown value as a registered error (unexpected ones become `internal_error`). */
export function asCairnError(err: unknown): CairnError {
  if (err instanceof CairnError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/database is locked/i.test(message)) {
    return new CairnError("database_busy", "The database is busy", { attempts: 1, waitedMs: 0 });
  }
  return new CairnError("internal_error", `Internal error: ${message}`, { cause: message });
}

/** A failure envelope response with the error's HTTP status; 5xx answers are logged. */
export function fail(c: BoardContext, op: string, err: unknown): Response {
  const e = asCairnError(err);
  const status = httpStatus(e.code);
  if (status >= 500) {
    c.get("board").log(
      `cairn board: ${status} ${e.code} ${c.req.method} ${new URL(c.req.url).pathname} [${
        c.get("requestId")
      }]`,
    );
  }
  return jsonResponse(status, toJsonLine(failure(op, e, c.get("requestId"))));
}
