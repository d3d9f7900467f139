/** `POST /api/subtasks/{id}/move` (`subtask.move`). */
import { moveRoute } from "../../../_lib/actions.ts";

export const POST = moveRoute("subtask");
