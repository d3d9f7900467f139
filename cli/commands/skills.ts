/**
 * `skills install` and `skills update` (SPEC §16). The skills subsystem and
 * the embedded bundle are loaded only here.
 *
 * @module
 */
import { CairnError } from "../../core/mod.ts";
import type { CommandSpec, Input } from "../spec.ts";

const EDITOR_VALUES = ["claude", "codex", "opencode", "pi", "cursor", "all"] as const;

async function bundle() {
  const { SKILL_FILES } = await import("../../generated/skills.ts");
  return SKILL_FILES;
}

/** `--editor`, `--to` and `--allow-outside-repo` need `--link`; `--link` needs an editor. */
function checkLinkOptions({ given }: Input): void {
  for (const name of ["editor", "to", "allow-outside-repo"]) {
    if (given.has(name) && !given.has("link")) {
      throw new CairnError("missing_argument", `Option --${name} requires --link`, {
        option: "--link",
        requiredBy: `--${name}`,
      });
    }
  }
  if (given.has("link") && !given.has("editor")) {
    throw new CairnError("missing_argument", "Option --link requires at least one --editor", {
      option: "--editor",
      requiredBy: "--link",
    });
  }
}

// deno-lint-ignore no-explicit-any
function renderInstall(d: any): string {
  const counts = d.files.filter((f: { action: string }) => f.action !== "unchanged").length;
  const lines = [
    `Installed the cairn skill at ${d.path} (${d.action}; ${counts} of ${d.files.length} files written)`,
  ];
  for (const l of d.links) {
    lines.push(
      `  ${l.editor.padEnd(8)}  ${l.action.padEnd(9)}  ${l.path} -> ${l.target}${
        l.mode === "copy" ? " (copy)" : ""
      }`,
    );
  }
  return lines.join("\n");
}

// deno-lint-ignore no-explicit-any
function renderUpdate(d: any): string {
  if (d.entries.length === 0) return "No installed copy of the cairn skill found.";
  const lines = [
    `${d.dryRun ? "Would update" : "Checked"} ${d.entries.length} cairn skill install(s)`,
  ];
  for (const e of d.entries) {
    lines.push(
      `  ${e.status.padEnd(9)}  ${e.scope.padEnd(6)}  ${e.kind.padEnd(4)}  ${e.path}${
        e.error ? `  (${e.error.message})` : ""
      }`,
    );
  }
  return lines.join("\n");
}

/** `skills install`, `skills update`. */
export const commands: CommandSpec[] = [
  {
    path: "skills install",
    summary: "Install the bundled cairn skill (copy, plus editor links)",
    description:
      "Copies the skill to <repo root>/.agents/skills/cairn (or ~/.agents/skills/cairn with -g), " +
      "file by file. --link --editor <e> adds a link in each editor's skills folder " +
      "(relative inside the repository, absolute for -g).",
    options: [
      {
        name: "global",
        type: "bool",
        description: "Install to ~/.agents/skills/cairn instead of the repository",
      },
      {
        name: "link",
        type: "bool",
        description: "Also link the skill into editors' skills folders",
      },
      {
        name: "editor",
        type: "enum",
        values: EDITOR_VALUES,
        repeatable: true,
        description: "Editor to link (repeatable, or all)",
      },
      {
        name: "to",
        type: "path",
        description:
          "Folder for the cairn link instead of the editor's (relative to the repo root)",
      },
      {
        name: "allow-outside-repo",
        type: "bool",
        description: "Allow a --to link location outside the repository",
      },
    ],
    exclusive: [["global", "to"], ["global", "allow-outside-repo"]],
    mutates: true,
    idempotent: true,
    noStore: true,
    mcp: false,
    examples: [
      "cairn skills install --link --editor claude",
      "cairn skills install -g --link --editor all",
    ],
    run: async (ctx, input) => {
      checkLinkOptions(input);
      const { installSkills } = await import("../../core/skills/mod.ts");
      const o = input.opts;
      return installSkills({
        files: await bundle(),
        cwd: ctx.cwd,
        env: (name) => ctx.env(name),
        global: !!o.global,
        editors: (o.editor as string[] | undefined) ?? [],
        to: o.to as string | undefined,
        allowOutsideRepo: !!o.allowOutsideRepo,
      });
    },
    human: renderInstall,
  },
  {
    path: "skills update",
    summary: "Refresh every installed copy of the cairn skill and repair editor links",
    description:
      "Finds the repository and global copies and editor folders holding the skill; never installs anything new.",
    options: [{
      name: "dry-run",
      type: "bool",
      description: "Report what would change without writing",
    }],
    mutates: true,
    idempotent: true,
    noStore: true,
    mcp: false,
    examples: ["cairn skills update --dry-run"],
    run: async (ctx, { opts }) => {
      const { updateSkills } = await import("../../core/skills/mod.ts");
      return updateSkills({
        files: await bundle(),
        cwd: ctx.cwd,
        env: (name) => ctx.env(name),
        dryRun: !!opts.dryRun,
      });
    },
    human: renderUpdate,
  },
];
