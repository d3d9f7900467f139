/**
 * `deno task compile`: single-file executables with `deno compile`.
 *
 *   deno task compile                          # dist/cairn for this machine
 *   deno task compile --target linux-arm64     # dist/cairn-linux-arm64
 *   deno task compile --target all             # every release target
 *
 * `deno compile` embeds the program into Deno's runtime binary (`denort`),
 * which it downloads once per Deno version and target from dl.deno.land and
 * caches in DENO_DIR. Offline, point `DENORT_BIN` at an unzipped `denort` of
 * the same Deno version and of the target being built (one target per run).
 * A failed build prints one line and exits 1.
 *
 * @module
 */

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Release targets: short name → Rust target triple. */
export const TARGETS: Record<string, string> = {
  "linux-x64": "x86_64-unknown-linux-gnu",
  "linux-arm64": "aarch64-unknown-linux-gnu",
  "macos-x64": "x86_64-apple-darwin",
  "macos-arm64": "aarch64-apple-darwin",
  "windows-x64": "x86_64-pc-windows-msvc",
};

/**
 * What the program may do, baked into the binary. SQLite (`node:sqlite`) needs
 * only read and write on the database files; git (sync, doctor, actor
 * includes) and opening the browser need `run`; the board listens on
 * loopback only. tests/dist_test.ts runs the bundle with exactly these flags.
 */
export const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-run",
  "--allow-net=127.0.0.1,localhost",
];

/** One build: target triple (null = this machine) and output path. */
export interface Build {
  name: string;
  triple: string | null;
  output: string;
}

/** Resolves `--target` values (short names, triples or `all`) into builds. */
export function plan(targets: string[], outDir = `${ROOT}/dist`): Build[] {
  if (targets.length === 0) return [{ name: "host", triple: null, output: `${outDir}/cairn` }];
  const names = targets.includes("all") ? Object.keys(TARGETS) : targets;
  return names.map((t) => {
    const name = TARGETS[t] ? t : Object.keys(TARGETS).find((k) => TARGETS[k] === t);
    if (!name) {
      throw new Error(`unknown target "${t}"; use one of ${Object.keys(TARGETS).join(", ")}, all`);
    }
    const exe = name.startsWith("windows") ? ".exe" : "";
    return { name, triple: TARGETS[name]!, output: `${outDir}/cairn-${name}${exe}` };
  });
}

/** Runs `deno compile` for one build; throws with a one-line message on failure. */
export async function compile(build: Build): Promise<void> {
  const args = ["compile", "--quiet", "--no-check", ...PERMISSIONS, "--output", build.output];
  if (build.triple) args.push("--target", build.triple);
  args.push(`${ROOT}/main.ts`);
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (out.success) return;
  throw new Error(explain(new TextDecoder().decode(out.stderr), build));
}

/** One line for a failed `deno compile`, without Rust's cause chain and backtrace. */
export function explain(stderr: string, build: Build): string {
  // deno-lint-ignore no-control-regex
  const text = stderr.replace(/\x1b\[[0-9;]*m/g, "");
  const target = build.triple ?? "this machine";
  const denort = Deno.env.get("DENORT_BIN");
  if (denort && /Could not find denort|denort/i.test(text) && /No such file|not find/i.test(text)) {
    return `DENORT_BIN="${denort}" does not exist`;
  }
  if (/dl\.deno\.land|error sending request|dns error|Connect/i.test(text)) {
    return `cannot download Deno's runtime (denort) for ${target} from dl.deno.land; ` +
      `set DENORT_BIN to an unzipped denort ${Deno.version.deno} binary for that target ` +
      `(see README, Install) or build where dl.deno.land is reachable`;
  }
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const first = lines.find((l) => /^error/i.test(l)) ?? lines[0] ?? "no output";
  return `deno compile failed for ${target}: ${first.replace(/^error:\s*/i, "")}`;
}

function parseArgs(argv: string[]): { targets: string[]; outDir?: string } {
  const targets: string[] = [];
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes("=")
      ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
      : [a, undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--target") targets.push(...value().split(",").filter(Boolean));
    else if (flag === "--out-dir") outDir = value();
    else {throw new Error(
        `unknown argument "${a}"; usage: deno task compile [--target <name>|all]... [--out-dir <dir>]`,
      );}
  }
  return { targets, outDir };
}

if (import.meta.main) {
  try {
    const { targets, outDir } = parseArgs(Deno.args);
    const builds = plan(targets, outDir);
    if (Deno.env.get("DENORT_BIN") && builds.length > 1) {
      throw new Error("DENORT_BIN names one runtime binary: build one --target at a time");
    }
    await Deno.mkdir(outDir ?? `${ROOT}/dist`, { recursive: true });
    for (const b of builds) {
      await compile(b);
      const size = (await Deno.stat(b.output)).size;
      const rel = b.output.startsWith(`${ROOT}/`) ? b.output.slice(ROOT.length + 1) : b.output;
      console.log(
        `compile: wrote ${rel} (${b.triple ?? "host"}, ${(size / 2 ** 20).toFixed(0)} MiB)`,
      );
    }
  } catch (err) {
    console.error(`compile: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
