/**
 * `runCli(args, io?)` → exit code: parse, run one command, print one
 * envelope. The one try/catch of the CLI.
 *
 * @module
 */
import {
  CairnError,
  configFileIn,
  isUsageError,
  locateStorage,
  newRequestId,
  type StorageLocation,
} from "../core/mod.ts";
import { CliContext, type Io } from "./context.ts";
import { buildHelp, renderHelp } from "./help.ts";
import { compact, type Envelope, failure, success, toJsonLine } from "./output/envelope.ts";
import { renderError, renderGeneric, renderWarnings, setHumanStyle } from "./output/human.ts";
import { type GlobalFlags, parseArgs } from "./parse.ts";
import { groupSummary, TABLE } from "./table.ts";
import { versionData } from "./commands/meta.ts";

type Format = "json" | "toon" | "human";

/** The default process I/O. */
export function processIo(): Io {
  const isTTY = Deno.stdout.isTerminal();
  return {
    cwd: Deno.cwd(),
    env: (name) => Deno.env.get(name),
    write: (text) => {
      const bytes = new TextEncoder().encode(text);
      let off = 0;
      try {
        while (off < bytes.length) off += Deno.stdout.writeSync(bytes.subarray(off));
      } catch (err) {
        // A reader that went away (`cairn ... | head`) is not our failure.
        if (!(err instanceof Deno.errors.BrokenPipe)) throw err;
      }
    },
    isTTY,
    columns: isTTY
      ? (() => {
        try {
          return Deno.consoleSize().columns;
        } catch {
          return 80;
        }
      })()
      : 80,
    readStdin: async () => new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer()),
    source: "cli",
  };
}

/**
 * A long-running command (`board`): its envelope is printed first, then
 * `serve()` runs until the process should exit with the code it returns.
 */
export class Serving {
  constructor(readonly data: unknown, readonly serve: () => Promise<number>) {}
}

/** Raw output (completions, `export --path -`): a command returns this to print text as is. */
export class RawText {
  constructor(readonly text: string, readonly data: unknown) {}
}

function prescanFormat(args: readonly string[]): Format | null {
  let f: Format | null = null;
  for (const a of args) {
    if (a === "--") break;
    if (a === "--json" || a === "--toon" || a === "--human") f = a.slice(2) as Format;
  }
  return f;
}

/** Runs one command line; returns the exit code. */
export async function runCli(args: readonly string[], io: Io = processIo()): Promise<number> {
  const requestId = newRequestId();
  let commandId = "cairn";
  let globals: GlobalFlags = {
    format: prescanFormat(args),
    compact: args.includes("--compact"),
    help: false,
    version: false,
    cwd: null,
  };
  let format: Format = globals.format ?? (io.isTTY ? "human" : "json");
  let humanRender: ((data: unknown) => string) | undefined;
  let ctx: CliContext | null = null;
  let envelope: Envelope;
  let raw: string | null = null;
  let serving: Serving | null = null;
  // Located, and its config file read, once for the output mode and the command (`io` may
  // change with --cwd first).
  let location: StorageLocation | undefined;
  let configFile: Promise<Record<string, unknown>> | undefined;
  const locate = () => location ??= locateStorage(io.cwd, io.env);
  const readConfig = () => {
    const loc = locate();
    return configFile ??= configFileIn(loc.exists ? loc.dir : null);
  };
  try {
    const parsed = parseArgs(args, TABLE);
    globals = parsed.globals;
    if (globals.cwd !== null) io = { ...io, cwd: resolveCwd(io.cwd, globals.cwd) };
    if (globals.version && !globals.help) {
      commandId = "version";
      format = await chooseFormat(globals, io, readConfig);
      envelope = success("version", versionData(), requestId);
      humanRender = (d) => `cairn ${(d as { version: string }).version}`;
    } else if (globals.help || !parsed.command) {
      commandId = "help";
      format = await chooseFormat(globals, io, readConfig);
      const data = buildHelp(TABLE, parsed.path, groupSummary);
      envelope = success("help", data, requestId);
      humanRender = (d) => renderHelp(d as ReturnType<typeof buildHelp>);
    } else {
      const cmd = parsed.command;
      commandId = cmd.id ?? cmd.path.replaceAll(" ", ".");
      format = await chooseFormat(globals, io, readConfig);
      setHumanStyle({ color: io.isTTY && io.env("NO_COLOR") === undefined, columns: io.columns });
      ctx = new CliContext(io, commandId, requestId, locate, readConfig);
      ctx.formatFlag = globals.format;
      const result = await cmd.run(ctx, parsed.input);
      if (result instanceof RawText) {
        if (globals.format === null) raw = result.text;
        envelope = success(commandId, result.data, requestId);
      } else if (result instanceof Serving) {
        serving = result;
        envelope = success(commandId, result.data, requestId);
      } else envelope = success(commandId, result, requestId);
      humanRender = cmd.human ? (d) => cmd.human!(d, ctx!) : undefined;
    }
  } catch (err) {
    const e = toCairnError(err);
    const parsedPath = (err as { parsedPath?: string }).parsedPath;
    if (parsedPath !== undefined) {
      commandId = parsedPath ? parsedPath.replaceAll(" ", ".") : "cairn";
    }
    envelope = failure(commandId, e, requestId);
    if (
      e.code === "invalid_input" &&
      (e.details.variable === "CAIRN_FORMAT" || e.details.key === "output.format")
    ) format = "json";
  } finally {
    if (!serving) ctx?.close();
  }
  if (raw !== null) io.write(raw.endsWith("\n") ? raw : raw + "\n");
  else io.write(await render(envelope, format, globals.compact, humanRender));
  if (serving) {
    const code = await serving.serve();
    ctx?.close();
    return code;
  }
  if (envelope.ok) return 0;
  return isUsageError(envelope.error!.code as never) ? 2 : 1;
}

function resolveCwd(base: string, dir: string): string {
  const path = dir.startsWith("/") ? dir : `${base}/${dir}`;
  try {
    if (Deno.statSync(path).isDirectory) return Deno.realPathSync(path);
  } catch { /* reported below */ }
  throw new CairnError("invalid_path", `Directory "${dir}" does not exist`, { path: dir });
}

async function chooseFormat(
  globals: GlobalFlags,
  io: Io,
  readConfig: () => Promise<Record<string, unknown>>,
): Promise<Format> {
  if (globals.format) return globals.format;
  const fromEnv = io.env("CAIRN_FORMAT");
  let word = fromEnv;
  if (fromEnv === undefined || fromEnv === "") {
    word = undefined;
    try {
      word = (await readConfig())["output.format"] as string | undefined;
    } catch (err) {
      if (err instanceof CairnError) throw err;
    }
  } else if (!["json", "toon", "human", "auto"].includes(fromEnv.toLowerCase())) {
    throw new CairnError(
      "invalid_input",
      `Invalid CAIRN_FORMAT "${fromEnv}": expected json, toon, human or auto`,
      {
        source: "env",
        variable: "CAIRN_FORMAT",
        key: "output.format",
        value: fromEnv,
        message: "expected auto, human, json or toon",
      },
    );
  }
  const w = word?.toLowerCase();
  if (w === "json" || w === "toon" || w === "human") return w;
  return io.isTTY ? "human" : "json";
}

function toCairnError(err: unknown): CairnError {
  if (err instanceof CairnError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/database is locked/i.test(message)) {
    return new CairnError("database_busy", "The database is busy", { attempts: 1, waitedMs: 0 });
  }
  if (err instanceof Deno.errors.PermissionDenied) {
    return new CairnError("permission_denied", message, { path: null });
  }
  return new CairnError("internal_error", `Internal error: ${message}`, { cause: message });
}

async function render(
  env: Envelope,
  format: Format,
  compactOut: boolean,
  human?: (d: unknown) => string,
): Promise<string> {
  if (format === "human") {
    if (!env.ok) return renderError(env) + "\n";
    const text = human ? human(env.data) : renderGeneric(env.data);
    const warnings = human ? "" : renderWarnings(env.data);
    return [text, warnings].filter(Boolean).join("\n") + "\n";
  }
  const out = compactOut ? compact(env) : env;
  if (format === "json") return toJsonLine(out);
  const { encode } = await import("./output/toon.ts");
  return encode(out as never) + "\n";
}
