/**
 * `quickstart` (SPEC §9.2.8) and `completions` (SPEC §9.2.7): answered from
 * the program itself, never open the database.
 *
 * @module
 */
import type { CommandSpec } from "../spec.ts";

/** One step of the quickstart walkthrough. */
export interface QuickstartStep {
  title: string;
  commands: string[];
  note: string;
}

/** The everyday loop in at most 12 steps; every `cairn` line parses against the table. */
export const QUICKSTART: QuickstartStep[] = [
  {
    title: "Say who you are",
    commands: ["export CAIRN_ACTOR=agent-1"],
    note: "Recorded on every change and used as the default owner for claims.",
  },
  {
    title: "Create the storage",
    commands: ["cairn init"],
    note:
      "One database in .cairn/ at the repository root, shared by every worktree. Never commit it.",
  },
  {
    title: "Plan an epic in one call",
    commands: [
      'cairn --toon epic create --title "Auth: password login" ' +
      "--task 'api|Add login endpoint|POST /login checks the password|p1' " +
      "--task 'form|Build login form|Email and password fields' " +
      "--subtask '@api|api-tests|Endpoint tests|Cover the 401 path' " +
      "--dep '@form|@api' " +
      "--criterion '@api|A wrong password answers 401'",
    ],
    note:
      "Temp keys (api, form) are declared bare and referenced with @. Read mappings for the new ids.",
  },
  {
    title: "Orient",
    commands: ["cairn --toon session"],
    note: "Your claims, the next ready task, readiness counts, stale claims and hints.",
  },
  {
    title: "Claim the next task",
    commands: [
      "cairn --toon task claim <task-id> --owner agent-1 --lease 30m",
      "cairn --toon task next --claim --lease 30m",
    ],
    note: "claimed: false means somebody else holds it: pick another task.",
  },
  {
    title: "Record progress at milestones",
    commands: ['cairn task update <task-id> --append "Endpoint done; tests next"'],
    note: "Append notes; never rewrite the description.",
  },
  {
    title: "Prove each acceptance criterion",
    commands: ['cairn criteria check <criterion-id> --evidence "deno test: 14 passed"'],
    note: "Evidence is what a reviewer can check.",
  },
  {
    title: "Finish the task",
    commands: ["cairn --toon task done <task-id>"],
    note: "Read unblocked, next and warnings in the answer, then continue with next.",
  },
  {
    title: "Ask what to do next",
    commands: ["cairn --toon suggest"],
    note: "Proposes the next commands: unblock, claim, plan or close the epic.",
  },
  {
    title: "Watch it live",
    commands: ["cairn board"],
    note: "A kanban board on 127.0.0.1 with live updates.",
  },
  {
    title: "Teach your agent",
    commands: ["cairn skills install --link --editor claude"],
    note:
      "Copies the skill to .agents/skills/cairn and links it for the editor (claude, codex, opencode, pi, cursor or all).",
  },
];

/** `quickstart`, `completions`. */
export const commands: CommandSpec[] = [
  {
    path: "quickstart",
    summary: "A short guided walkthrough of the everyday loop",
    noStore: true,
    examples: ["cairn quickstart"],
    run: () => ({ steps: QUICKSTART }),
    human: (d: { steps: QuickstartStep[] }) =>
      [
        "cairn quickstart: the everyday loop",
        ...d.steps.map((s, i) =>
          [`${i + 1}. ${s.title}`, ...s.commands.map((c) => `     ${c}`), `   ${s.note}`].join("\n")
        ),
      ].join("\n\n"),
  },
  {
    path: "completions",
    summary: "Print a shell completion script",
    description: "Generated from the command table. Install: bash: cairn completions bash > " +
      "~/.local/share/bash-completion/completions/cairn; zsh: cairn completions zsh > <a directory on $fpath>/_cairn; " +
      "fish: cairn completions fish > ~/.config/fish/completions/cairn.fish",
    args: [{
      name: "shell",
      type: "enum",
      values: ["bash", "zsh", "fish"],
      required: true,
      description: "Target shell",
    }],
    noStore: true,
    mcp: false,
    examples: ["cairn completions bash > ~/.local/share/bash-completion/completions/cairn"],
    run: async (_ctx, { args }) => {
      const shell = args.shell as "bash" | "zsh" | "fish";
      const [{ completionScript }, { TABLE }, { RawText }] = await Promise.all([
        import("../completions.ts"),
        import("../table.ts"),
        import("../mod.ts"),
      ]);
      const script = await completionScript(shell, TABLE);
      return new RawText(script, { shell, script });
    },
  },
];
