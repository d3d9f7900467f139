/** `GET /api/items/{id}/history` (`history`): the item's events, newest first. */
import { itemHistory } from "../../../../core/mod.ts";
import { route } from "../../../_lib/api.ts";
import { query } from "../../../_lib/input.ts";
import { fullId, intIn } from "../../../_lib/values.ts";

export const GET = route("history", (c, ctx) => {
  const q = query<{ limit?: number; cursor?: string; deep?: boolean; all?: boolean }>(c, {
    limit: "int",
    cursor: "string",
    deep: "boolean",
    all: "boolean",
  });
  const id = fullId(c.req.param("id"), ["epic", "task", "subtask", "criterion"])!;
  return itemHistory(ctx, {
    id,
    limit: intIn("limit", q.limit, 1, 1000),
    cursor: q.cursor,
    deep: q.deep,
    all: q.all,
  });
});
