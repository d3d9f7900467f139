/**
 * Import direction and purity of the core (DESIGN "Layout", STYLE "Module map"):
 * core/ never reaches an adapter, never prints, never exits; adapters reach
 * core only through its barrels.
 */
import { assert, assertEquals } from "./helpers/assert.ts";
import { ROOT, sources } from "./helpers/sources.ts";

/** Source text without comments, strings kept (specifiers live in strings). */
function code(path: string): string {
  return Deno.readTextFileSync(`${ROOT}/${path}`)
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "))
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** One import of a file. */
interface Import {
  spec: string;
  line: number;
  /** Repository-relative path for relative specifiers, else the specifier. */
  resolved: string;
  /** `import type` / `export type` (erased at run time). */
  typeOnly: boolean;
}

/** Specifiers a file imports, statically or dynamically, with their line. */
function imports(path: string): Import[] {
  const text = code(path);
  const found: Import[] = [];
  const re =
    /(?:\b(?:import|export)\s*(type\s+)?(?:[\w*{}\s,$]+\s+from\s*)?|\bimport\s*\(\s*)["']([^"']+)["']/g;
  for (const m of text.matchAll(re)) {
    const spec = m[2]!;
    const line = text.slice(0, m.index).split("\n").length;
    const resolved = spec.startsWith(".")
      ? new URL(spec, `file://${ROOT}/${path}`).pathname.slice(ROOT.length + 1)
      : spec;
    found.push({ spec, line, resolved, typeOnly: m[1] !== undefined });
  }
  return found;
}

Deno.test("architecture: core/ never imports cli/, routes/ or islands/", () => {
  const bad: string[] = [];
  for (const file of sources("core")) {
    for (const i of imports(file)) {
      if (/^(cli|routes|islands)\//.test(i.resolved)) {
        bad.push(`${file}:${i.line} imports ${i.spec}`);
      }
    }
  }
  assertEquals(bad, []);
});

Deno.test("architecture: core/ never prints and never exits", () => {
  const bad: string[] = [];
  for (const file of sources("core")) {
    const lines = code(file).split("\n");
    lines.forEach((l, n) => {
      if (/\bconsole\s*\.\s*\w+/.test(l)) bad.push(`${file}:${n + 1} uses console`);
      if (/\bDeno\s*\.\s*exit\b/.test(l)) bad.push(`${file}:${n + 1} calls Deno.exit`);
    });
  }
  assertEquals(bad, []);
});

Deno.test("architecture: cli/ and routes/ reach core only through core/mod.ts or a core/<subsystem>/mod.ts", () => {
  const bad: string[] = [];
  for (const file of [...sources("cli"), ...sources("routes")]) {
    for (const i of imports(file)) {
      if (!i.resolved.startsWith("core/")) continue;
      if (i.resolved === "core/mod.ts" || /^core\/[\w-]+\/mod\.ts$/.test(i.resolved)) continue;
      bad.push(`${file}:${i.line} imports ${i.spec}`);
    }
  }
  assertEquals(bad, []);
});

Deno.test("architecture: islands/ (browser code) import nothing from core/ but types", () => {
  const bad: string[] = [];
  for (const file of sources("islands")) {
    for (const i of imports(file)) {
      if (i.resolved.startsWith("core/") && !i.typeOnly) {
        bad.push(`${file}:${i.line} imports ${i.spec}`);
      }
    }
  }
  assertEquals(bad, []);
});

Deno.test("architecture: the import scanner sees static, type, re-export and dynamic imports", () => {
  const dir = Deno.makeTempDirSync({ dir: ROOT, prefix: ".arch-" });
  const rel = dir.slice(ROOT.length + 1);
  try {
    Deno.writeTextFileSync(
      `${dir}/x.ts`,
      [
        'import { a } from "../core/a.ts";',
        'import type { B } from "../core/b.ts";',
        'export { c } from "../core/c.ts";',
        'const d = await import("../core/d/mod.ts");',
        '// import { e } from "../core/e.ts";',
      ].join("\n"),
    );
    assertEquals(imports(`${rel}/x.ts`).map((i) => [i.resolved, i.typeOnly]), [
      ["core/a.ts", false],
      ["core/b.ts", true],
      ["core/c.ts", false],
      ["core/d/mod.ts", false],
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

/** Modules main.ts loads before running anything: its static import graph (type-only imports excluded). */
async function staticGraph(): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "main.ts"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  if (!out.success) throw new Error(`deno info failed: ${new TextDecoder().decode(out.stderr)}`);
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    roots: string[];
    modules: {
      specifier: string;
      dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
    }[];
    redirects: Record<string, string>;
  };
  const bySpec = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const stack = [...info.roots];
  while (stack.length) {
    const raw = stack.pop()!;
    const spec = info.redirects[raw] ?? raw;
    if (seen.has(spec)) continue;
    seen.add(spec);
    for (const d of bySpec.get(spec)?.dependencies ?? []) {
      if (d.code && !d.isDynamic) stack.push(d.code.specifier);
    }
  }
  const root = `file://${ROOT}/`;
  return [...seen].map((s) => (s.startsWith(root) ? s.slice(root.length) : s)).sort();
}

Deno.test("hot path: main.ts statically loads no npm package, no Node module but node:sqlite, no lazy subsystem", async () => {
  const graph = await staticGraph();
  assert(graph.includes("cli/mod.ts"), "the graph walk should reach cli/mod.ts");
  // Board, skills, export/import, MCP, doctor, search and the sync engine load with import()
  // when used; core/sync/counters.ts is the cheap part `session` and `suggest` need (SPEC
  // §14.9), core/search/fields.ts the names the command table lists.
  const lazy =
    /^(generated|routes|islands|static|cli\/mcp|core\/(board|skills|transfer|export|mcp|doctor))\/|^core\/sync\/(?!counters\.ts$)|^core\/search\/(?!fields\.ts$)/;
  const heavy = graph.filter((s) =>
    s.startsWith("npm:") || (s.startsWith("node:") && s !== "node:sqlite") || lazy.test(s)
  );
  assertEquals(heavy, []);
});
