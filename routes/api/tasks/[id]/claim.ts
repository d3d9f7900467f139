/** `POST /api/tasks/{id}/claim` (`task.claim`). */
import { claimRoute } from "../../../_lib/actions.ts";

export const POST = claimRoute("task");
