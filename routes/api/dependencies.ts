/** `POST /api/dependencies` (`dep.add`; 201 when created, 200 when it existed), `DELETE` (`dep.remove`). */
import { addDependency, removeDependency } from "../../core/mod.ts";
import { mutation } from "../_lib/api.ts";
import { fullId, required } from "../_lib/values.ts";

const NODES = ["task", "subtask"] as const;

export const POST = mutation({
  op: "dep.add",
  body: { sourceId: "string", dependsOnId: "string" },
  ifMatch: "none",
  created: (data) => data.created === true,
  run: (ctx, { body }) =>
    addDependency(ctx, {
      source: fullId(required<string>(body, "sourceId"), NODES)!,
      dependsOn: fullId(required<string>(body, "dependsOnId"), NODES)!,
    }),
});

export const DELETE = mutation({
  op: "dep.remove",
  query: { sourceId: "string", dependsOnId: "string" },
  ifMatch: "none",
  run: (ctx, { query }) =>
    removeDependency(ctx, {
      source: fullId(required<string>(query, "sourceId"), NODES)!,
      dependsOn: fullId(required<string>(query, "dependsOnId"), NODES)!,
    }),
});
