/**
 * Who acts (SPEC §5.10): `CAIRN_ACTOR`, else git `user.email` read from the
 * config files, else the OS user, else "unknown".
 *
 * @module
 */
import { CairnError } from "./errors.ts";
import { gitConfigValue, type GitLayout } from "./git_files.ts";
import { readTextIfPresent } from "./probe.ts";
import { cleanOwner } from "./text.ts";

function sanitize(value: string): string {
  // deno-lint-ignore no-control-regex
  return value.trim().replace(/[\s\u0000-\u001f\u007f]/g, "").slice(0, 100);
}

/** `CAIRN_ACTOR`, cleaned, or null when unset or blank. Throws `invalid_input` when it is bad. */
export function actorFromEnv(env: (name: string) => string | undefined): string | null {
  const fromEnv = env("CAIRN_ACTOR");
  if (fromEnv === undefined || fromEnv.trim() === "") return null;
  try {
    return cleanOwner(fromEnv, "actor");
  } catch {
    throw new CairnError(
      "invalid_input",
      `Invalid CAIRN_ACTOR "${fromEnv}": use 1-100 characters without spaces`,
      { source: "env", variable: "CAIRN_ACTOR", value: fromEnv },
    );
  }
}

/** Resolves the actor for events. Throws `invalid_input` for a bad `CAIRN_ACTOR`. */
export function resolveActor(
  env: (name: string) => string | undefined,
  git: GitLayout | null,
): string {
  const fromEnv = actorFromEnv(env);
  if (fromEnv !== null) return fromEnv;
  const email = gitEmail(env, git);
  if (email) return email;
  const user = sanitize(env("USER") ?? env("USERNAME") ?? "");
  return user || "unknown";
}

function gitEmail(env: (name: string) => string | undefined, git: GitLayout | null): string | null {
  const home = env("HOME");
  const xdg = env("XDG_CONFIG_HOME") ?? (home ? `${home}/.config` : null);
  const files = [
    git ? `${git.gitDir}/config.worktree` : null,
    git ? `${git.commonDir}/config` : null,
    home ? `${home}/.gitconfig` : null,
    xdg ? `${xdg}/git/config` : null,
  ];
  for (const file of files) {
    if (!file) continue;
    const text = readTextIfPresent(file);
    if (!text) continue;
    const email = gitConfigValue(text, "user", "email");
    if (email && sanitize(email)) return sanitize(email);
  }
  return null;
}
