/**
 * `deno task build`: regenerates every embedded module under `generated/`
 * (board assets, skill docs) by running each build script present.
 *
 * @module
 */
const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const STEPS = ["scripts/build_board.ts", "scripts/build_skills.ts"];

let failed = false;
for (const step of STEPS) {
  try {
    Deno.statSync(`${ROOT}/${step}`);
  } catch {
    continue;
  }
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", step],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) failed = true;
}
Deno.exit(failed ? 1 : 0);
