/** `POST /api/subtasks` (`subtask.create`). */
import { createSubtask } from "../../../core/mod.ts";
import { mutation } from "../../_lib/api.ts";
import { fullId, placement, required, status, versionOf } from "../../_lib/values.ts";

export const POST = mutation({
  op: "subtask.create",
  body: {
    taskId: "string",
    title: "string",
    description: "string",
    status: "string",
    owner: "string",
    before: "string",
    after: "string",
  },
  ifMatch: "none",
  created: true,
  etag: versionOf,
  run: (ctx, { body }) =>
    createSubtask(ctx, {
      task: fullId(required<string>(body, "taskId"), ["task"])!,
      title: required<string>(body, "title"),
      description: body.description,
      status: status(body.status),
      owner: body.owner,
      ...placement(body, "subtask"),
    }),
});
