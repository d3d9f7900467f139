/**
 * Test helpers for the item commands: create epics, tasks and subtasks
 * through the CLI and return their ids.
 */
import { ok, type Repo } from "./cli.ts";

/** Creates an epic; returns its id. */
export async function epic(repo: Repo, title = "Epic", ...extra: string[]): Promise<string> {
  return (await ok(repo, ["epic", "create", "--title", title, ...extra])).epic.id;
}

/** Creates a task in an epic; returns its id. */
export async function task(
  repo: Repo,
  epicId: string,
  title = "Task",
  ...extra: string[]
): Promise<string> {
  return (await ok(repo, ["task", "create", "--epic", epicId, "--title", title, ...extra])).task.id;
}

/** Creates a subtask under a task; returns its id. */
export async function subtask(
  repo: Repo,
  taskId: string,
  title = "Subtask",
  ...extra: string[]
): Promise<string> {
  return (await ok(repo, ["subtask", "create", taskId, "--title", title, ...extra])).subtask.id;
}
