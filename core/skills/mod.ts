/**
 * The skills subsystem (SPEC §16): install and update the bundled `cairn`
 * skill. Loaded lazily by `cairn skills`; the bundle itself is passed in by
 * the caller (the CLI embeds it at build time).
 *
 * @module
 */
export { type InstallInput, type InstallResult, installSkills } from "./install.ts";
export { type UpdateEntry, type UpdateInput, type UpdateResult, updateSkills } from "./update.ts";
export { type FileAction, type SkillFile } from "./fs.ts";
export { type LinkResult } from "./links.ts";
export { type Editor, EDITORS } from "./paths.ts";
