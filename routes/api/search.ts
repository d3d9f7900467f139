/** `GET /api/search` (`search`): literal text search over titles, descriptions and criteria. */
import { SEARCH_FIELDS } from "../../core/mod.ts";
import { searchItems } from "../../core/search/mod.ts";
import { route } from "../_lib/api.ts";
import { query } from "../_lib/input.ts";
import { csv, fullId, intIn } from "../_lib/values.ts";

export const GET = route("search", (c, ctx) => {
  const q = query<
    {
      q?: string;
      in?: string;
      fields?: string;
      ignoreCase?: boolean;
      status?: string;
      limit?: number;
      cursor?: string;
    }
  >(c, {
    q: "string",
    in: "string",
    fields: "string",
    ignoreCase: "boolean",
    status: "string",
    limit: "int",
    cursor: "string",
  });
  return searchItems(ctx, {
    text: q.q ?? "",
    in: fullId(q.in, ["epic", "task", "subtask"]),
    fields: csv("fields", q.fields, SEARCH_FIELDS),
    ignoreCase: q.ignoreCase,
    status: csv("status", q.status, ["todo", "in_progress", "blocked", "done"] as const),
    limit: intIn("limit", q.limit, 1, 1000),
    cursor: q.cursor,
  });
});
