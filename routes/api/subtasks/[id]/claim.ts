/** `POST /api/subtasks/{id}/claim` (`subtask.claim`). */
import { claimRoute } from "../../../_lib/actions.ts";

export const POST = claimRoute("subtask");
