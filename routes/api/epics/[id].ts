/** `PATCH /api/epics/{id}` (`epic.update`, with `cascade`), `DELETE /api/epics/{id}` (`epic.delete`). */
import { cascadeComplete, checkUpdateOptions, deleteEpic, updateEpic } from "../../../core/mod.ts";
import { mutation } from "../../_lib/api.ts";
import { fullId, priority, status, versionOf } from "../../_lib/values.ts";

export const PATCH = mutation({
  op: "epic.update",
  body: {
    title: "string",
    description: "string",
    append: "string",
    status: "string",
    priority: "string",
    cascade: "boolean",
    force: "boolean",
  },
  ifMatch: "required",
  etag: versionOf,
  run: (ctx, { id, body, ifMatch }) => {
    fullId(id, ["epic"]);
    const input = {
      id,
      title: body.title,
      description: body.description,
      append: body.append,
      status: status(body.status),
      priority: priority(body.priority),
      force: body.force,
      cascade: body.cascade,
      ifMatch,
    };
    if (!body.cascade) return updateEpic(ctx, input);
    checkUpdateOptions("epic", input);
    return cascadeComplete(ctx, { id, kind: "epic", force: body.force, ifMatch });
  },
});

export const DELETE = mutation({
  op: "epic.delete",
  query: { cascade: "boolean" },
  ifMatch: "required",
  run: (ctx, { id, query, ifMatch }) => {
    fullId(id, ["epic"]);
    return deleteEpic(ctx, { id, cascade: query.cascade === true, ifMatch });
  },
});
