/** `PATCH /api/tasks/{id}` (`task.update`), `DELETE /api/tasks/{id}` (`task.delete`). */
import { deleteRoute, updateRoute } from "../../_lib/actions.ts";

export const PATCH = updateRoute("task");
export const DELETE = deleteRoute("task");
