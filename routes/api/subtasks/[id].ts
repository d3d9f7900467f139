/** `PATCH /api/subtasks/{id}` (`subtask.update`), `DELETE /api/subtasks/{id}` (`subtask.delete`). */
import { deleteRoute, updateRoute } from "../../_lib/actions.ts";

export const PATCH = updateRoute("subtask");
export const DELETE = deleteRoute("subtask");
