/**
 * `config list|get|set|unset` (SPEC §9.12, §13.5). Reads and writes
 * `.cairn/config.toml`; never opens the database.
 *
 * @module
 */
import {
  CairnError,
  configEntry,
  configList,
  configWrite,
  ensureStorageDir,
} from "../../core/mod.ts";
import type { CliContext } from "../context.ts";
import { table } from "../output/human.ts";
import type { CommandSpec } from "../spec.ts";

// deno-lint-ignore no-explicit-any
type Data = any;

const key = {
  name: "key",
  type: "string" as const,
  description: "A key such as output.format",
  required: true,
};

/** The config file path; creates the storage directory where commands may (SPEC §9.2.1). */
function configPath(ctx: CliContext, create: boolean): string {
  const loc = ctx.location();
  if (create) {
    if (!loc.exists && loc.mode === "directory") {
      throw new CairnError("not_initialized", `No cairn storage found from ${ctx.cwd}`, {
        cwd: ctx.cwd,
        hint: "cairn init",
      });
    }
    ensureStorageDir(loc);
  }
  return `${loc.dir}/config.toml`;
}

const show = (v: unknown) => (v === null ? "(unset)" : String(v));

/** Configuration commands. */
export const commands: CommandSpec[] = [
  {
    path: "config list",
    summary: "Every configuration key with its effective value and source",
    examples: ["cairn config list"],
    run: async (ctx) => configList(await ctx.settings(), configPath(ctx, false)),
    human: (d: Data) =>
      [
        `Configuration (${d.path})`,
        table(
          ["KEY", "VALUE", "SOURCE", "ENV", "DEFAULT"],
          d.entries.map((e: Data) => [e.key, show(e.value), e.source, e.env, String(e.default)]),
          "",
        ),
      ].join("\n"),
  },
  {
    path: "config get",
    summary: "The effective value of one key and where it comes from",
    args: [key],
    examples: ["cairn config get output.format"],
    run: async (ctx, { args }) => configEntry(await ctx.settings(), args.key as string),
    human: (d: Data) => `${d.key} = ${show(d.value)} (${d.source})`,
  },
  {
    path: "config set",
    summary: "Set a key in .cairn/config.toml",
    args: [key, { name: "value", type: "string", description: "The new value", required: true }],
    mutates: true,
    examples: ["cairn config set output.format toon", "cairn config set claims.default_lease 30m"],
    run: (ctx, { args }) =>
      configWrite(configPath(ctx, true), args.key as string, args.value as string),
    human: (d: Data) => `Set ${d.key} = ${show(d.value)} in ${d.path}`,
  },
  {
    path: "config unset",
    summary: "Remove a key from .cairn/config.toml (back to env or default)",
    args: [key],
    mutates: true,
    examples: ["cairn config unset output.format"],
    run: (ctx, { args }) => configWrite(configPath(ctx, true), args.key as string, null),
    human: (d: Data) => `Unset ${d.key} in ${d.path}`,
  },
];
