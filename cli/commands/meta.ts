/**
 * `help` and `version` (SPEC §2.7): answered from the table, never open the database.
 *
 * @module
 */
import { renderHelp } from "../help.ts";
import { SCHEMA_VERSION, VERSION } from "../../core/mod.ts";
import { CONTRACT_VERSION } from "../output/envelope.ts";
import type { CommandSpec } from "../spec.ts";

/** Data of `version`. */
export function versionData() {
  return {
    version: VERSION,
    contractVersion: CONTRACT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    runtime: `deno ${Deno.version.deno}`,
    sqlite: sqliteVersion(),
  };
}

function sqliteVersion(): string {
  // The bundled SQLite of node:sqlite; kept as a constant so --version never opens a database.
  return "3.53.2";
}

/** `help` and `version`. */
export const commands: CommandSpec[] = [
  {
    path: "help",
    summary: "Show help for a command",
    args: [{
      name: "path",
      type: "string",
      description: "Command path, e.g. task update",
      variadic: true,
    }],
    noStore: true,
    mcp: false,
    run: async (_ctx, { args }) => {
      const { buildHelp } = await import("../help.ts");
      const { TABLE, groupSummary } = await import("../table.ts");
      return buildHelp(TABLE, (args.path as string[]).join(" "), groupSummary);
    },
    human: (d) => renderHelp(d),
  },
  {
    path: "version",
    summary: "Print version information",
    noStore: true,
    run: () => versionData(),
    human: (d) => `cairn ${d.version}`,
  },
];
