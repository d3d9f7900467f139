import { isListed, readTextIfPresent } from "../../core/probe.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

Deno.test("probe: a listed file is read, a missing one or a missing directory is null", () => {
  const dir = Deno.makeTempDirSync({ prefix: "cairn-probe-" });
  try {
    Deno.writeTextFileSync(`${dir}/commondir`, "../..\n");
    Deno.mkdirSync(`${dir}/refs`);
    assert(isListed(`${dir}/commondir`));
    assert(isListed(`${dir}/refs`));
    assert(!isListed(`${dir}/packed-refs`));
    assert(!isListed(`${dir}/nowhere/HEAD`));
    assertEquals(readTextIfPresent(`${dir}/commondir`), "../..\n");
    assertEquals(readTextIfPresent(`${dir}/packed-refs`), null);
    assertEquals(readTextIfPresent(`${dir}/nowhere/HEAD`), null);
    // A directory is listed but is not text.
    assertEquals(readTextIfPresent(`${dir}/refs`), null);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
