/** `POST /api/epics` (`epic.create`). */
import { createEpic } from "../../../core/mod.ts";
import { mutation } from "../../_lib/api.ts";
import { placement, priority, required, status, versionOf } from "../../_lib/values.ts";

export const POST = mutation({
  op: "epic.create",
  body: {
    title: "string",
    description: "string",
    status: "string",
    priority: "string",
    before: "string",
    after: "string",
  },
  ifMatch: "none",
  created: true,
  etag: versionOf,
  run: (ctx, { body }) =>
    createEpic(ctx, {
      title: required<string>(body, "title"),
      description: body.description,
      status: status(body.status),
      priority: priority(body.priority),
      ...placement(body, "epic"),
    }),
});
