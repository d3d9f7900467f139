import type { CommandSpec } from "../spec.ts";

/** Commands of this group (filled in as they are built). */
export const commands: CommandSpec[] = [];
