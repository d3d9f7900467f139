/**
 * The command table: every group and leaf command of cairn, assembled from
 * one file per command group. Parsing, help, completions, docs and the MCP
 * tool list all read this.
 *
 * @module
 */
import type { Table } from "./parse.ts";
import type { CommandSpec, GroupSpec } from "./spec.ts";
import { commands as batch } from "./commands/batch.ts";
import { commands as board } from "./commands/board.ts";
import { commands as config } from "./commands/config.ts";
import { commands as criteria } from "./commands/criteria.ts";
import { commands as dep } from "./commands/dep.ts";
import { commands as epic } from "./commands/epic.ts";
import { commands as events } from "./commands/events.ts";
import { commands as guide } from "./commands/guide.ts";
import { commands as loop } from "./commands/loop.ts";
import { commands as mcp } from "./commands/mcp.ts";
import { commands as meta } from "./commands/meta.ts";
import { commands as migrate } from "./commands/migrate.ts";
import { commands as move } from "./commands/move.ts";
import { commands as read } from "./commands/read.ts";
import { commands as search } from "./commands/search.ts";
import { commands as skills } from "./commands/skills.ts";
import { commands as storage } from "./commands/storage.ts";
import { commands as subtask } from "./commands/subtask.ts";
import { commands as sync } from "./commands/sync.ts";
import { commands as task } from "./commands/task.ts";
import { commands as transfer } from "./commands/transfer.ts";

/** Command groups and their summaries. */
export const GROUPS: GroupSpec[] = [
  { path: "epic", summary: "Plan and manage epics" },
  { path: "task", summary: "Create, claim and finish tasks" },
  { path: "subtask", summary: "Concrete steps inside a task" },
  { path: "dep", summary: "Dependencies between tasks and subtasks" },
  { path: "criteria", summary: "Acceptance criteria of a task" },
  { path: "events", summary: "The event log" },
  { path: "migrate", summary: "Schema status, backups and restore" },
  {
    path: "sync",
    summary: "Carry the event log between machines through git",
    defaultLeaf: "sync",
  },
  { path: "sync conflicts", summary: "Concurrent edits recorded by sync" },
  { path: "skills", summary: "Install the bundled agent skill" },
  { path: "config", summary: "Read and write .cairn/config.toml" },
  { path: "board", summary: "The live web board", defaultLeaf: "board open" },
];

/** Every leaf command. */
export const COMMANDS: CommandSpec[] = [
  ...meta,
  ...storage,
  ...read,
  ...loop,
  ...search,
  ...transfer,
  ...epic,
  ...task,
  ...subtask,
  ...dep,
  ...criteria,
  ...batch,
  ...move,
  ...events,
  ...migrate,
  ...sync,
  ...skills,
  ...guide,
  ...mcp,
  ...config,
  ...board,
];

/** The table as the parser sees it. */
export const TABLE: Table = { commands: COMMANDS, groups: GROUPS };

/** Summary of a group path. */
export function groupSummary(path: string): string {
  return GROUPS.find((g) => g.path === path)?.summary ?? "";
}
