/** `GET /api/snapshot` (`board.snapshot`): every record with derived fields. */
import { buildSnapshot, repoInfo } from "../../core/board/mod.ts";
import { route } from "../_lib/api.ts";

export const GET = route("board.snapshot", (_c, ctx) => ({
  snapshot: buildSnapshot(ctx.store, { now: ctx.now(), repo: repoInfo(ctx.store.location) }),
}));
