/** `PATCH /api/epics/{id}` (`epic.update`, with `cascade`), `DELETE /api/epics/{id}` (`epic.delete`). */
import { deleteEpic } from "../../../core/mod.ts";
import { updateRoute } from "../../_lib/actions.ts";
import { mutation } from "../../_lib/api.ts";
import { fullId } from "../../_lib/values.ts";

export const PATCH = updateRoute("epic");

export const DELETE = mutation({
  op: "epic.delete",
  query: { cascade: "boolean" },
  ifMatch: "required",
  run: (ctx, { id, query, ifMatch }) => {
    fullId(id, ["epic"]);
    return deleteEpic(ctx, { id, cascade: query.cascade === true, ifMatch });
  },
});
