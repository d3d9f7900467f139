/** `POST /api/tasks` (`task.create`). */
import { createTask } from "../../../core/mod.ts";
import { mutation } from "../../_lib/api.ts";
import { fullId, placement, priority, required, status, versionOf } from "../../_lib/values.ts";

export const POST = mutation({
  op: "task.create",
  body: {
    epicId: "string",
    title: "string",
    description: "string",
    status: "string",
    priority: "string",
    owner: "string",
    before: "string",
    after: "string",
  },
  ifMatch: "none",
  created: true,
  etag: versionOf,
  run: (ctx, { body }) =>
    createTask(ctx, {
      epic: fullId(required<string>(body, "epicId"), ["epic"])!,
      title: required<string>(body, "title"),
      description: body.description,
      status: status(body.status),
      priority: priority(body.priority),
      owner: body.owner,
      ...placement(body, "task"),
    }),
});
