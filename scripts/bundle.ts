/**
 * `deno task bundle`: writes dist/cairn.js, the whole program as one file that
 * runs with `deno run -A dist/cairn.js` from any directory.
 *
 * Two `deno bundle` passes (esbuild, fetched from npm on first use): the
 * first splits the program into chunks, the second inlines the chunks of the
 * hot path (main.ts and its static imports) into one module. Chunks reached
 * only through `import()` (board, MCP, sync, export, skills) are embedded
 * compressed and, on first use, unpacked into the user's cache directory and
 * imported from there (scripts/bundle_chunks.ts), so a one-shot command loads
 * ~450 KiB instead of the whole program. Lazy code that agents load on most
 * calls (TOON, TOML) and facades over start-up code ship eager (HOT). Board
 * assets and skill docs are already modules under generated/. The output is
 * checked for anything that would read files next to the bundle at run time.
 * Last, the functions the agent loop calls are made eager (scripts/bundle_eager.ts).
 *
 * A Node built-in imported by start-up code would load Deno's Node-compat
 * layer (+12 ms) on every command; default and namespace imports of built-ins
 * are rewritten into bindings that load the module on first use
 * (`process.getBuiltinModule`), and named ones are reported.
 *
 * The start-up code and the lazy chunks are minified: Deno reads and scans the
 * whole file on every call (about 3 ms per MB), and the smaller text saves
 * 1–2 ms a call (`--no-minify` for reading it).
 *
 * Usage: deno run -A scripts/bundle.ts [--output <path>] [--no-minify]
 *
 * @module
 */

import { assemble, loader } from "./bundle_chunks.ts";
import { eagerCompile, profileHotFunctions } from "./bundle_eager.ts";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Where the bundle goes unless `--output` says otherwise. */
export const DEFAULT_BUNDLE = `${ROOT}/dist/cairn.js`;

/**
 * Lazily imported code that ships eager anyway: an agent that reads TOON
 * loads the encoder on every call, and a repository with a config file loads
 * the TOML parser on every call. Inflating and importing a chunk costs 10 ms
 * or more; evaluating it with the start-up code costs well under 1 ms.
 */
const HOT = ["@toon-format/toon/", "smol-toml/"];

/** Options of one bundle build. */
export interface BundleOptions {
  output?: string;
  /** Minify the start-up code (default true). */
  minify?: boolean;
}

/** What a build wrote. */
export interface BundleResult {
  path: string;
  bytes: number;
  /** Bytes of code parsed at start-up (the rest is compressed lazy chunks). */
  eagerBytes: number;
  /** Source modules in the start-up code. */
  eagerModules: string[];
  lazyChunks: number;
}

/** Builds the bundle; returns its path and size. Throws with a one-line message on failure. */
export async function buildBundle(
  options: BundleOptions = {},
): Promise<BundleResult> {
  const output = options.output ?? DEFAULT_BUNDLE;
  await Deno.mkdir(output.replace(/\/[^/]*$/, "") || ".", { recursive: true });
  const tmp = await Deno.makeTempDir({ prefix: "cairn-bundle-" });
  try {
    const split = `${tmp}/split`;
    await denoBundle(["--code-splitting", "--outdir", split, `${ROOT}/main.ts`], ROOT);
    const files = new Map<string, string>();
    for await (const e of Deno.readDir(split)) {
      if (e.isFile && e.name.endsWith(".js")) {
        files.set(e.name, await Deno.readTextFile(`${split}/${e.name}`));
      }
    }
    const { eager, lazy, eagerModules } = assemble(files, "main.js", HOT);
    for (const [name, code] of eager) await Deno.writeTextFile(`${split}/${name}`, code);
    await denoBundle(["--no-config", "--output", `${tmp}/eager.js`, `${split}/main.js`], tmp);
    const { code, eager: eagerBuiltins } = lazyBuiltins(await Deno.readTextFile(`${tmp}/eager.js`));
    for (const e of eagerBuiltins) {
      console.error(`bundle: warning: ${e} loads Node compatibility at start-up`);
    }
    const problems = [code, ...lazy.values()].flatMap(runtimeFileReads);
    if (problems.length) {
      throw new Error(`the bundle would read files next to it at run time: ${problems.join("; ")}`);
    }
    // Minified only now: the checks above read esbuild's `// module` comments.
    const [checked, packed] = options.minify === false
      ? [code, lazy]
      : await minify(code, lazy, `${tmp}/min`);
    const body = checked.startsWith("#!") ? checked.slice(checked.indexOf("\n") + 1) : checked;
    const lazyText = await loader(packed);
    const draft = `${tmp}/cairn.js`;
    await Deno.writeTextFile(draft, `#!/usr/bin/env -S deno run -A\n${lazyText}${body}`);
    const hot = await profileHotFunctions(draft).catch((err) => {
      // Only speed is at stake: the bundle is right without the profile.
      console.error(`bundle: warning: no profile (${(err as Error).message}); functions stay lazy`);
      return new Set<string>();
    });
    const eagerBody = eagerCompile(body, hot);
    const text =
      `#!/usr/bin/env -S deno run -A\n// cairn: generated by \`deno task bundle\`; do not edit.\n${lazyText}${eagerBody}`;
    await Deno.writeTextFile(output, text);
    await Deno.chmod(output, 0o755).catch(() => {});
    const bytes = new TextEncoder().encode(text).length;
    const eagerBytes = new TextEncoder().encode(eagerBody).length;
    return { path: output, bytes, eagerBytes, eagerModules, lazyChunks: lazy.size };
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/**
 * The start-up code and the lazy chunks, minified in one esbuild run: each is
 * its own entry (lazy chunks reach each other only through the loader).
 */
async function minify(
  code: string,
  lazy: Map<string, string>,
  dir: string,
): Promise<[string, Map<string, string>]> {
  const files = new Map([["main.js", code], ...lazy]);
  await Deno.mkdir(`${dir}/in`, { recursive: true });
  for (const [name, text] of files) await Deno.writeTextFile(`${dir}/in/${name}`, text);
  const entries = [...files.keys()].map((name) => `in/${name}`);
  await denoBundle(["--no-config", "--minify", "--outdir", `${dir}/out`, ...entries], dir);
  const read = (name: string) => Deno.readTextFile(`${dir}/out/${name}`);
  const minified = new Map<string, string>();
  for (const name of lazy.keys()) minified.set(name, await read(name));
  return [await read("main.js"), minified];
}

async function denoBundle(args: string[], cwd: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "deno", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (!out.success) {
    throw new Error(`deno bundle failed: ${firstErrorLine(new TextDecoder().decode(out.stderr))}`);
  }
}

/** Built-ins whose default export is callable (a Proxy over a function target). */
const CALLABLE = new Set(["assert", "assert/strict", "events", "module", "buffer"]);

const LAZY_HELPER = `var __cairnLazyBuiltin = (name, callable) => {
  let m;
  const load = () => (m ??= globalThis.process.getBuiltinModule(name));
  const loose = (d) => (d && { ...d, configurable: true });
  return new Proxy(callable ? function () {} : {}, {
    get: (_, k) => Reflect.get(load(), k),
    set: (_, k, v) => Reflect.set(load(), k, v),
    has: (_, k) => Reflect.has(load(), k),
    deleteProperty: (_, k) => Reflect.deleteProperty(load(), k),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, k) => loose(Reflect.getOwnPropertyDescriptor(load(), k)),
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    construct: (_, args, nt) => Reflect.construct(load(), args, nt),
  });
};
`;

/**
 * Rewrites top-level `import x from "node:y"` and `import * as x from "node:y"`
 * (except node:sqlite, which the hot path needs anyway) into lazily loading
 * bindings. Named imports cannot be made lazy this way; they are reported.
 */
export function lazyBuiltins(code: string): { code: string; eager: string[] } {
  const eager: string[] = [];
  const lazy: string[] = [];
  const out = code.replace(
    /^import\s+(?:(\w+)|\*\s+as\s+(\w+)|(\{[^}]*\}|\w+\s*,\s*\{[^}]*\}))\s+from\s+"node:([\w/]+)";$/gm,
    (
      line,
      def: string | undefined,
      ns: string | undefined,
      named: string | undefined,
      name: string,
      at: number,
    ) => {
      if (name === "sqlite") return line;
      if (named !== undefined) {
        eager.push(`${line.trim()} in ${moduleAt(code, at)}`);
        return line;
      }
      // Declared at the top, as the import was: creating the binding loads nothing.
      lazy.push(
        `var ${def ?? ns} = __cairnLazyBuiltin("node:${name}", ${CALLABLE.has(name) && !ns});`,
      );
      return "";
    },
  );
  return { code: lazy.length ? `${LAZY_HELPER}${lazy.join("\n")}\n${out}` : out, eager };
}

/**
 * Constructs that resolve paths relative to the module or import something
 * that was not inlined; each finding names the source module (esbuild keeps a
 * `// path/file.ts` comment before each module's code).
 */
export function runtimeFileReads(code: string): string[] {
  const patterns: [RegExp, string][] = [
    [/import\.meta\.(url|dirname|filename|resolve)\b/g, "import.meta path"],
    [/^\s*import\s[^;]*?from\s*["'](?!node:)[^"']+["']/gm, "static import left in the bundle"],
    [/\bimport\(\s*["'`](?!node:)[^"'`]+["'`]\s*\)/g, "dynamic import left in the bundle"],
  ];
  const found: string[] = [];
  for (const [re, what] of patterns) {
    for (const m of code.matchAll(re)) {
      const where = moduleAt(code, m.index ?? 0);
      // generated/ modules hold assets as strings (island bundles): their text is data, not code.
      if (!where.startsWith("generated/")) found.push(`${what} in ${where}`);
    }
  }
  return [...new Set(found)];
}

function moduleAt(code: string, index: number): string {
  const before = code.slice(0, index);
  const m = [...before.matchAll(/^\/\/ ((?:[\w.@+-]+\/)*[\w.@+-]+\.[cm]?[jt]sx?)$/gm)].pop();
  return m?.[1] ?? "the entry";
}

function firstErrorLine(stderr: string): string {
  // deno-lint-ignore no-control-regex
  const lines = stderr.replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim()).filter(
    Boolean,
  );
  return lines.find((l) => /^error/i.test(l)) ?? lines[0] ?? "no output";
}

if (import.meta.main) {
  const args = Deno.args;
  const at = args.indexOf("--output");
  const output = at >= 0 ? args[at + 1] : undefined;
  try {
    const t0 = performance.now();
    const r = await buildBundle({ output, minify: !args.includes("--no-minify") });
    const ms = Math.round(performance.now() - t0);
    const rel = r.path.startsWith(`${ROOT}/`) ? r.path.slice(ROOT.length + 1) : r.path;
    const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(
      `bundle: wrote ${rel} (${kib(r.bytes)}: start-up code ${kib(r.eagerBytes)} from ` +
        `${r.eagerModules.length} modules, ${r.lazyChunks} lazy chunks; ${ms} ms)`,
    );
  } catch (err) {
    console.error(`bundle: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
