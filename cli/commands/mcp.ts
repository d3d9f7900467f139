/**
 * `cairn mcp` (SPEC §17): the MCP server over stdio. The SDK and the server
 * are loaded only by this command.
 *
 * @module
 */
import type { CommandSpec } from "../spec.ts";

/** `mcp`. */
export const commands: CommandSpec[] = [
  {
    path: "mcp",
    summary: "Serve the Model Context Protocol over stdio",
    description:
      "One tool per command of the table (task_claim, task_done, ...); each call answers the " +
      "command's envelope. --toon returns TOON text instead of JSON. Logs go to stderr.",
    noStore: true,
    mcp: false,
    examples: ["cairn mcp"],
    run: async (ctx) => {
      const { serveMcp } = await import("../mcp/server.ts");
      await serveMcp({ io: ctx.io, toon: ctx.formatFlag === "toon" });
      // stdout belongs to the protocol: no envelope after the server stops.
      Deno.exit(0);
    },
  },
];
