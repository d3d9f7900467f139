/**
 * Seeding for the agent-loop CLI tests: one `epic create` with batch specs,
 * returning the ids by temp key.
 */
import { type Json, ok, type Repo } from "../helpers/cli.ts";

/** Ids of a seeded plan: `epic` plus one entry per temp key (looked up by key in tests). */
export type Plan = Json;

/** Creates an epic with `--task`/`--subtask`/`--dep`/`--criterion` specs. */
export async function plan(
  repo: Repo,
  specs: { task?: string[]; subtask?: string[]; dep?: string[]; criterion?: string[] },
  o: { title?: string; env?: Record<string, string> } = {},
): Promise<Plan> {
  const args = ["epic", "create", "--title", o.title ?? "Plan"];
  for (const [name, list] of Object.entries(specs)) {
    for (const s of list ?? []) args.push(`--${name}`, s);
  }
  const d = await ok(repo, args, { env: o.env });
  const ids: Record<string, string> = { epic: d.epic.id };
  for (const m of d.mappings) ids[m.tempKey] = m.id;
  for (const [i, c] of (d.criteria ?? []).entries()) ids[`c${i + 1}`] = c.id;
  return ids as Plan;
}

/** An ISO instant `minutes` after a fixed origin, for `CAIRN_NOW`. */
export function at(minutes: number): string {
  return new Date(Date.parse("2026-05-02T12:00:00.000Z") + minutes * 60_000).toISOString();
}
