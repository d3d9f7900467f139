/** `POST /api/epics/{id}/move` (`epic.move`). */
import { moveEpic } from "../../../../core/mod.ts";
import { mutation } from "../../../_lib/api.ts";
import { fullId, placement, versionOf } from "../../../_lib/values.ts";

export const POST = mutation({
  op: "epic.move",
  body: { before: "string", after: "string" },
  ifMatch: "optional",
  etag: versionOf,
  run: (ctx, { id, body, ifMatch }) => {
    fullId(id, ["epic"]);
    return moveEpic(ctx, { id, ...placement(body, "epic"), ifMatch });
  },
});
