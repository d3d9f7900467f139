/**
 * The agent loop (SPEC §6.7–§6.9, §9.2.2, §9.2.3, §9.3.7, §9.4.8–§9.4.10,
 * §9.5): session, suggest, claim, heartbeat, release, done, ready, next and
 * epic progress. Parse, one core call, render.
 *
 * @module
 */
import {
  CairnError,
  claimItem,
  completeItem,
  epicProgress,
  heartbeatItem,
  listReady,
  nextTask,
  releaseItem,
  sessionInfo,
  suggestNext,
} from "../../core/mod.ts";
import type { CliContext } from "../context.ts";
import type { ArgSpec, CommandSpec, OptionSpec } from "../spec.ts";
import {
  claimHuman,
  heartbeatHuman,
  nextHuman,
  progressHuman,
  readyHuman,
  releaseHuman,
  sessionHuman,
  subtaskDoneHuman,
  suggestHuman,
  taskDoneHuman,
} from "./loop_human.ts";

type Kind = "task" | "subtask";

const owner: OptionSpec = {
  name: "owner",
  type: "string",
  description: "Who acts (default: CAIRN_ACTOR)",
  env: "CAIRN_ACTOR",
};
const lease: OptionSpec = {
  name: "lease",
  type: "duration",
  description:
    "Lease duration (10s..7d, or none); default CAIRN_DEFAULT_LEASE / claims.default_lease",
  env: "CAIRN_DEFAULT_LEASE",
  config: "claims.default_lease",
};
const epic: OptionSpec = { name: "epic", type: "id", description: "Limit to one epic" };
const force = (description: string): OptionSpec => ({ name: "force", type: "bool", description });
const idArg = (kind: Kind | "epic"): ArgSpec => ({
  name: kind,
  type: "id",
  description: `The ${kind} id or a unique prefix`,
  required: true,
});

const str = (v: unknown) => (v === undefined ? undefined : v as string);

/** Reads `--append` or `--append-file` (`-` = stdin) as text (SPEC §4.7). */
async function appendText(ctx: CliContext, opts: Record<string, unknown>) {
  if (opts.append !== undefined) return opts.append as string;
  const path = opts.appendFile as string | undefined;
  if (path === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = path === "-"
      ? await ctx.io.readStdin()
      : Deno.readFileSync(path.startsWith("/") ? path : `${ctx.cwd}/${path}`);
  } catch (err) {
    const denied = err instanceof Deno.errors.PermissionDenied;
    throw new CairnError(
      denied ? "permission_denied" : "invalid_path",
      `Cannot read ${path}: ${(err as Error).message}`,
      { path },
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CairnError("invalid_input", `${path} is not valid UTF-8`, { field: "append", path });
  }
}

function claimFamily(kind: Kind): CommandSpec[] {
  const noun = kind === "task" ? "a task" : "a subtask";
  return [
    {
      path: `${kind} claim`,
      summary: `Claim ${noun} (compare-and-swap; a lost claim is ok with claimed:false)`,
      args: [idArg(kind)],
      options: [owner, lease],
      mutates: true,
      idempotent: true,
      examples: [`cairn ${kind} claim ${kind[0]}-3k9q --owner agent-1 --lease 30m`],
      run: async (ctx, { args, opts }) =>
        claimItem(await ctx.core(), {
          id: args[kind] as string,
          kind,
          owner: str(opts.owner),
          lease: opts.lease as number | undefined,
        }),
      human: claimHuman(kind),
    },
    {
      path: `${kind} heartbeat`,
      summary: `Renew the lease of ${noun} you hold`,
      args: [idArg(kind)],
      options: [owner, lease],
      mutates: true,
      run: async (ctx, { args, opts }) =>
        heartbeatItem(await ctx.core(), {
          id: args[kind] as string,
          kind,
          owner: str(opts.owner),
          lease: opts.lease as number | undefined,
        }),
      human: heartbeatHuman(kind),
    },
    {
      path: `${kind} release`,
      summary: `Give back ${noun} you hold (in_progress returns to todo)`,
      args: [idArg(kind)],
      options: [owner, force("Release whoever holds it")],
      mutates: true,
      run: async (ctx, { args, opts }) =>
        releaseItem(await ctx.core(), {
          id: args[kind] as string,
          kind,
          owner: str(opts.owner),
          force: opts.force === true,
        }),
      human: releaseHuman(kind),
    },
    {
      path: `${kind} done`,
      summary: `Complete ${noun} from any open status (gated on prerequisites${
        kind === "task" ? " and criteria" : ""
      })`,
      args: [idArg(kind)],
      options: [
        { name: "owner", type: "string", description: "Fail unless you hold it (no default)" },
        ...(kind === "task" ? [force("Complete with unchecked criteria")] : []),
        { name: "append", type: "string", description: "Text appended to the description" },
        { name: "append-file", type: "path", description: "File appended (- = stdin)" },
      ],
      exclusive: [["append", "append-file"]],
      mutates: true,
      examples: [`cairn ${kind} done ${kind[0]}-3k9q --append "Verified with the test suite"`],
      run: async (ctx, { args, opts }) => {
        const append = await appendText(ctx, opts);
        return completeItem(await ctx.core(), {
          id: args[kind] as string,
          kind,
          owner: str(opts.owner),
          force: opts.force === true,
          append,
        });
      },
      human: kind === "task" ? taskDoneHuman : subtaskDoneHuman,
    },
  ];
}

/** The agent-loop commands. */
export const commands: CommandSpec[] = [
  {
    path: "session",
    summary: "Start of a session: who, where, what you hold, what next, sync counters",
    options: [epic, owner],
    examples: ["cairn --toon session --owner agent-1"],
    run: async (ctx, { opts }) =>
      sessionInfo(await ctx.core(), { epic: str(opts.epic), owner: str(opts.owner) }),
    human: sessionHuman,
  },
  {
    path: "suggest",
    summary: "Propose the next commands to run",
    options: [epic, owner, {
      name: "limit",
      type: "int",
      description: "Number of suggestions (1..20)",
      min: 1,
      max: 20,
      default: 3,
    }],
    run: async (ctx, { opts }) =>
      suggestNext(await ctx.core(), {
        epic: str(opts.epic),
        owner: str(opts.owner),
        limit: opts.limit as number,
      }),
    human: suggestHuman,
  },
  ...claimFamily("task"),
  {
    path: "task ready",
    summary: "Ranked ready tasks, then waiting and blocked ones",
    options: [epic, owner, {
      name: "limit",
      type: "int",
      description: "Entries per list (1..1000, default 50)",
      min: 1,
      max: 1000,
    }, { name: "all", type: "bool", description: "Return every entry" }],
    exclusive: [["limit", "all"]],
    run: async (ctx, { opts }) =>
      listReady(await ctx.core(), {
        epic: str(opts.epic),
        owner: str(opts.owner),
        limit: opts.limit as number | undefined,
        all: opts.all === true,
      }),
    human: readyHuman,
  },
  {
    path: "task next",
    summary: "The task to work on now; --claim takes it in the same transaction",
    options: [epic, owner, {
      name: "claim",
      type: "bool",
      description: "Claim it (requires an owner)",
    }, lease],
    mutates: true,
    examples: ["cairn task next --claim --owner agent-1 --lease 30m"],
    run: async (ctx, { opts }) =>
      nextTask(await ctx.core(), {
        epic: str(opts.epic),
        owner: str(opts.owner),
        claim: opts.claim === true,
        lease: opts.lease as number | undefined,
      }),
    human: nextHuman,
  },
  ...claimFamily("subtask"),
  {
    path: "epic progress",
    summary: "Counts, percent done, readiness and the next task of an epic",
    args: [idArg("epic")],
    options: [owner],
    run: async (ctx, { args, opts }) =>
      epicProgress(await ctx.core(), { id: args.epic as string, owner: str(opts.owner) }),
    human: progressHuman,
  },
];
