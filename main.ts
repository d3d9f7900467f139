import { runCli } from "./cli/mod.ts";

if (import.meta.main) {
  // runCli starts from a callback, not from this module's top-level frame:
  // the first exception thrown while that frame is on the stack (a missing
  // file probed at start-up, say) makes V8 reparse the whole module for its
  // source positions, about 10 ms in the bundle. Leaving through the event
  // loop instead of Deno.exit lets Deno store the module's V8 code cache.
  Deno.exitCode = await Promise.resolve(Deno.args).then(runCli);
}
