/** `POST /api/tasks/{id}/done` (`task.done`). */
import { doneRoute } from "../../../_lib/actions.ts";

export const POST = doneRoute("task");
