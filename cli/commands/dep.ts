/**
 * `dep add|remove|list|reverse` (SPEC §9.6, §7). `dep add-many` is a batch
 * command (batch.ts).
 *
 * @module
 */
import {
  addDependency,
  listDependencies,
  removeDependency,
  reverseDependencies,
} from "../../core/mod.ts";
import { paint, q, renderWarnings, table } from "../output/human.ts";
import type { CommandSpec } from "../spec.ts";
import { idArg } from "./item_options.ts";

// deno-lint-ignore no-explicit-any
type Data = any;

const pair = [
  idArg("source", "The dependent task or subtask (it waits)"),
  idArg("dependsOn", "The prerequisite task or subtask"),
];
const refRows = (refs: Data[]) => refs.map((r) => [r.id, paint(r.status), r.title]);

/** Dependency commands. */
export const commands: CommandSpec[] = [
  {
    path: "dep add",
    summary: "Make a task or subtask depend on another (no cycles; idempotent)",
    args: pair,
    mutates: true,
    idempotent: true,
    examples: ["cairn dep add t-8d2m t-3k9q"],
    run: async (ctx, { args }) =>
      addDependency(await ctx.core(), {
        source: args.source as string,
        dependsOn: args.dependsOn as string,
      }),
    human: (d: Data) =>
      [
        `${d.edge.sourceId} ${
          d.created ? "now depends" : "already depends"
        } on ${d.edge.dependsOnId}`,
        renderWarnings(d),
      ].filter(Boolean).join("\n"),
  },
  {
    path: "dep remove",
    summary: "Remove a dependency edge (a missing edge is not an error)",
    args: pair,
    mutates: true,
    idempotent: true,
    examples: ["cairn dep remove t-8d2m t-3k9q"],
    run: async (ctx, { args }) =>
      removeDependency(await ctx.core(), {
        source: args.source as string,
        dependsOn: args.dependsOn as string,
      }),
    human: (d: Data) =>
      d.removed
        ? `${d.sourceId} no longer depends on ${d.dependsOnId}`
        : `${d.sourceId} did not depend on ${d.dependsOnId}; nothing changed`,
  },
  {
    path: "dep list",
    summary: "Direct prerequisites and dependents of a task or subtask",
    args: [idArg("item", "The task or subtask")],
    examples: ["cairn dep list t-3k9q"],
    run: async (ctx, { args }) => listDependencies(await ctx.core(), { id: args.item as string }),
    human: (d: Data) =>
      [
        `${d.item.id} ${
          q(d.item.title)
        }: depends on ${d.dependsOn.length}, required by ${d.dependents.length}`,
        "",
        "Depends on",
        table(["ID", "STATUS", "TITLE"], refRows(d.dependsOn), "  (nothing)"),
        "",
        "Required by",
        table(["ID", "STATUS", "TITLE"], refRows(d.dependents), "  (nothing)"),
      ].join("\n"),
  },
  {
    path: "dep reverse",
    summary: "Every item that transitively waits on a task or subtask",
    args: [idArg("item", "The task or subtask")],
    examples: ["cairn dep reverse t-3k9q"],
    run: async (ctx, { args }) =>
      reverseDependencies(await ctx.core(), { id: args.item as string }),
    human: (d: Data) =>
      [
        `${d.summary.total} item(s) wait on ${d.item.id} ${
          q(d.item.title)
        } (${d.summary.open} open, max distance ${d.summary.maxDistance})`,
        table(
          ["DIST", "ID", "STATUS", "TITLE"],
          d.nodes.map((n: Data) => [String(n.distance), n.id, paint(n.status), n.title]),
          "Nothing depends on it.",
        ),
      ].join("\n"),
  },
];
