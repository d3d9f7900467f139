/**
 * The core of cairn: the only module adapters (`cli/`, `routes/`) import
 * statically. Heavy subsystems (sync, export, board, skills, MCP) have their
 * own `mod.ts` and are imported lazily by the adapters that need them.
 *
 * @module
 */
export * from "./errors.ts";
export * from "./ids.ts";
export * from "./records.ts";
export * from "./resolve.ts";
export * from "./text.ts";
export * from "./time.ts";
export * from "./config.ts";
export * from "./version.ts";
export * from "./init.ts";
export type { Ctx, EventSource, GitStamp } from "./context.ts";
export { locateStorage, type StorageLocation } from "./store/location.ts";
export { ensureStorageDir, openStore, takeBackup } from "./store/open.ts";
export { SCHEMA_VERSION } from "./store/migrations.ts";
export { read, Tx, write } from "./store/tx.ts";
export type { Store } from "./store/store.ts";
export * from "./status.ts";
export * from "./positions.ts";
export * from "./items/tables.ts";
export * from "./items/patch.ts";
export * from "./items/insert.ts";
export * from "./items/guard.ts";
export { listReady, type Readiness, readinessOf } from "./readiness.ts";
export { buildNextTask, type NextTask, nextTask } from "./next_task.ts";
export { claimItem, heartbeatItem, releaseItem } from "./claims.ts";
export { completeItem } from "./done.ts";
export { epicProgress, type Progress, progressOf } from "./progress.ts";
export { cascadeComplete } from "./cascade.ts";
export { sessionInfo } from "./session.ts";
export { SUGGESTION_COMMANDS, suggestNext } from "./suggest.ts";
export { checkUpdateOptions, type UpdateInput } from "./items/update.ts";
export { createEpic, type CreateEpicInput, updateEpic } from "./items/epics.ts";
export { createTask, type CreateTaskInput, updateTask } from "./items/tasks.ts";
export { createSubtask, type CreateSubtaskInput, updateSubtask } from "./items/subtasks.ts";
export {
  type DeletedSet,
  deleteEpic,
  deleteItemTree,
  deleteSubtask,
  deleteTask,
} from "./items/delete.ts";
export { listEpics, type ListInput, listSubtasks, listTasks } from "./items/list.ts";
export { showItem, taskDetail } from "./show.ts";
export {
  addDependency,
  listDependencies,
  reblockedBy,
  removeDependency,
  reverseDependencies,
  unblockedBy,
  type UnblockedItem,
} from "./deps.ts";
export { EVENT_FIELDS, type HistoryInput, itemHistory } from "./history.ts";
export { wipeStorage } from "./wipe.ts";
export { configEntry, configList, configWrite } from "./config_file.ts";
export {
  addDependenciesMany,
  createEpicWithSpecs,
  createSubtasksMany,
  createTasksMany,
  type EpicWithSpecsInput,
  expandEpic,
  type Issue as SpecIssue,
  type Mapping,
  type Skipped,
} from "./batch/mod.ts";
export {
  addCriterion,
  checkCriterion,
  type CriteriaSummary,
  listCriteria,
  moveCriterion,
  removeCriterion,
  uncheckCriterion,
  updateCriterion,
} from "./criteria.ts";
export { moveEpic, moveSubtask, moveTask } from "./moves.ts";
export { SEARCH_FIELDS, type SearchField } from "./search/fields.ts";
export { resolveActor } from "./actor.ts";
export {
  findGitLayout,
  type GitHead,
  type GitLayout,
  readGitHead,
  resolveRef,
} from "./git_files.ts";
export type { OpenReport } from "./store/open.ts";
