/** `POST /api/tasks/{id}/move` (`task.move`). */
import { moveRoute } from "../../../_lib/actions.ts";

export const POST = moveRoute("task");
