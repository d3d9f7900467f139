/**
 * Profile-guided eager compilation for the bundle. V8 compiles a function
 * lazily, on its first call, and Deno's code cache keeps only what was
 * compiled when the module was first loaded; so every one-shot command
 * compiles the functions it runs again (a few ms of its ~30). A function
 * expression in parentheses is compiled eagerly and lands in the cache. The
 * agent loop is run once under V8 coverage, and the top-level functions it
 * called are put in parentheses (declarations become `var name = (function
 * name(...) {...});` at the top of the module, where hoisting would have put
 * them). The rest stay lazy: making everything eager grows the cache by more
 * than it saves.
 *
 * @module
 */
import { parse } from "acorn";

/** Top-level functions of a module: declarations, and function values given to a `var`/`const`. */
interface TopLevel {
  name: string;
  start: number;
  end: number;
  declaration: boolean;
}

function topLevelFunctions(code: string): TopLevel[] {
  const program = parse(code, { ecmaVersion: "latest", sourceType: "module" });
  const out: TopLevel[] = [];
  for (const node of program.body) {
    if (node.type === "FunctionDeclaration" && node.id) {
      out.push({ name: node.id.name, start: node.start, end: node.end, declaration: true });
    }
    if (node.type !== "VariableDeclaration") continue;
    for (const d of node.declarations) {
      const init = d.init;
      if (d.id.type !== "Identifier" || !init) continue;
      if (init.type === "ArrowFunctionExpression" || init.type === "FunctionExpression") {
        out.push({ name: d.id.name, start: init.start, end: init.end, declaration: false });
      }
    }
  }
  return out;
}

/**
 * Makes the top-level functions named in `hot` eager. A declaration moves to
 * the top of the module as a parenthesized function expression: it runs
 * before any other code there, as hoisting would, so behaviour is unchanged.
 * A function value given to a variable is parenthesized where it is. A
 * leading `#!` line stays first.
 */
export function eagerCompile(code: string, hot: ReadonlySet<string>): string {
  const shebang = code.startsWith("#!") ? code.slice(0, code.indexOf("\n") + 1) : "";
  const body = code.slice(shebang.length);
  const chosen = topLevelFunctions(body).filter((f) => hot.has(f.name));
  if (!chosen.length) return code;
  const head: string[] = [];
  let rest = "";
  let at = 0;
  for (const f of chosen) {
    rest += body.slice(at, f.start);
    const text = body.slice(f.start, f.end);
    if (f.declaration) head.push(`var ${f.name} = (${text});`);
    else rest += `(${text})`;
    at = f.end;
  }
  rest += body.slice(at);
  return `${shebang}${head.join("\n")}${head.length ? "\n" : ""}${rest}`;
}

/**
 * Names of the bundle's functions that the agent loop calls (planning, the
 * loop, the reads around it), from V8 coverage of real runs of `bundle` in a
 * scratch repository.
 */
export async function profileHotFunctions(bundle: string): Promise<Set<string>> {
  const dir = await Deno.makeTempDir({ prefix: "cairn-profile-" });
  const coverage = `${dir}/coverage`;
  const repo = `${dir}/repo`;
  try {
    await Deno.mkdir(repo);
    await run(["git", "init", "-q"], repo);
    const cairn = async (...args: string[]) =>
      JSON.parse(
        await run([
          Deno.execPath(),
          "run",
          "-A",
          `--coverage=${coverage}`,
          bundle,
          "--json",
          ...args,
        ], repo),
      ).data;
    const key = (data: { mappings: { tempKey: string; id: string }[] }, k: string) =>
      data.mappings.find((m) => m.tempKey === k)!.id;
    await cairn("init");
    const plan = await cairn(
      ...["epic", "create", "--title", "Profile", "--task", "a|A|", "--task", "b|B|"],
      ...["--subtask", "@a|s|S|", "--dep", "@b|@a", "--criterion", "@a|Works"],
    );
    const [epic, task] = [plan.epic.id, key(plan, "a")];
    await cairn("task", "create", "--epic", epic, "--title", "One more");
    const many = await cairn("task", "create-many", "--epic", epic, "--task", "m|M|");
    await cairn("dep", "add-many", "--dep", `${key(many, "m")}|${task}`);
    for (const args of [["session"], ["task", "ready"], ["task", "next", "--claim"]]) {
      await cairn(...args);
    }
    await cairn("task", "done", task, "--force");
    for (
      const args of [["task", "list"], ["show", task], ["suggest"], ["epic", "progress", epic]]
    ) {
      await cairn(...args);
    }
    const hot = new Set<string>();
    const name = bundle.slice(bundle.lastIndexOf("/") + 1);
    for await (const entry of Deno.readDir(coverage)) {
      const script = JSON.parse(await Deno.readTextFile(`${coverage}/${entry.name}`));
      if (!String(script.url).endsWith(`/${name}`)) continue;
      for (const f of script.functions as { functionName: string; ranges: { count: number }[] }[]) {
        if (f.functionName && f.ranges[0]!.count > 0) hot.add(f.functionName);
      }
    }
    return hot;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

async function run(cmd: string[], cwd: string): Promise<string> {
  const out = await new Deno.Command(cmd[0]!, {
    args: cmd.slice(1),
    cwd,
    env: { CAIRN_ACTOR: "profile", NO_COLOR: "1", XDG_CACHE_HOME: `${cwd}/../cache` },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout);
}
