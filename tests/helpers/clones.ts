/**
 * Test helper: a bare repository and clones of it (a `file://` remote), each
 * with its own commit and, once used, its own cairn database.
 */
import { git, type Repo } from "./cli.ts";

/** Creates `origin.git` and one clone per name. */
export async function clones(names = ["a", "b"]): Promise<{ origin: string; repos: Repo[] }> {
  const root = Deno.realPathSync(await Deno.makeTempDir({ prefix: "cairn-sync-" }));
  const origin = `${root}/origin.git`;
  await git(root, "init", "-q", "--bare", "-b", "main", origin);
  const repos: Repo[] = [];
  for (const name of names) {
    const dir = `${root}/${name}`;
    await git(root, "clone", "-q", `file://${origin}`, dir);
    await git(dir, "config", "user.email", `${name}@example.com`);
    await git(dir, "config", "user.name", name);
    await git(dir, "commit", "-q", "--allow-empty", "-m", `init ${name}`);
    repos.push({ dir, db: `${dir}/.cairn/cairn.db` });
  }
  return { origin, repos };
}
