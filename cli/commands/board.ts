/**
 * `cairn board [open]` (SPEC §15.1): prints one envelope, then serves the
 * live board until SIGINT/SIGTERM. The server is imported lazily so that
 * ordinary commands never load Hono or Preact.
 *
 * @module
 */
import { setting } from "../../core/mod.ts";
import type { CommandSpec } from "../spec.ts";

/** Board commands. */
export const commands: CommandSpec[] = [
  {
    path: "board open",
    id: "board.open",
    summary: "Serve the live board on 127.0.0.1 and open it in a browser",
    description:
      "Prints the URL with a one-time login token, then serves until Ctrl-C. Port: --port > CAIRN_BOARD_PORT > board.port > any free port.",
    options: [
      {
        name: "port",
        type: "int",
        min: 0,
        max: 65535,
        description: "Port to listen on (0: any free port)",
      },
      { name: "no-open", type: "bool", description: "Do not open a browser" },
      {
        name: "reveal-token",
        type: "bool",
        description: "Also print the server token (API bearer token)",
      },
    ],
    mcp: false,
    examples: ["cairn board", "cairn board --no-open --port 8377"],
    run: async (ctx, { opts }) => {
      const core = await ctx.core();
      const port = (opts.port as number | undefined) ??
        setting<number>(core.settings, "board.port");
      const [{ startBoard }, { Serving }] = await Promise.all([
        import("../../routes/_server.ts"),
        import("../mod.ts"),
      ]);
      const board = startBoard({
        ctx: { ...core, source: "board", command: "board.open" },
        port,
        open: !opts.noOpen,
        revealToken: !!opts.revealToken,
      });
      return new Serving(board.data, () => board.finished);
    },
    human: (d) =>
      [
        `cairn board for ${d.storage.root}: ${d.url} (one-time link)`,
        d.opened
          ? `Opened in the browser (${d.opener}).`
          : d.openError
          ? `Could not open a browser: ${d.openError}`
          : "Open the link in your browser.",
        "Press Ctrl-C to stop.",
      ].join("\n"),
  },
];
