import { runCli } from "./cli/mod.ts";

if (import.meta.main) {
  // runCli starts from a callback, not from this module's top-level frame:
  // the first exception thrown while that frame is on the stack (a missing
  // file probed at start-up, say) makes V8 reparse the whole module for its
  // source positions, about 10 ms in the bundle.
  const code = await Promise.resolve(Deno.args).then(runCli);
  // The answer is written and the database closed. Tearing the runtime down
  // costs about 2.5 ms of a one-shot call and serves nothing, so Deno.exit
  // skips it; awaiting one I/O operation first gives the event loop the turn
  // in which Deno stores the modules' V8 code cache after a first run.
  await Deno.stdout.write(new Uint8Array()).catch(() => 0);
  Deno.exit(code);
}
