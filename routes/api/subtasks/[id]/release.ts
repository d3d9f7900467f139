/** `POST /api/subtasks/{id}/release` (`subtask.release`). */
import { releaseRoute } from "../../../_lib/actions.ts";

export const POST = releaseRoute("subtask");
