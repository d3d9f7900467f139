/**
 * `deno task demo` plays the whole agent loop on the embedded sample epic
 * against the real program, so it doubles as an end-to-end check.
 */
import { demo, SAMPLE_EPIC } from "../scripts/demo.ts";
import { assertEquals, assertMatch, assertStringIncludes } from "./helpers/assert.ts";
import { git } from "./helpers/cli.ts";

Deno.test("demo: one batch plan, then session → claim → check → done until suggest proposes closing", async () => {
  const dir = Deno.realPathSync(await Deno.makeTempDir({ prefix: "cairn-demo-test-" }));
  try {
    await git(dir, "init", "-q", "-b", "main");
    const lines: string[] = [];
    const r = await demo(dir, (l) => lines.push(l));
    assertEquals(r.tasksDone, SAMPLE_EPIC.tasks.length);
    assertMatch(r.closing ?? "", /^cairn epic update e-[0-9a-z]{8} --status done$/);
    const text = lines.join("\n");
    assertStringIncludes(text, "5 tasks, 2 subtasks, 3 criteria, 4 dependencies, one transaction");
    assertMatch(lines.at(-1) ?? "", /is done$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
