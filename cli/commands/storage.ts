/**
 * Storage commands: `init`, `wipe`, `doctor` (SPEC §9.2.1, §9.2.6, §13.8).
 *
 * @module
 */
import { describeInit, wipeStorage } from "../../core/mod.ts";
import { paint, table } from "../output/human.ts";
import type { CommandSpec } from "../spec.ts";

// deno-lint-ignore no-explicit-any
type Data = any;

function doctorHuman(d: Data): string {
  const count = (s: string) => d.checks.filter((c: Data) => c.status === s).length;
  const rows = d.checks.map((c: Data) => [
    paint(c.status === "ok" ? "done" : c.status === "warn" ? "in_progress" : "blocked").replace(
      /done|in_progress|blocked/,
      c.status,
    ),
    c.id,
    `${c.message}${c.fix && c.status !== "ok" ? ` (fix: ${c.fix})` : ""}`,
  ]);
  return [
    `${d.healthy ? "Healthy" : "Needs attention"}: ${count("ok")} ok, ${count("warn")} warn, ${
      count("fail")
    } fail`,
    table(["STATUS", "CHECK", "MESSAGE"], rows, ""),
    ...d.fixed.map((f: Data) => `fixed: ${f.action}${f.count ? ` (${f.count})` : ""}`),
  ].join("\n");
}

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
  {
    path: "wipe",
    summary: "Delete the database (after a backup), or with --all the whole storage",
    description:
      "Without --yes nothing is touched and the answer lists what would be removed. The next command recreates an empty database with a new replica id.",
    options: [
      { name: "yes", type: "bool", description: "Really delete" },
      {
        name: "all",
        type: "bool",
        description: "Delete the whole storage directory, backups included (no backup)",
      },
    ],
    mutates: true,
    destructive: true,
    mcp: false,
    examples: ["cairn wipe --yes"],
    run: async (ctx, { opts }) => {
      const yes = !!opts.yes;
      const all = !!opts.all;
      const store = yes && !all && ctx.location().exists ? (await ctx.core()).store : null;
      return await wipeStorage(ctx.location(), { yes, all, store, now: ctx.now() });
    },
    human: (d: Data) =>
      [
        d.removed.length ? `Removed ${d.removed.join(", ")}` : "Nothing to remove",
        d.backup ? `Backup: ${d.backup}` : "",
        d.kept.length ? `Kept: ${d.kept.join(", ")}` : "",
      ].filter(Boolean).join("\n"),
  },
  {
    path: "doctor",
    summary: "Check storage, database, graph and configuration health",
    options: [
      { name: "full", type: "bool", description: "Run integrity_check instead of quick_check" },
      { name: "fix", type: "bool", description: "Apply safe repairs, then check again" },
    ],
    examples: ["cairn doctor", "cairn doctor --fix"],
    run: async (ctx, { opts }) => {
      const core = await ctx.core({ tolerateConfig: true });
      const { runDoctor } = await import("../../core/doctor/mod.ts");
      return await runDoctor(core, {
        full: !!opts.full,
        fix: !!opts.fix,
        configError: ctx.configError,
      });
    },
    human: doctorHuman,
  },
];
