/**
 * The agent loop (SPEC §6.7–§6.9, §9.2.2, §9.2.3, §9.3.7, §9.4.8–§9.4.10,
 * §9.5): session, suggest, claim, heartbeat, release, done, ready, next and
 * epic progress. Parse, one core call, render.
 *
 * @module
 */
import {
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
import { textOption } from "../text_input.ts";
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

/** The item a claim-family command acts on, with the owner given (if any). */
interface Target {
  id: string;
  kind: Kind;
  owner: string | undefined;
}

/** What differs between `claim`, `heartbeat`, `release` and `done`; the rest is shared. */
interface FamilyVerb {
  verb: string;
  summary: string;
  options: OptionSpec[];
  more?: Pick<CommandSpec, "idempotent" | "examples" | "exclusive">;
  call: (ctx: CliContext, target: Target, opts: Record<string, unknown>) => Promise<unknown>;
  human: CommandSpec["human"];
}

function familyCommand(kind: Kind, v: FamilyVerb): CommandSpec {
  return {
    path: `${kind} ${v.verb}`,
    summary: v.summary,
    args: [idArg(kind)],
    options: v.options,
    mutates: true,
    ...v.more,
    run: (ctx, { args, opts }) =>
      v.call(ctx, { id: args[kind] as string, kind, owner: str(opts.owner) }, opts),
    human: v.human,
  };
}

/** `claim`, `heartbeat`, `release` and `done` of tasks or subtasks. */
function claimFamily(kind: Kind): CommandSpec[] {
  const noun = kind === "task" ? "a task" : "a subtask";
  const leaseOf = (opts: Record<string, unknown>) => opts.lease as number | undefined;
  const verbs: FamilyVerb[] = [{
    verb: "claim",
    summary: `Claim ${noun} (compare-and-swap; a lost claim is ok with claimed:false)`,
    options: [owner, lease],
    more: {
      idempotent: true,
      examples: [`cairn ${kind} claim ${kind[0]}-3k9q --owner agent-1 --lease 30m`],
    },
    call: async (ctx, t, opts) => claimItem(await ctx.core(), { ...t, lease: leaseOf(opts) }),
    human: claimHuman(kind),
  }, {
    verb: "heartbeat",
    summary: `Renew the lease of ${noun} you hold`,
    options: [owner, lease],
    call: async (ctx, t, opts) => heartbeatItem(await ctx.core(), { ...t, lease: leaseOf(opts) }),
    human: heartbeatHuman(kind),
  }, {
    verb: "release",
    summary: `Give back ${noun} you hold (in_progress returns to todo)`,
    options: [owner, force("Release whoever holds it")],
    call: async (ctx, t, opts) =>
      releaseItem(await ctx.core(), { ...t, force: opts.force === true }),
    human: releaseHuman(kind),
  }, {
    verb: "done",
    summary: `Complete ${noun} from any open status (gated on prerequisites${
      kind === "task" ? " and criteria" : ""
    })`,
    options: [
      { name: "owner", type: "string", description: "Fail unless you hold it (no default)" },
      ...(kind === "task" ? [force("Complete with unchecked criteria")] : []),
      { name: "append", type: "string", description: "Text appended to the description" },
      { name: "append-file", type: "path", description: "File appended (- = stdin)" },
    ],
    more: {
      exclusive: [["append", "append-file"]],
      examples: [`cairn ${kind} done ${kind[0]}-3k9q --append "Verified with the test suite"`],
    },
    call: async (ctx, t, opts) => {
      const append = await textOption(ctx, opts, "append");
      return completeItem(await ctx.core(), { ...t, force: opts.force === true, append });
    },
    human: kind === "task" ? taskDoneHuman : subtaskDoneHuman,
  }];
  return verbs.map((v) => familyCommand(kind, v));
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
