/**
 * Storage commands: `init` (SPEC §9.2.1).
 *
 * @module
 */
import { describeInit } from "../../core/mod.ts";
import type { CommandSpec } from "../spec.ts";

/** Storage commands. */
export const commands: CommandSpec[] = [
  {
    path: "init",
    summary: "Create the storage if needed and report where it is",
    description:
      "Idempotent. Inside git the storage is <shared root>/.cairn, shared by every worktree.",
    mutates: true,
    idempotent: true,
    examples: ["cairn init"],
    run: async (ctx) => {
      const core = await ctx.core({ create: true });
      return describeInit(core, ctx.openReport);
    },
    human: (d) =>
      d.created
        ? `Initialized cairn at ${d.storage.dir} (schema v${d.schemaVersion})`
        : `cairn is already initialized at ${d.storage.dir}`,
  },
];
