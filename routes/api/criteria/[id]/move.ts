/** `POST /api/criteria/{id}/move` (`criteria.move`). */
import { moveCriterion } from "../../../../core/mod.ts";
import { mutation } from "../../../_lib/api.ts";
import { fullId, placement, versionOf } from "../../../_lib/values.ts";

export const POST = mutation({
  op: "criteria.move",
  body: { before: "string", after: "string" },
  ifMatch: "optional",
  etag: versionOf,
  run: (ctx, { id, body, ifMatch }) => {
    fullId(id, ["criterion"]);
    return moveCriterion(ctx, { id, ...placement(body, "criterion"), ifMatch });
  },
});
