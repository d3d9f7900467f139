/**
 * `migrate status|backup|restore` (SPEC §13.6–13.7). The backup subsystem is
 * loaded lazily.
 *
 * @module
 */
import type { CommandSpec } from "../spec.ts";
import { table } from "../output/human.ts";

const backups = () => import("../../core/backup/mod.ts");

/** Schema and backup commands. */
export const commands: CommandSpec[] = [
  {
    path: "migrate status",
    summary: "Show the schema version, pending migrations and backups",
    description: "Opens the database without migrating it.",
    examples: ["cairn migrate status"],
    run: async (ctx) => {
      const core = await ctx.core({ noMigrate: true });
      return (await backups()).migrateStatus(core.store);
    },
    human: (d) => {
      const head = `Schema v${d.databaseVersion} (program v${d.programVersion}), ${
        d.pending.length ? `${d.pending.length} pending migration(s)` : "up to date"
      }`;
      const rows = d.backups.map((
        b: { file: string; bytes: number; createdAt: string | null; reason: string | null },
      ) => [b.createdAt ?? "-", b.reason ?? "-", String(b.bytes), b.file]);
      return `${head}\n${table(["CREATED", "REASON", "BYTES", "FILE"], rows, "No backups")}`;
    },
  },
  {
    path: "migrate backup",
    summary: "Write a verified backup of the database",
    description:
      "Uses SQLite's online backup API (writers are not blocked), verifies it with quick_check, " +
      "then keeps only the newest --retain backups.",
    options: [{
      name: "retain",
      type: "int",
      min: 1,
      max: 1000,
      default: 10,
      description: "How many backups to keep",
    }],
    mutates: true,
    examples: ["cairn migrate backup", "cairn migrate backup --retain 3"],
    run: async (ctx, { opts }) => {
      const core = await ctx.core();
      return (await backups()).backupNow(core.store, {
        now: core.now(),
        retain: opts.retain as number,
      });
    },
    human: (d) =>
      `Backed up to ${d.path} (${d.bytes} bytes, schema v${d.schemaVersion}); ${d.retained} kept` +
      (d.pruned.length ? `, ${d.pruned.length} pruned` : ""),
  },
  {
    path: "migrate restore",
    summary: "Replace the database with a backup",
    description:
      "Keeps the current database as a pre-restore backup, copies the file in with the online " +
      "backup API, migrates it if older, and gives it a new replica id. A later `sync pull` " +
      "re-imports what the sync ref recorded after the backup.",
    args: [{
      name: "file",
      type: "path",
      required: true,
      description: "A backup path, or the bare name of a file in .cairn/backups/",
    }],
    mutates: true,
    destructive: true,
    examples: ["cairn migrate restore cairn-20260502T134530123Z-manual.db"],
    run: async (ctx, { args }) => {
      const location = ctx.location();
      if (!location.exists && location.mode === "directory") await ctx.core(); // not_initialized
      return (await backups()).restoreBackup({
        location,
        file: args.file as string,
        cwd: ctx.cwd,
        now: ctx.now,
      });
    },
    human: (d) =>
      `Restored ${d.restoredFrom} (schema v${d.schemaVersion}); the previous database is kept at ${
        d.previousBackup ?? "(none)"
      }; new replica ${d.replicaId}`,
  },
];
