/**
 * Builds the board's browser assets into `generated/assets.ts`: every
 * top-level island bundled by `deno bundle` (esbuild inside Deno, so npm
 * packages resolve the same way in every node_modules mode; ESM with code
 * splitting so all islands share one Preact and one store), the stylesheet (`static/css/*.css` in
 * name order, minified into `board.css`) and the other files in `static/`. Everything is
 * served from memory under `/assets/<content hash>/<file>`, so the board needs
 * no files on disk. The output is deterministic; `--check` fails when the
 * committed file is stale.
 *
 *   deno run -A scripts/build_board.ts [--check]
 */

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const OUT = `${ROOT}/generated/assets.ts`;

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  json: "application/json",
};

/** Island names: the `.tsx` files directly in `islands/`. */
function islandNames(): string[] {
  return [...Deno.readDirSync(`${ROOT}/islands`)]
    .filter((e) => e.isFile && /^[A-Z]\w*\.tsx$/.test(e.name))
    .map((e) => e.name.replace(/\.tsx$/, ""))
    .sort();
}

/** Bundles every island with `deno bundle` (esbuild, with Deno's own npm resolution). */
async function bundleIslands(names: string[]) {
  const entries = await Deno.makeTempDir({ dir: ROOT, prefix: ".board-build-" });
  const out = await Deno.makeTempDir({ prefix: "cairn-board-assets-" });
  try {
    for (const n of names) {
      await Deno.writeTextFile(
        `${entries}/${n}.ts`,
        `import C from "../islands/${n}.tsx";\nimport { hydrateIslands } from "../islands/_lib/hydrate.ts";\nhydrateIslands(${
          JSON.stringify(n)
        }, C);\n`,
      );
    }
    const run = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--quiet",
        "--platform",
        "browser",
        "--code-splitting",
        "--minify",
        "--outdir",
        out,
        ...names.map((n) => `${entries}/${n}.ts`),
      ],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!run.success) {
      throw new Error(`deno bundle failed:\n${new TextDecoder().decode(run.stderr)}`);
    }
    const raw: Record<string, string> = {};
    for (const e of Deno.readDirSync(out)) {
      if (e.isFile && e.name.endsWith(".js")) {
        raw[e.name] = await Deno.readTextFile(`${out}/${e.name}`);
      }
    }
    const files = await renameChunks(raw);
    const islands: Record<string, { file: string; imports: string[] }> = {};
    for (const n of names) {
      const file = `${n}.js`;
      if (!files[file]) throw new Error(`deno bundle wrote no ${file}`);
      const imports = [...files[file].matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) =>
        m[1]!
      );
      islands[n] = { file, imports: [...new Set(imports)].sort() };
    }
    return { files, islands };
  } finally {
    await Deno.remove(entries, { recursive: true });
    await Deno.remove(out, { recursive: true });
  }
}

const CHUNK_NAME = /chunk-[A-Z0-9]+\.js/g;

/**
 * esbuild names shared chunks by a hash that depends on where the checkout
 * lives; renaming each chunk by its own content (chunk references masked)
 * makes the output the same in every checkout, so the staleness test holds.
 */
async function renameChunks(files: Record<string, string>): Promise<Record<string, string>> {
  const rename = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of Object.keys(files).filter((n) => n.startsWith("chunk-")).sort()) {
    let id = (await sha256(files[name]!.replace(CHUNK_NAME, "chunk.js"))).slice(0, 10)
      .toUpperCase();
    while (taken.has(id)) id += "X";
    taken.add(id);
    rename.set(name, `chunk-${id}.js`);
  }
  const out: Record<string, string> = {};
  for (const [name, body] of Object.entries(files)) {
    out[rename.get(name) ?? name] = body.replace(CHUNK_NAME, (c) => rename.get(c) ?? c);
  }
  return out;
}

/** A small, safe CSS minifier: comments and redundant whitespace go. */
export function minifyCss(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ").replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/;}/g, "}").trim();
}

/** `static/`: `css/*.css` concatenated (in name order) into `board.css`; other files as they are. */
async function staticFiles(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const css = [...Deno.readDirSync(`${ROOT}/static/css`)].filter((e) =>
    e.isFile && e.name.endsWith(".css")
  )
    .map((e) => e.name).sort();
  const sheet = (await Promise.all(css.map((n) => Deno.readTextFile(`${ROOT}/static/css/${n}`))))
    .join("\n");
  out["board.css"] = minifyCss(sheet);
  for (
    const e of [...Deno.readDirSync(`${ROOT}/static`)].sort((a, b) => a.name.localeCompare(b.name))
  ) {
    if (!e.isFile) continue;
    const text = await Deno.readTextFile(`${ROOT}/static/${e.name}`);
    out[e.name] = text;
  }
  return out;
}

async function sha256(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The text of `generated/assets.ts`. */
export async function buildBoardAssets(): Promise<string> {
  const names = islandNames();
  const { files, islands } = await bundleIslands(names);
  Object.assign(files, await staticFiles());
  const sorted = Object.keys(files).sort();
  const hash = (await sha256(sorted.map((n) => `${n}\n${files[n]}`).join("\n\0"))).slice(0, 16);
  const lines = [
    "// Generated by scripts/build_board.ts (deno task build). Do not edit.",
    "// deno-fmt-ignore-file",
    "// deno-lint-ignore-file",
    "",
    "/** Content hash of the whole asset set: assets live under /assets/<hash>/<file>. */",
    `export const ASSET_HASH = ${JSON.stringify(hash)};`,
    "",
    "/** Island bundles: entry file and the chunks it imports (for modulepreload). */",
    `export const ISLANDS: Record<string, { file: string; imports: string[] }> = ${
      JSON.stringify(islands)
    };`,
    "",
    "/** Every asset by file name: MIME type and body. */",
    "export const ASSETS: Record<string, { type: string; body: string }> = {",
    ...sorted.map((n) => {
      const type = TYPES[n.split(".").pop()!] ?? "application/octet-stream";
      return `  ${JSON.stringify(n)}: { type: ${JSON.stringify(type)}, body: ${
        JSON.stringify(files[n])
      } },`;
    }),
    "};",
    "",
  ];
  return lines.join("\n");
}

if (import.meta.main) {
  const text = await buildBoardAssets();
  if (Deno.args.includes("--check")) {
    const current = await Deno.readTextFile(OUT).catch(() => "");
    if (current !== text) {
      console.error("generated/assets.ts is stale: run deno task build");
      Deno.exit(1);
    }
    console.log("generated/assets.ts is up to date");
  } else {
    await Deno.mkdir(`${ROOT}/generated`, { recursive: true });
    await Deno.writeTextFile(OUT, text);
    console.log(`wrote generated/assets.ts (${(text.length / 1024).toFixed(0)} KiB)`);
  }
}
