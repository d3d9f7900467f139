/**
 * `GET /api/snapshot` (`board.snapshot`): every record with derived fields.
 * The cached snapshot's JSON is spliced into the envelope, so an unchanged
 * board answers without re-serialising ten thousand records.
 */
import { type BoardContext, currentSnapshot } from "../_lib/board.ts";
import { fail, jsonResponse, successBody } from "../_lib/respond.ts";
import { authenticate } from "../_lib/security.ts";

const MARK = "\u0000snapshot\u0000";

export function GET(c: BoardContext): Response {
  try {
    authenticate(c, { api: true });
    const json = currentSnapshot(c.get("board")).json();
    const envelope = successBody(c, "board.snapshot", { snapshot: MARK });
    const body = envelope.replace(
      JSON.stringify(MARK),
      () => json.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"),
    );
    return jsonResponse(200, body);
  } catch (err) {
    return fail(c, "board.snapshot", err);
  }
}
