/**
 * Turns the chunks of a code-splitting build into one file whose lazy parts
 * cost nothing until used.
 *
 * `deno bundle --code-splitting` writes `main.js` plus chunks. The chunks
 * `main.js` imports statically are the hot path ("eager"); every other chunk
 * is reached only through `import()` (board, MCP, sync, export, TOON, ...).
 * Eager chunks are inlined by a second bundling pass. Lazy chunks are stored
 * as compressed strings and, when first imported, evaluated from a `blob:`
 * URL: they reach eager modules through a registry of module namespaces
 * (the same instances, not copies) and other lazy chunks through the loader.
 * Parsing a string costs about a third of parsing the code it holds, and
 * compression divides that again.
 *
 * @module
 */
import { brotliCompressSync, constants } from "node:zlib";

/** Imports of one chunk file. */
interface ChunkImports {
  static: Set<string>;
  dynamic: Set<string>;
}

const STATIC_IMPORT =
  /^import\s*(?:([\w$]+)\s*,?\s*)?(\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?"([^"]+)";?[ \t]*$/gm;
const EXPORT_FROM = /^export\s*(?:\*|\{[^}]*\})\s*from\s*"\.\/[^"]+"/m;
const DYNAMIC_IMPORT = /\bimport\(\s*"\.\/([\w.-]+\.js)"\s*\)/g;
const LOCAL = /^\.\/([\w.-]+\.js)$/;

/**
 * Chunk names a file imports statically and dynamically. Only names of files
 * the build wrote count: the same text inside a string (an embedded browser
 * bundle, say) is data.
 */
export function chunkImports(code: string, chunks: ReadonlySet<string>): ChunkImports {
  const out: ChunkImports = { static: new Set(), dynamic: new Set() };
  for (const m of code.matchAll(STATIC_IMPORT)) {
    const local = LOCAL.exec(m[3]!);
    if (local && chunks.has(local[1]!)) out.static.add(local[1]!);
  }
  for (const m of code.matchAll(DYNAMIC_IMPORT)) if (chunks.has(m[1]!)) out.dynamic.add(m[1]!);
  return out;
}

/** The result of {@link assemble}. */
export interface Assembled {
  /** Eager files, rewritten, to be bundled from `main.js` in a second pass. */
  eager: Map<string, string>;
  /** Lazy chunks, rewritten to use the registry and the loader. */
  lazy: Map<string, string>;
  /** Source modules in the eager files (from esbuild's `// path` comments). */
  eagerModules: string[];
}

/** Source modules named by esbuild's `// path/file.ts` comments in a chunk. */
export function modulesIn(code: string): string[] {
  return [...code.matchAll(/^\/\/ ((?:[\w.@+-]+\/)*[\w.@+-]+\.[cm]?[jt]sx?)$/gm)].map((m) => m[1]!);
}

/**
 * Splits chunk files into eager and lazy parts and rewrites their imports.
 * Chunks holding a module whose path contains one of `hot` are eager too:
 * code that one-shot commands often load (TOON output, a config file) costs
 * less evaluated up front than inflated and imported on first use. So is a
 * facade whose imports are all start-up code; a facade over lazy code stays
 * lazy with it.
 */
export function assemble(
  files: Map<string, string>,
  entry = "main.js",
  hot: readonly string[] = [],
): Assembled {
  const chunks = new Set(files.keys());
  const imports = new Map([...files].map(([name, code]) => [name, chunkImports(code, chunks)]));
  const eagerNames = new Set<string>();
  const isHot = (code: string) => modulesIn(code).some((m) => hot.some((h) => m.includes(h)));
  const stack = [entry, ...[...files].filter(([, code]) => isHot(code)).map(([name]) => name)];
  while (stack.length) {
    const name = stack.pop()!;
    if (eagerNames.has(name)) continue;
    eagerNames.add(name);
    stack.push(...imports.get(name)!.static);
  }
  for (let added = true; added;) {
    added = false;
    for (const [name, code] of files) {
      if (eagerNames.has(name) || !isFacade(code)) continue;
      if (![...imports.get(name)!.static].every((n) => eagerNames.has(n))) continue;
      eagerNames.add(name);
      added = true;
    }
  }
  const lazyNames = [...files.keys()].filter((n) => !eagerNames.has(n));
  checkAcyclic(lazyNames, imports);
  const registered = [...eagerNames].filter((n) => n !== entry).sort();
  const eager = new Map<string, string>();
  for (const name of eagerNames) {
    let code = rewriteDynamic(files.get(name)!, eagerNames, chunks);
    if (name === entry) code = registry(registered) + code;
    eager.set(name, code);
  }
  const lazy = new Map<string, string>();
  for (const name of lazyNames) {
    const code = files.get(name)!;
    if (EXPORT_FROM.test(code)) {
      throw new Error(`chunk ${name} re-exports from another chunk; not supported`);
    }
    lazy.set(
      name,
      rewriteDynamic(rewriteStatic(code, eagerNames, chunks, name), eagerNames, chunks),
    );
  }
  const eagerModules = [...new Set([...eagerNames].flatMap((n) => modulesIn(files.get(n)!)))]
    .sort();
  return { eager, lazy, eagerModules };
}

/**
 * A chunk of imports and exports only: what a dynamic import of modules that
 * are already start-up code compiles to. Loading it lazily would cost a whole
 * inflate and import for nothing.
 */
export function isFacade(code: string): boolean {
  return code
    .replace(/^import\b[^;"]*"[^"]+";$/gm, "")
    .replace(/^export\s*\{[^}]*\};$/gm, "")
    .replace(/^\/\/.*$/gm, "")
    .trim() === "";
}

/** `main.js` preamble: every eager chunk's namespace, by chunk name, for the lazy chunks. */
function registry(names: string[]): string {
  const lines = names.map((n, i) => `import * as __cairn_chunk${i} from "./${n}";`);
  const entries = names.map((n, i) => `${JSON.stringify(n)}: __cairn_chunk${i}`).join(", ");
  return `${lines.join("\n")}\nglobalThis.__cairnChunks = { ${entries} };\n`;
}

function source(name: string, eagerNames: Set<string>): string {
  return eagerNames.has(name)
    ? `globalThis.__cairnChunks[${JSON.stringify(name)}]`
    : `(await globalThis.__cairnLoad(${JSON.stringify(name)}))`;
}

/** Static imports of other chunks become reads of the registry or awaited loads. */
function rewriteStatic(
  code: string,
  eagerNames: Set<string>,
  chunks: ReadonlySet<string>,
  self: string,
): string {
  return code.replace(STATIC_IMPORT, (line, def?: string, rest?: string, spec?: string) => {
    const local = LOCAL.exec(spec!);
    if (!local || !chunks.has(local[1]!)) return line; // node: built-ins load with the chunk
    const from = source(local[1]!, eagerNames);
    const parts: string[] = [];
    if (def) parts.push(`default: ${def}`);
    if (rest?.startsWith("{")) {
      const names = rest.slice(1, -1).split(",").map((s) => s.trim()).filter(Boolean);
      parts.push(...names.map((n) => n.replace(/\s+as\s+/, ": ")));
    }
    if (rest?.startsWith("*")) {
      if (def) throw new Error(`chunk ${self}: default plus namespace import is not supported`);
      return `const ${rest.replace(/^\*\s*as\s+/, "")} = ${from};`;
    }
    return parts.length ? `const { ${parts.join(", ")} } = ${from};` : `${from};`;
  });
}

/** `import("./x.js")` becomes a load (lazy chunk) or the registered namespace (eager chunk). */
function rewriteDynamic(
  code: string,
  eagerNames: Set<string>,
  chunks: ReadonlySet<string>,
): string {
  return code.replace(
    DYNAMIC_IMPORT,
    (call: string, name: string) =>
      !chunks.has(name)
        ? call
        : eagerNames.has(name)
        ? `Promise.resolve(globalThis.__cairnChunks[${JSON.stringify(name)}])`
        : `globalThis.__cairnLoad(${JSON.stringify(name)})`,
  );
}

/** Lazy chunks import each other with top-level await: a cycle would never settle. */
function checkAcyclic(lazy: string[], imports: Map<string, ChunkImports>): void {
  const state = new Map<string, 1 | 2>();
  const visit = (n: string, path: string[]) => {
    if (state.get(n) === 2) return;
    if (state.get(n) === 1) {
      throw new Error(`lazy chunks import each other in a cycle: ${[...path, n].join(" → ")}`);
    }
    state.set(n, 1);
    for (const d of imports.get(n)!.static) if (lazy.includes(d)) visit(d, [...path, n]);
    state.set(n, 2);
  };
  for (const n of lazy) visit(n, []);
}

/**
 * Brotli at its best quality + base64: a fifth smaller than gzip, and the
 * packed text is read on every call. Unpacking (`DecompressionStream`) is
 * the same speed at any quality.
 */
export function pack(text: string): string {
  const bytes = brotliCompressSync(new TextEncoder().encode(text), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Where a lazy chunk is kept once unpacked: its name plus a hash of its final text. */
export async function chunkFile(name: string, code: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code));
  const hex = [...new Uint8Array(digest)].slice(0, 8).map((b) => b.toString(16).padStart(2, "0"))
    .join("");
  return `${name.replace(/\.js$/, "")}-${hex}.js`;
}

/**
 * The loader placed at the top of the bundle: lazy chunks by name, loaded once
 * each. A chunk is inflated once and kept as a file under the user's cache
 * directory (`$XDG_CACHE_HOME/cairn/chunks`, else `~/.cache/cairn/chunks`, or
 * `%LOCALAPPDATA%` on Windows), named by its content, so later runs import it
 * as a file: no inflating, and Deno's V8 code cache applies. Unpacking one
 * removes files unpacked more than 30 days ago. Where that directory cannot
 * be written, the chunk is imported from a `blob:` URL.
 */
export async function loader(lazy: Map<string, string>): Promise<string> {
  const entries: string[] = [];
  for (const [name, code] of lazy) {
    const file = await chunkFile(name, code);
    entries.push(
      `  ${JSON.stringify(name)}: [${JSON.stringify(file)}, ${JSON.stringify(pack(code))}],`,
    );
  }
  // Returned by a function so that the packed text stays out of the V8 code
  // cache of the start-up code (a third of its size) until a chunk is needed.
  return `var __cairnLazy = () => ({\n${entries.join("\n")}\n});
var __cairnLazyTable = null;
var __cairnLoading = new Map();
var __cairnChunkDir = () => {
  try {
    const env = (k) => Deno.env.get(k)?.replaceAll("\\\\", "/") || null;
    const home = env("HOME") ?? env("USERPROFILE");
    const bases = [
      env("XDG_CACHE_HOME"),
      Deno.build.os === "windows" ? env("LOCALAPPDATA") : home && \`\${home}/.cache\`,
    ];
    // Relative paths are not valid cache directories (XDG); the next candidate is used.
    const base = bases.find((b) => b && /^(\\/|[A-Za-z]:\\/)/.test(b));
    return base ? \`\${base}/cairn/chunks\` : null;
  } catch {
    return null;
  }
};
var __cairnFileUrl = (path) => {
  const url = new URL("file:///");
  url.pathname = path.startsWith("/") ? path : \`/\${path}\`;
  return url.href;
};
var __cairnImportFile = async (dir, file, text) => {
  const path = \`\${dir}/\${file}\`;
  try {
    Deno.statSync(path);
  } catch {
    if (text === null) return null;
    try {
      Deno.mkdirSync(dir, { recursive: true });
      const tmp = \`\${path}.\${Deno.pid}.tmp\`;
      Deno.writeTextFileSync(tmp, text);
      Deno.renameSync(tmp, path);
    } catch {
      return null;
    }
    __cairnPrune(dir);
  }
  try {
    return await import(__cairnFileUrl(path));
  } catch {
    // A damaged file (a full disk, say): drop it; the caller imports from memory.
    try {
      Deno.removeSync(path);
    } catch { /* already gone */ }
    return null;
  }
};
// Chunks of earlier builds pile up with each upgrade: when one is unpacked,
// files unpacked more than 30 days ago go (one still in use is unpacked again).
var __cairnPrune = (dir) => {
  const before = Date.now() - 30 * 86400000;
  try {
    for (const entry of Deno.readDirSync(dir)) {
      const path = \`\${dir}/\${entry.name}\`;
      try {
        if ((Deno.statSync(path).mtime?.getTime() ?? Infinity) < before) Deno.removeSync(path);
      } catch { /* gone already */ }
    }
  } catch { /* not listable */ }
};
globalThis.__cairnLoad = (name) => {
  let p = __cairnLoading.get(name);
  if (!p) {
    p = (async () => {
      const [file, packed] = (__cairnLazyTable ??= __cairnLazy())[name];
      const dir = __cairnChunkDir();
      const cached = dir && await __cairnImportFile(dir, file, null);
      if (cached) return cached;
      const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
      const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("brotli"));
      const text = await new Response(unpacked).text();
      const written = dir && await __cairnImportFile(dir, file, text);
      if (written) return written;
      const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
      try {
        return await import(url);
      } finally {
        URL.revokeObjectURL(url);
      }
    })();
    __cairnLoading.set(name, p);
  }
  return p;
};
`;
}
