/**
 * `GET /api/stream` (`board.stream`): server-sent events (SPEC §15.6). The
 * stream pulls one frame at a time from the client's hub queue, so a slow
 * reader's queue grows and the hub's backpressure rules apply.
 */
import type { BoardContext } from "../_lib/board.ts";
import { fail } from "../_lib/respond.ts";
import { authenticate } from "../_lib/security.ts";

const encoder = new TextEncoder();

export function GET(c: BoardContext): Response {
  try {
    authenticate(c, { api: true });
  } catch (err) {
    return fail(c, "board.stream", err);
  }
  const board = c.get("board");
  board.watcher?.checkNow();
  const header = c.req.header("last-event-id");
  const last = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header.trim()) : null;
  const client = board.hub.connect(last);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const frame = await client.next();
      if (frame === null) controller.close();
      else controller.enqueue(encoder.encode(frame));
    },
    cancel() {
      client.close();
    },
  }, { highWaterMark: 0 });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}
