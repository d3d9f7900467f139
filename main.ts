import { processIo, runCli } from "./cli/mod.ts";

/** An empty module, named through a variable so that a bundler keeps the import real. */
const EMPTY_MODULE = "data:text/javascript,";

if (import.meta.main) {
  // runCli starts from a callback, not from this module's top-level frame:
  // the first exception thrown while that frame is on the stack (a missing
  // file probed at start-up, say) makes V8 reparse the whole module for its
  // source positions, about 10 ms in the bundle.
  const code = await Promise.resolve(Deno.args).then((args) =>
    runCli(args, { ...processIo(), exitsAfter: true })
  );
  // The answer is written and the database left to the exit (Store.leave).
  // Tearing the runtime down costs about 2.5 ms of a one-shot call and serves
  // nothing, so Deno.exit skips it. After a first run Deno must still store
  // the modules' V8 code cache, which its event loop does before it settles a
  // dynamic import of a new module: importing an empty one first makes sure
  // that has happened.
  await import(EMPTY_MODULE).catch(() => {});
  Deno.exit(code);
}
