/** `POST /api/tasks/{id}/release` (`task.release`). */
import { releaseRoute } from "../../../_lib/actions.ts";

export const POST = releaseRoute("task");
