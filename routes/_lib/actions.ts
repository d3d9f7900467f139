/**
 * The item routes shared by tasks and subtasks (update also by epics): update
 * (with cascade for epics and tasks), move, claim, release, done, delete —
 * each one core call.
 */
import {
  cascadeComplete,
  checkUpdateOptions,
  claimItem,
  completeItem,
  deleteSubtask,
  deleteTask,
  moveSubtask,
  moveTask,
  releaseItem,
  updateEpic,
  updateSubtask,
  updateTask,
} from "../../core/mod.ts";
import { type Handler, mutation } from "./api.ts";
import { fullId, placement, priority, status, versionOf } from "./values.ts";

type Kind = "task" | "subtask";

/** `PATCH /api/{epics|tasks|subtasks}/{id}`; epics and tasks take `cascade`. */
export function updateRoute(kind: "epic" | Kind): Handler {
  const cascading = kind !== "subtask";
  return mutation({
    op: `${kind}.update`,
    body: {
      title: "string",
      description: "string",
      append: "string",
      status: "string",
      ...(kind === "epic" ? {} : { owner: "string|null" } as const),
      ...(cascading ? { priority: "string", cascade: "boolean", force: "boolean" } as const : {}),
    },
    ifMatch: "required",
    etag: versionOf,
    run: (ctx, { id, body, ifMatch }) => {
      fullId(id, [kind]);
      const input = {
        id,
        title: body.title,
        description: body.description,
        append: body.append,
        status: status(body.status),
        priority: priority(body.priority),
        ...(kind === "epic" ? {} : { owner: body.owner === null ? "" : body.owner }),
        force: body.force,
        cascade: body.cascade,
        ifMatch,
      };
      if (cascading && body.cascade) {
        checkUpdateOptions(kind, input);
        return cascadeComplete(ctx, { id, kind, force: body.force, ifMatch });
      }
      if (kind === "epic") return updateEpic(ctx, input);
      return kind === "task" ? updateTask(ctx, input) : updateSubtask(ctx, input);
    },
  });
}

/** `POST /api/{tasks|subtasks}/{id}/move`. */
export function moveRoute(kind: Kind): Handler {
  const parent = kind === "task" ? "epicId" : "taskId";
  return mutation({
    op: `${kind}.move`,
    body: { [parent]: "string", before: "string", after: "string" },
    ifMatch: "optional",
    etag: versionOf,
    run: (ctx, { id, body, ifMatch }) => {
      fullId(id, [kind]);
      const place = placement(body, kind);
      return kind === "task"
        ? moveTask(ctx, { id, epic: fullId(body.epicId, ["epic"]), ...place, ifMatch })
        : moveSubtask(ctx, { id, task: fullId(body.taskId, ["task"]), ...place, ifMatch });
    },
  });
}

/** `POST /api/{tasks|subtasks}/{id}/claim`. */
export function claimRoute(kind: Kind): Handler {
  return mutation({
    op: `${kind}.claim`,
    body: { owner: "string", lease: "string|null" },
    ifMatch: "optional",
    etag: versionOf,
    run: (ctx, { id, body, ifMatch }) => {
      fullId(id, [kind]);
      return claimItem(ctx, { id, kind, owner: body.owner, lease: body.lease, ifMatch });
    },
  });
}

/** `POST /api/{tasks|subtasks}/{id}/release`. */
export function releaseRoute(kind: Kind): Handler {
  return mutation({
    op: `${kind}.release`,
    body: { owner: "string", force: "boolean" },
    ifMatch: "optional",
    etag: versionOf,
    run: (ctx, { id, body, ifMatch }) => {
      fullId(id, [kind]);
      return releaseItem(ctx, { id, kind, owner: body.owner, force: body.force, ifMatch });
    },
  });
}

/** `POST /api/{tasks|subtasks}/{id}/done`. */
export function doneRoute(kind: Kind): Handler {
  return mutation({
    op: `${kind}.done`,
    body: {
      owner: "string",
      append: "string",
      ...(kind === "task" ? { force: "boolean" } as const : {}),
    },
    ifMatch: "optional",
    etag: versionOf,
    run: (ctx, { id, body, ifMatch }) => {
      fullId(id, [kind]);
      return completeItem(ctx, {
        id,
        kind,
        owner: body.owner,
        force: body.force,
        append: body.append,
        ifMatch,
      });
    },
  });
}

/** `DELETE /api/{tasks|subtasks}/{id}`. */
export function deleteRoute(kind: Kind): Handler {
  return mutation({
    op: `${kind}.delete`,
    ifMatch: "required",
    run: (ctx, { id, ifMatch }) => {
      fullId(id, [kind]);
      return kind === "task"
        ? deleteTask(ctx, { id, ifMatch })
        : deleteSubtask(ctx, { id, ifMatch });
    },
  });
}
