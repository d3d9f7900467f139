/** `GET /api/items/{id}` (`show`): data as `cairn show`, with `ETag`. */
import { showItem } from "../../../core/mod.ts";
import { route } from "../../_lib/api.ts";
import { fullId, versionOf } from "../../_lib/values.ts";

export const GET = route("show", (c, ctx) => {
  const id = fullId(c.req.param("id"), ["epic", "task", "subtask", "criterion"])!;
  return showItem(ctx, { id });
}, { etag: versionOf });
