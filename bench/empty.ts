// The baseline of the cold benchmark: `deno run` of a script that does nothing.
