/** `POST /api/subtasks/{id}/done` (`subtask.done`). */
import { doneRoute } from "../../../_lib/actions.ts";

export const POST = doneRoute("subtask");
