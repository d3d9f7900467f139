/** `GET /api/ready` (`task.ready`): ready, waiting and blocked tasks, ranked. */
import { listReady } from "../../core/mod.ts";
import { route } from "../_lib/api.ts";
import { query } from "../_lib/input.ts";
import { fullId, intIn } from "../_lib/values.ts";

export const GET = route("task.ready", (c, ctx) => {
  const q = query<{ epic?: string; owner?: string; limit?: number }>(c, {
    epic: "string",
    owner: "string",
    limit: "int",
  });
  return listReady(ctx, {
    epic: fullId(q.epic, ["epic"]) ?? null,
    owner: q.owner ?? null,
    limit: intIn("limit", q.limit, 1, 1000),
  });
});
