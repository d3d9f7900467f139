/**
 * Test helper: a core `Ctx` on a repository's real database, for seeding data
 * and asserting through core calls without spawning the program.
 */
import type { Ctx } from "../../core/context.ts";
import { loadSettings } from "../../core/config.ts";
import { locateStorage } from "../../core/store/location.ts";
import { type OpenOptions, openStore } from "../../core/store/open.ts";

/** A core context that must be closed. */
export interface TestCtx extends Ctx {
  close(): void;
}

/** Opens the database of the repository at `dir` as the CLI would. */
export async function openCtx(
  dir: string,
  o: OpenOptions & { actor?: string; command?: string } = {},
): Promise<TestCtx> {
  const env = (name: string) => (name === "CAIRN_ACTOR" ? o.actor ?? "tester" : undefined);
  const location = locateStorage(dir, env);
  const { store } = await openStore(location, o);
  return {
    store,
    source: "cli",
    command: o.command ?? "test",
    env,
    now: o.now ?? Date.now,
    actor: () => o.actor ?? "tester",
    git: () => ({ branch: "main", head: null, worktree: "." }),
    settings: await loadSettings(null, env),
    close: () => store.close(),
  };
}

/** Ids of a seeded plan. */
export interface SeededPlan {
  epicId: string;
  otherEpicId: string;
  tasks: string[];
  subtasks: string[];
  criteria: string[];
}

/**
 * Seeds a small but complete plan through core inserts: two epics, tasks with
 * subtasks, criteria (one checked), an owner, internal and cross-epic edges,
 * and text that needs escaping in Markdown.
 */
export async function seedPlan(dir: string): Promise<SeededPlan> {
  const { insertCriterion, insertEdge, insertEpic, insertSubtask, insertTask } = await import(
    "../../core/items/insert.ts"
  );
  const { write } = await import("../../core/store/tx.ts");
  const ctx = await openCtx(dir);
  try {
    return write(ctx, (tx) => {
      const epic = insertEpic(tx, {
        title: "Parser: streaming JSON",
        description: "# Goal\nParse *big* files.\n<script>alert(1)</script>",
        priority: 1,
        status: "in_progress",
      });
      const other = insertEpic(tx, { title: "Schema work" });
      const e = epic.id as string;
      const lex = insertTask(tx, {
        epicId: e,
        title: "Write lexer",
        status: "done",
        priority: 1,
        owner: "agent-1",
      });
      const parse = insertTask(tx, {
        epicId: e,
        title: "Write parser | tables",
        description: "Recursive descent.",
        status: "in_progress",
        owner: "agent-2",
        claimedAt: tx.now,
      });
      const docs = insertTask(tx, { epicId: e, title: "Document [flags]", priority: 3 });
      const freeze = insertTask(tx, { epicId: other.id as string, title: "Schema freeze" });
      const s1 = insertSubtask(tx, {
        taskId: parse.id as string,
        title: "Parser tests",
        description: "Table-driven.",
      });
      const s2 = insertSubtask(tx, {
        taskId: parse.id as string,
        title: "Error paths",
        status: "done",
      });
      const c1 = insertCriterion(tx, {
        taskId: lex.id as string,
        text: "Tokenises the corpus",
        checked: true,
        evidence: "deno test lexer_test.ts passed",
        checkedAt: tx.now,
        checkedBy: "agent-1",
      });
      const c2 = insertCriterion(tx, {
        taskId: parse.id as string,
        text: "Errors carry line and column",
      });
      insertEdge(tx, parse.id as string, lex.id as string);
      insertEdge(tx, docs.id as string, parse.id as string);
      insertEdge(tx, s1.id as string, s2.id as string);
      insertEdge(tx, parse.id as string, freeze.id as string);
      return {
        epicId: e,
        otherEpicId: other.id as string,
        tasks: [lex.id, parse.id, docs.id, freeze.id] as string[],
        subtasks: [s1.id, s2.id] as string[],
        criteria: [c1.id, c2.id] as string[],
      };
    });
  } finally {
    ctx.close();
  }
}
