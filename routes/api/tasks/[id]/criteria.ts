/** `POST /api/tasks/{id}/criteria` (`criteria.add`). */
import { addCriterion } from "../../../../core/mod.ts";
import { mutation } from "../../../_lib/api.ts";
import { fullId, placement, required, versionOf } from "../../../_lib/values.ts";

export const POST = mutation({
  op: "criteria.add",
  body: { text: "string", before: "string", after: "string" },
  ifMatch: "none",
  created: true,
  etag: versionOf,
  run: (ctx, { id, body }) => {
    fullId(id, ["task"]);
    return addCriterion(ctx, {
      task: id,
      text: required<string>(body, "text"),
      ...placement(body, "criterion"),
    });
  },
});
