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

/**
 * deno.json for compiling: the project's, without the unstable
 * `lazy-dynamic-imports` (which speeds up `deno run` by not preloading
 * `import()` targets, but would also leave them out of the binary), and
 * without npm imports the program never loads (test and type packages would
 * otherwise be embedded: playwright-core alone is 13 MB).
 */
export function compileConfig(config: string, used?: ReadonlySet<string>): string {
  const json = JSON.parse(config);
  if (Array.isArray(json.unstable)) {
    json.unstable = json.unstable.filter((u: string) => u !== "lazy-dynamic-imports");
    if (json.unstable.length === 0) delete json.unstable;
  }
  if (used && json.imports) {
    for (const [key, value] of Object.entries(json.imports as Record<string, string>)) {
      if (value.startsWith("npm:") && !used.has(value.slice(4))) delete json.imports[key];
    }
  }
  return JSON.stringify(json, null, 2) + "\n";
}

/** `name@version` of every npm package main.ts can load (dynamic imports included). */
export async function usedNpmPackages(): Promise<Set<string>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", `${ROOT}/main.ts`],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (!out.success) throw new Error("deno info main.ts failed");
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { kind?: string; npmPackage?: string }[];
  };
  const used = new Set<string>();
  for (const m of info.modules) {
    // "@scope/name@1.2.3_peer@4.5.6" → "@scope/name@1.2.3"
    const id = m.kind === "npm" ? /^(@?[^@]+@[^_]+)/.exec(m.npmPackage ?? "")?.[1] : undefined;
    if (id) used.add(id);
  }
  return used;
}

/** Runs `deno compile` for one build; throws with a one-line message on failure. */
export async function compile(build: Build, used?: ReadonlySet<string>): Promise<void> {
  // Next to deno.json, so relative entries resolve the same way; a copy of the
  // lockfile, which deno prunes to the imports kept.
  const config = `${ROOT}/.deno.compile.json`;
  const tmp = await Deno.makeTempDir({ prefix: "cairn-compile-" });
  await Deno.writeTextFile(
    config,
    compileConfig(await Deno.readTextFile(`${ROOT}/deno.json`), used),
  );
  await Deno.copyFile(`${ROOT}/deno.lock`, `${tmp}/deno.lock`);
  try {
    const args = [
      "compile",
      "--quiet",
      "--no-check",
      "--config",
      config,
      "--lock",
      `${tmp}/deno.lock`,
    ];
    args.push(...PERMISSIONS, "--output", build.output);
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
  } finally {
    await Deno.remove(config).catch(() => {});
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
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
    const used = await usedNpmPackages();
    for (const b of builds) {
      await compile(b, used);
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
