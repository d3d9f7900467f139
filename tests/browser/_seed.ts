/**
 * A realistic plan for the browser test and screenshots, written through the
 * same core calls the CLI uses: epics with tasks in every status, owners and
 * leases, subtasks, criteria and dependencies.
 */
import {
  addCriterion,
  addDependency,
  checkCriterion,
  claimItem,
  completeItem,
  createEpic,
  createSubtask,
  createTask,
  updateTask,
} from "../../core/mod.ts";
import { openCtx } from "../helpers/core_ctx.ts";

/** Ids the tests refer to. */
export interface DemoPlan {
  parserEpic: string;
  docsEpic: string;
  lexer: string;
  parser: string;
  errors: string;
  benchmark: string;
  fuzz: string;
  tasks: Record<string, string>;
}

/** Seeds the demo plan into the repository at `dir`. */
export async function seedDemo(dir: string): Promise<DemoPlan> {
  const ctx = await openCtx(dir, { actor: "ana" });
  try {
    const epic = (title: string, description: string, priority = 2) =>
      createEpic(ctx, { title, description, priority }).epic.id;
    const parserEpic = epic(
      "Streaming JSON parser",
      "Parse multi-gigabyte JSON files in constant memory.\n\n- Lexer and parser share one buffer\n- Errors carry **line and column**\n- `deno bench` shows > 400 MB/s",
      1,
    );
    const docsEpic = epic("Documentation site", "Publish the user guide and the API reference.");
    const cliEpic = epic(
      "CLI ergonomics",
      "Short aliases, shell completions and friendlier errors.",
      2,
    );
    epic("Release 1.0", "Changelog, packaging and the announcement.", 3);
    const t: Record<string, string> = {};
    const task = (
      key: string,
      epicId: string,
      title: string,
      o: { priority?: number; description?: string } = {},
    ) => (t[key] = createTask(ctx, { epic: epicId, title, ...o }).task.id);
    task("lexer", parserEpic, "Write the lexer with a reusable token buffer", {
      priority: 1,
      description: "Hand-written, no regex.",
    });
    task("parser", parserEpic, "Recursive descent parser for objects and arrays", { priority: 1 });
    task("errors", parserEpic, "Error messages with line and column", { priority: 2 });
    task("benchmark", parserEpic, "Benchmark against the standard library", { priority: 2 });
    task("fuzz", parserEpic, "Fuzz the parser with generated documents", { priority: 3 });
    task("unicode", parserEpic, "Handle surrogate pairs and invalid UTF-8", { priority: 1 });
    task("numbers", parserEpic, "Exact big number parsing", { priority: 4 });
    task("guide", docsEpic, "Getting started guide", { priority: 1 });
    task("reference", docsEpic, "Generate the API reference from JSDoc");
    task("search", docsEpic, "Client-side search for the docs");
    task("aliases", cliEpic, "Short aliases for frequent options");
    task("completions", cliEpic, "Shell completions for bash, zsh and fish", { priority: 3 });

    for (
      const [key, text] of [
        ["lexer", "Tokenises the whole test corpus"],
        ["lexer", "No allocation per token"],
        [
          "parser",
          "Parses every file of the JSON test suite",
        ],
        ["parser", "Depth limit is configurable"],
        ["errors", "Errors carry line and column"],
      ] as const
    ) {
      addCriterion(ctx, { task: t[key]!, text });
    }
    const crit = (key: string) =>
      (ctx.store.all<{ id: string }>(
        "SELECT id FROM criteria WHERE task_id = ? ORDER BY position",
        t[key]!,
      )).map((r) => r.id);
    for (const c of crit("lexer")) {
      checkCriterion(ctx, { id: c, evidence: "deno test lexer_test.ts" });
    }
    createSubtask(ctx, { task: t.parser!, title: "Objects" });
    createSubtask(ctx, { task: t.parser!, title: "Arrays" });
    createSubtask(ctx, { task: t.parser!, title: "Nesting depth limit" });
    createSubtask(ctx, { task: t.lexer!, title: "String escapes" });

    addDependency(ctx, { source: t.parser!, dependsOn: t.lexer! });
    addDependency(ctx, { source: t.errors!, dependsOn: t.parser! });
    addDependency(ctx, { source: t.benchmark!, dependsOn: t.parser! });
    addDependency(ctx, { source: t.fuzz!, dependsOn: t.parser! });
    addDependency(ctx, { source: t.reference!, dependsOn: t.guide! });

    claimItem(ctx, { id: t.lexer!, kind: "task", owner: "agent-1" });
    completeItem(ctx, { id: t.lexer!, kind: "task" });
    claimItem(ctx, { id: t.parser!, kind: "task", owner: "agent-2", lease: "2h" });
    claimItem(ctx, { id: t.guide!, kind: "task", owner: "ana" });
    updateTask(ctx, {
      id: t.numbers!,
      status: "blocked",
      append: "Blocked: waiting for the BigInt decision.",
    });
    claimItem(ctx, { id: t.aliases!, kind: "task", owner: "agent-3" });
    completeItem(ctx, { id: t.aliases!, kind: "task" });
    return {
      parserEpic,
      docsEpic,
      lexer: t.lexer!,
      parser: t.parser!,
      errors: t.errors!,
      benchmark: t.benchmark!,
      fuzz: t.fuzz!,
      tasks: t,
    };
  } finally {
    ctx.close();
  }
}
