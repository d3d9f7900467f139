/**
 * Every route file and its path template (Fresh-style names: `[id]` is the
 * `:id` parameter). The app registers each exported method handler.
 */
import * as index from "./index.tsx";
import * as epicPage from "./epics/[id].tsx";
import * as snapshot from "./api/snapshot.ts";
import * as stream from "./api/stream.ts";
import * as item from "./api/items/[id].ts";
import * as itemHistory from "./api/items/[id]/history.ts";
import * as ready from "./api/ready.ts";
import * as search from "./api/search.ts";
import * as epics from "./api/epics/index.ts";
import * as epic from "./api/epics/[id].ts";
import * as epicMove from "./api/epics/[id]/move.ts";
import * as tasks from "./api/tasks/index.ts";
import * as task from "./api/tasks/[id].ts";
import * as taskMove from "./api/tasks/[id]/move.ts";
import * as taskClaim from "./api/tasks/[id]/claim.ts";
import * as taskRelease from "./api/tasks/[id]/release.ts";
import * as taskDone from "./api/tasks/[id]/done.ts";
import * as taskCriteria from "./api/tasks/[id]/criteria.ts";
import * as subtasks from "./api/subtasks/index.ts";
import * as subtask from "./api/subtasks/[id].ts";
import * as subtaskMove from "./api/subtasks/[id]/move.ts";
import * as subtaskClaim from "./api/subtasks/[id]/claim.ts";
import * as subtaskRelease from "./api/subtasks/[id]/release.ts";
import * as subtaskDone from "./api/subtasks/[id]/done.ts";
import * as dependencies from "./api/dependencies.ts";
import * as criterion from "./api/criteria/[id].ts";
import * as criterionMove from "./api/criteria/[id]/move.ts";

type RouteModule = Record<string, unknown>;

/** HTML pages. */
export const PAGE_ROUTES: [string, RouteModule][] = [
  ["/", index],
  ["/epics/:id", epicPage],
];

/** JSON API and the event stream (SPEC §15.4). */
export const API_ROUTES: [string, RouteModule][] = [
  ["/api/snapshot", snapshot],
  ["/api/stream", stream],
  ["/api/items/:id", item],
  ["/api/items/:id/history", itemHistory],
  ["/api/ready", ready],
  ["/api/search", search],
  ["/api/epics", epics],
  ["/api/epics/:id", epic],
  ["/api/epics/:id/move", epicMove],
  ["/api/tasks", tasks],
  ["/api/tasks/:id", task],
  ["/api/tasks/:id/move", taskMove],
  ["/api/tasks/:id/claim", taskClaim],
  ["/api/tasks/:id/release", taskRelease],
  ["/api/tasks/:id/done", taskDone],
  ["/api/tasks/:id/criteria", taskCriteria],
  ["/api/subtasks", subtasks],
  ["/api/subtasks/:id", subtask],
  ["/api/subtasks/:id/move", subtaskMove],
  ["/api/subtasks/:id/claim", subtaskClaim],
  ["/api/subtasks/:id/release", subtaskRelease],
  ["/api/subtasks/:id/done", subtaskDone],
  ["/api/dependencies", dependencies],
  ["/api/criteria/:id", criterion],
  ["/api/criteria/:id/move", criterionMove],
];
