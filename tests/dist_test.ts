/**
 * The shipped program is one file: the bundle, alone in a directory, run from
 * an empty directory with the permission set the compiled binary gets, does
 * the everyday loop (init, a batch plan, claim, done), installs the skill and
 * serves the board. Steps whose command does not exist yet are skipped.
 */
import { COMMANDS } from "../cli/table.ts";
import { buildBundle } from "../scripts/bundle.ts";
import { assemble } from "../scripts/bundle_chunks.ts";
import { eagerCompile } from "../scripts/bundle_eager.ts";
import { compileConfig, explain, PERMISSIONS, plan } from "../scripts/compile.ts";
import { SAMPLE_EPIC, sampleEpicArgs } from "../scripts/demo.ts";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";

const has = (path: string) => COMMANDS.some((c) => c.path === path);
const exists = (path: string) => {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
};

// deno-lint-ignore no-explicit-any
type Data = any;

Deno.test("dist: the bundle runs alone from an empty directory", async (t) => {
  const tmp = Deno.realPathSync(await Deno.makeTempDir({ prefix: "cairn-dist-" }));
  const bin = `${tmp}/bin/cairn.js`;
  const work = `${tmp}/work`;
  const home = `${tmp}/home`;
  await Deno.mkdir(work);
  await Deno.mkdir(home);

  const spawnArgs = (args: string[]) => ["run", ...PERMISSIONS, bin, ...args];
  const cache = `${home}/.cache`;
  const env = { CAIRN_ACTOR: "dist-agent", HOME: home, XDG_CACHE_HOME: cache, NO_COLOR: "1" };
  const run = async (
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: spawnArgs(args),
      cwd: work,
      env: { ...env, ...extraEnv },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  };
  const ok = async (args: string[]): Promise<Data> => {
    const r = await run(["--json", ...args]);
    let env: Data = null;
    try {
      env = JSON.parse(r.stdout);
    } catch { /* reported below */ }
    if (r.code !== 0 || !env?.ok) {
      throw new Error(`cairn ${args.join(" ")} (${r.code}): ${r.stdout}${r.stderr}`);
    }
    return env.data;
  };
  // `completions fish` comes from a lazy chunk: the cache directory is the variable.
  const fish = async (cacheHome: string) => {
    const r = await run(["completions", "fish"], { XDG_CACHE_HOME: cacheHome });
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(r.stdout, "complete -c cairn");
  };
  const ids: Record<string, string> = {};

  try {
    await t.step("bundle: one executable file, nothing else in its directory", async () => {
      const { path, bytes, eagerModules } = await buildBundle({ output: bin });
      assertEquals(path, bin);
      assert(bytes > 10_000, `bundle is only ${bytes} bytes`);
      // The start-up code is the hot path only: cli/ and core/ minus the lazy subsystems, and
      // of npm only the TOON encoder and the TOML parser (scripts/bundle.ts, HOT).
      assert(eagerModules.includes("cli/mod.ts"), "cli/mod.ts should be start-up code");
      const hot = (m: string) =>
        m === "main.ts" ||
        /\/npm\/registry\.npmjs\.org\/(@toon-format\/toon|smol-toml)\//.test(m) ||
        (/^(cli|core)\//.test(m) &&
          !/^cli\/(mcp\/|completions)|^core\/(board|skills|transfer|doctor)\/|^core\/search\/(?!fields)/
            .test(m));
      assertEquals(eagerModules.filter((m) => !hot(m)), []);
      assertEquals([...Deno.readDirSync(`${tmp}/bin`)].map((e) => e.name), ["cairn.js"]);
      const code = Deno.readTextFileSync(bin);
      assertMatch(code.slice(0, 40), /^#!\/usr\/bin\/env -S deno run/);
      // The profiled agent loop made its functions eager (scripts/bundle_eager.ts); the
      // start-up code is minified, so runCli is found through its module's export list.
      const runCli = /\brunCli:\(\)=>([\w$]+)/.exec(code)?.[1];
      assert(runCli, "runCli's export should be in the start-up code");
      assert(
        code.includes(`\nvar ${runCli} = (async function ${runCli}(`),
        "runCli should be eager",
      );
      // Only node:sqlite may load at start-up; other built-ins would pull in Node compatibility.
      const eager = [...code.matchAll(/\bimport\s*[^;()]*?from\s*"(node:[\w/]+)"/g)].map((m) =>
        m[1]
      );
      assertEquals([...new Set(eager)], ["node:sqlite"]);
    });

    await t.step("version: JSON and TOON (lazy npm code is inside the bundle)", async () => {
      const data = await ok(["version"]);
      assertMatch(data.version, /^\d+\.\d+\.\d+/);
      const toon = await run(["--toon", "version"]);
      assertEquals(toon.code, 0);
      assertMatch(toon.stdout, /command: version/);
    });

    await t.step(
      "exit: Deno.exit after the answer still lets Deno store the code cache",
      async () => {
        // main.ts leaves through Deno.exit (no runtime teardown) after one turn of the event
        // loop; without that turn, every call would compile the whole bundle again.
        const denoDir = `${tmp}/deno-dir`;
        const parsedTwice = async (): Promise<boolean> => {
          const log = `${tmp}/v8.log`;
          const out = await new Deno.Command(Deno.execPath(), {
            args: [
              "run",
              `--v8-flags=--log-function-events,--logfile=${log},--no-logfile-per-isolate`,
              ...PERMISSIONS,
              bin,
              "--json",
              "version",
            ],
            cwd: work,
            env: { ...env, DENO_DIR: denoDir },
            stdout: "null",
            stderr: "null",
          }).output();
          assertEquals(out.code, 0);
          const text = Deno.readTextFileSync(log);
          const id = new RegExp(`^script-details,(\\d+),file://${bin}`, "m").exec(text)?.[1];
          assert(id, "the log should name the bundle's script");
          return new RegExp(`^function,parse-script,${id},`, "m").test(text);
        };
        assert(await parsedTwice(), "a first run compiles the bundle");
        assert(!(await parsedTwice()), "a second run should load the bundle from the code cache");
      },
    );

    await t.step("init: storage in the empty directory", async () => {
      const data = await ok(["init"]);
      assertEquals(data.created, true);
      assertEquals(data.storage.dir, `${work}/.cairn`);
      assert(Deno.statSync(`${work}/.cairn/cairn.db`).isFile);
    });

    await t.step({
      name: "epic create: the sample plan in one batch",
      ignore: !has("epic create"),
      fn: async () => {
        const data = await ok(sampleEpicArgs());
        assertEquals(data.counts.tasks, SAMPLE_EPIC.tasks.length);
        assertEquals(data.counts.dependencies, SAMPLE_EPIC.deps.length);
        for (const m of data.mappings) ids[m.tempKey] = m.id;
        assertMatch(ids.config ?? "", /^t-[0-9a-z]{8}$/);
      },
    });

    await t.step({
      name: "task claim: the first ready task",
      ignore: !has("task claim") || !has("epic create"),
      fn: async () => {
        const data = await ok(["task", "claim", ids.config!]);
        assertEquals(data.claimed, true);
        assertEquals(data.task.owner, "dist-agent");
        assertEquals(data.task.status, "in_progress");
      },
    });

    await t.step({
      name: "task done: completes it",
      ignore: !has("task done") || !has("task claim") || !has("epic create"),
      fn: async () => {
        const data = await ok(["task", "done", ids.config!]);
        assertEquals(data.task.status, "done");
        assertEquals(data.epicProgress.done, 1);
      },
    });

    await t.step({
      name: "skills install: the embedded skill is written into the directory",
      ignore: !has("skills install"),
      fn: async () => {
        const data = await ok(["skills", "install"]);
        assertEquals(data.action, "created");
        assert(Deno.readTextFileSync(`${data.path}/SKILL.md`).includes("cairn"));
      },
    });

    await t.step({
      name: "mcp: answers initialize over stdio (code from a lazy chunk)",
      ignore: !has("mcp"),
      fn: async () => {
        // A chunk unpacked by a build of long ago, and one of last week.
        Deno.mkdirSync(`${cache}/cairn/chunks`, { recursive: true });
        const stale = `${cache}/cairn/chunks/server-OLD-0000000000000000.js`;
        const recent = `${cache}/cairn/chunks/server-NEW-0000000000000000.js`;
        for (const [path, days] of [[stale, 40], [recent, 7]] as const) {
          Deno.writeTextFileSync(path, "export {};\n");
          const when = new Date(Date.now() - days * 86400000);
          Deno.utimeSync(path, when, when);
        }
        const initialize = async () => {
          const child = new Deno.Command(Deno.execPath(), {
            args: spawnArgs(["mcp"]),
            cwd: work,
            env,
            stdin: "piped",
            stdout: "piped",
            stderr: "null",
          }).spawn();
          const init = {
            jsonrpc: "2.0",
            id: 1,
            method: "initialize",
            params: {
              protocolVersion: "2025-06-18",
              capabilities: {},
              clientInfo: { name: "dist", version: "1" },
            },
          };
          const w = child.stdin.getWriter();
          await w.write(new TextEncoder().encode(JSON.stringify(init) + "\n"));
          await w.close();
          const out = await child.output();
          const first = new TextDecoder().decode(out.stdout).split("\n")[0]!;
          assertEquals(JSON.parse(first).result.serverInfo.name, "cairn");
        };
        await initialize();
        // The chunk was unpacked once into the user's cache, named by its content.
        const kept = [...Deno.readDirSync(`${cache}/cairn/chunks`)].map((e) => e.name);
        assert(kept.some((n) => /^server-\w+-[0-9a-f]{16}\.js$/.test(n)), kept.join(", "));
        assert(
          !kept.includes("server-OLD-0000000000000000.js"),
          "a chunk older than 30 days stays",
        );
        assert(kept.includes("server-NEW-0000000000000000.js"), "a recent chunk was removed");
        await initialize(); // now from the kept file
      },
    });

    await t.step({
      name: "lazy chunks load from memory where the cache cannot be written",
      ignore: !has("completions"),
      fn: async () => {
        const blocked = `${tmp}/not-a-directory`;
        Deno.writeTextFileSync(blocked, "");
        await fish(blocked);
      },
    });

    await t.step({
      name: "lazy chunks: a relative cache path is ignored, a damaged kept file is dropped",
      ignore: !has("completions"),
      fn: async () => {
        await fish("relative-cache"); // not a valid cache directory: ~/.cache is used
        // (Deno itself puts its own cache there: only cairn's part is checked.)
        assert(!exists(`${work}/relative-cache/cairn`), "a relative cache path was used");
        const kept = () =>
          [...Deno.readDirSync(`${cache}/cairn/chunks`)].map((e) => e.name)
            .filter((n) => n.startsWith("completions_fish-"));
        assertEquals(kept().length, 1);
        const file = `${cache}/cairn/chunks/${kept()[0]}`;
        Deno.writeTextFileSync(file, "export const broken = ;\n");
        await fish(cache); // served from memory; the damaged file is dropped
        assert(!exists(file), "the damaged file stayed");
        await fish(cache);
        assertStringIncludes(Deno.readTextFileSync(file), "complete -c cairn");
      },
    });

    await t.step({
      name: "board: serves /api/snapshot from embedded assets",
      ignore: !has("board open"),
      fn: async () => {
        const child = new Deno.Command(Deno.execPath(), {
          args: spawnArgs(["--json", "board", "open", "--no-open", "--reveal-token"]),
          cwd: work,
          env,
          stdin: "null",
          stdout: "piped",
          stderr: "null",
        }).spawn();
        const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
        try {
          let line = "";
          while (!line.includes("\n")) {
            const { value, done } = await reader.read();
            if (done) break;
            line += value;
          }
          const env = JSON.parse(line.split("\n")[0]!);
          assertEquals(env.ok, true);
          const res = await fetch(`${env.data.origin}/api/snapshot`, {
            headers: { Authorization: `Bearer ${env.data.token}` },
          });
          assertEquals(res.status, 200);
          const snap = await res.json();
          assert(JSON.stringify(snap).includes(SAMPLE_EPIC.title) || !has("epic create"));
        } finally {
          child.kill("SIGTERM");
          await reader.cancel().catch(() => {});
          await child.status;
        }
      },
    });
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
});

Deno.test("bundle chunks: eager chunks are inlined, lazy ones reach them through the registry", () => {
  const files = new Map([
    ["main.js", 'import { run } from "./chunk-a.js";\nawait run(() => import("./lazy-b.js"));\n'],
    ["chunk-a.js", "export const run = (f) => f();\nexport class E {}\n"],
    [
      "lazy-b.js",
      'import {\n  E,\n  run as go\n} from "./chunk-a.js";\nimport "./lazy-c.js";\nexport const b = [E, go];\nexport const text = `import("./not-a-chunk.js")`;\n',
    ],
    ["lazy-c.js", "export const c = 1;\n"],
  ]);
  const { eager, lazy, eagerModules } = assemble(files);
  assertEquals([...eager.keys()].sort(), ["chunk-a.js", "main.js"]);
  assertEquals([...lazy.keys()].sort(), ["lazy-b.js", "lazy-c.js"]);
  assertEquals(eagerModules, []);
  const main = eager.get("main.js")!;
  assertMatch(main, /import \* as __cairn_chunk0 from "\.\/chunk-a\.js";/);
  assertMatch(main, /globalThis\.__cairnLoad\("lazy-b\.js"\)/);
  const b = lazy.get("lazy-b.js")!;
  assertMatch(b, /const \{ E, run: go \} = globalThis\.__cairnChunks\["chunk-a\.js"\];/);
  assertMatch(b, /\(await globalThis\.__cairnLoad\("lazy-c\.js"\)\);/);
  assert(!b.includes('"./lazy') && !b.includes('"./chunk'), "no chunk specifier may remain");
  assertStringIncludes(b, 'import("./not-a-chunk.js")'); // text that names no chunk is data
});

Deno.test("bundle chunks: facades and hot packages ship with the start-up code", () => {
  const files = new Map([
    [
      "main.js",
      'import "./chunk-a.js";\nconst f = () => [import("./facade.js"), import("./toon.js"), import("./b.js"), import("./lazy-facade.js")];\n',
    ],
    ["chunk-a.js", "export const a = 1;\n"],
    [
      "facade.js",
      'import {\n  a\n} from "./chunk-a.js";\nimport "./chunk-a.js";\nexport {\n  a\n};\n',
    ],
    ["toon.js", "// node_modules/@toon-format/toon/dist/index.mjs\nexport const encode = 1;\n"],
    ["b.js", "// core/board/mod.ts\nexport const board = 1;\n"],
    // A facade over code that is not start-up code (cli/completions.ts, say) stays lazy with it.
    ["chunk-c.js", "// cli/completions.ts\nexport const c = 1;\n"],
    ["lazy-facade.js", 'import {\n  c\n} from "./chunk-c.js";\nexport {\n  c\n};\n'],
  ]);
  const { eager, lazy } = assemble(files, "main.js", ["@toon-format/toon/"]);
  assertEquals([...eager.keys()].sort(), ["chunk-a.js", "facade.js", "main.js", "toon.js"]);
  assertEquals([...lazy.keys()].sort(), ["b.js", "chunk-c.js", "lazy-facade.js"]);
  const main = eager.get("main.js")!;
  assertMatch(main, /Promise\.resolve\(globalThis\.__cairnChunks\["facade\.js"\]\)/);
  assertMatch(main, /globalThis\.__cairnLoad\("b\.js"\)/);
});

Deno.test("bundle: hot functions become eager expressions and behave the same", async () => {
  const code = [
    "#!/usr/bin/env -S deno run -A",
    "const early = hot(1);",
    "function hot(n) {",
    "  return `${n}",
    "}`;", // a template literal whose text closes a line like a function does
    "}",
    "async function cold() {",
    "  return 2;",
    "}",
    "const arrow = (n) => n * 10;",
    "export const result = [early, hot(3), await cold(), arrow(4)];",
  ].join("\n");
  const out = eagerCompile(code, new Set(["hot", "arrow"]));
  const lines = out.split("\n");
  assertEquals(lines[0], "#!/usr/bin/env -S deno run -A");
  assertMatch(lines[1]!, /^var hot = \(function hot\(n\) \{$/);
  assertStringIncludes(out, "\nasync function cold() {"); // not profiled: stays lazy
  assertStringIncludes(out, "\nconst arrow = ((n) => n * 10);");
  const mod = await import(
    `data:text/javascript,${encodeURIComponent(out.slice(out.indexOf("\n")))}`
  );
  assertEquals(mod.result, ["1\n}", "3\n}", 2, 40]);
});

Deno.test("bundle chunks: a cycle between lazy chunks is refused", () => {
  const files = new Map([
    ["main.js", 'const f = () => import("./x.js");\n'],
    ["x.js", 'import "./y.js";\nexport const x = 1;\n'],
    ["y.js", 'import "./x.js";\nexport const y = 1;\n'],
  ]);
  let message = "";
  try {
    assemble(files);
  } catch (err) {
    message = (err as Error).message;
  }
  assertMatch(message, /cycle: x\.js → y\.js → x\.js/);
});

Deno.test("compile: targets map to Rust triples, and a failed runtime download is one line", () => {
  assertEquals(
    plan(["linux-arm64", "x86_64-pc-windows-msvc"], "/o").map((b) => [b.triple, b.output]),
    [
      ["aarch64-unknown-linux-gnu", "/o/cairn-linux-arm64"],
      ["x86_64-pc-windows-msvc", "/o/cairn-windows-x64.exe"],
    ],
  );
  assertEquals(plan(["all"], "/o").length, 5);
  assertEquals(plan([], "/o"), [{ name: "host", triple: null, output: "/o/cairn" }]);
  const stderr = [
    "error: Writing deno compile executable to temporary file '/x/cairn.tmp'",
    "",
    "Caused by:",
    "    0: Setting up base binary.",
    "    1: error sending request for url (https://dl.deno.land/release/v2.9.6/denort-x.zip): dns error",
    "Stack backtrace:",
    "   0: <unknown>",
  ].join("\n");
  const line = explain(stderr, plan(["linux-x64"], "/o")[0]!);
  assertMatch(
    line,
    /^cannot download Deno's runtime \(denort\) for x86_64-unknown-linux-gnu from dl\.deno\.land; set DENORT_BIN/,
  );
  assert(!line.includes("\n"), "one line");
});

Deno.test("compile: the binary's config keeps import() targets and drops npm packages nothing loads", () => {
  const config = JSON.stringify({
    unstable: ["lazy-dynamic-imports"],
    imports: {
      hono: "npm:hono@4.13.19",
      "playwright-core": "npm:playwright-core@1.65.1",
      "@x/": "./x/",
    },
  });
  const out = JSON.parse(compileConfig(config, new Set(["hono@4.13.19"])));
  assertEquals(out.unstable, undefined);
  assertEquals(out.imports, { hono: "npm:hono@4.13.19", "@x/": "./x/" });
});
