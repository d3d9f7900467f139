/**
 * Test helpers for the item commands: create epics, tasks and subtasks
 * through the CLI and return their ids.
 */
import { type Json, ok, type Repo } from "./cli.ts";

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

/**
 * Creates an epic with batch specs (`--task`, `--subtask`, `--dep`,
 * `--criterion`, ...); returns its data and the id of each temp key.
 */
export async function planEpic(
  repo: Repo,
  title: string,
  ...args: string[]
): Promise<{ data: Json; id: Record<string, Json> }> {
  const data = await ok(repo, ["epic", "create", "--title", title, ...args]);
  return { data, id: Object.fromEntries(data.mappings.map((m: Json) => [m.tempKey, m.id])) };
}
