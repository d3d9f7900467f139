/**
 * `cairn mcp` (SPEC §17): the Model Context Protocol over stdio with the
 * official SDK. Each tool call runs the CLI in process (same parser and
 * dispatcher) on stores kept open for the server's lifetime, one call at a
 * time, and answers with the envelope.
 *
 * @module
 */
import process from "node:process";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  InitializeRequestSchema,
  type InitializeResult,
  type JSONRPCMessage,
  LATEST_PROTOCOL_VERSION,
  ListToolsRequestSchema,
  McpError,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "@modelcontextprotocol/sdk/types.js";
import { CairnError, VERSION } from "../../core/mod.ts";
import { StoreCache } from "../store_cache.ts";
import type { Io } from "../context.ts";
import { runCli } from "../mod.ts";
import { TABLE } from "../table.ts";
import { exposedCommands, listTools, toolArgv, toolName } from "./tools.ts";

/** Options of {@link serveMcp}. */
export interface ServeOptions {
  /** The process I/O of the `cairn mcp` invocation (cwd, env). */
  io: Io;
  /** Tool results as TOON text instead of JSON. */
  toon: boolean;
}

function log(line: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`cairn mcp: ${line}\n`));
}

/** Serves until stdin ends or a termination signal arrives; closes the stores. */
export async function serveMcp(opts: ServeOptions): Promise<void> {
  const commands = new Map(exposedCommands(TABLE).map((c) => [toolName(c), c]));
  const tools = listTools(TABLE);
  const storeCache = new StoreCache();
  const server = new Server({ name: "cairn", version: VERSION }, { capabilities: { tools: {} } });
  let protocol = LATEST_PROTOCOL_VERSION;

  server.setRequestHandler(
    InitializeRequestSchema,
    (request: { params: { protocolVersion: string } }): InitializeResult => {
      const requested = request.params.protocolVersion;
      protocol = SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
        ? requested
        : LATEST_PROTOCOL_VERSION;
      return {
        protocolVersion: protocol,
        capabilities: server.getCapabilities(),
        serverInfo: { name: "cairn", version: VERSION },
      };
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));

  let chain: Promise<unknown> = Promise.resolve();
  server.setRequestHandler(
    CallToolRequestSchema,
    (request: { params: { name: string; arguments?: Record<string, unknown> } }) => {
      const cmd = commands.get(request.params.name);
      if (!cmd) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
      const argv = toolArgv(cmd, request.params.arguments ?? {});
      // One call at a time, in arrival order.
      const run = chain.then(() =>
        callTool(argv, { ...opts, storeCache, structured: protocol >= "2025-06-18" })
      );
      chain = run.catch(() => {});
      return run;
    },
  );

  const transport = new StdioServerTransport();
  const pending = new Set<string | number>();
  let drained: (() => void) | null = null;
  server.onerror = (err: Error) => {
    if (err instanceof SyntaxError) sendError(transport, -32700, "Parse error");
    else if (err?.name === "ZodError") sendError(transport, -32600, "Invalid Request");
    else log(`error: ${err?.message ?? err}`);
  };
  await server.connect(transport);
  trackPending(transport, pending, () => drained?.());
  log(`serving ${tools.length} tools on stdio (cairn ${VERSION})`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.stdin.once("end", stop);
    process.stdin.once("close", stop);
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
  });
  // Answer what is in flight; a request the client cancelled never gets an answer, hence the cap.
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    new Promise<void>((resolve) => {
      drained = resolve;
      if (pending.size === 0) resolve();
    }),
    new Promise<void>((resolve) => timer = setTimeout(resolve, 5000)),
  ]);
  clearTimeout(timer);
  await chain;
  storeCache.close();
  log("stopped");
}

interface CallOptions extends ServeOptions {
  storeCache: StoreCache;
  structured: boolean;
}

async function callTool(argv: string[], opts: CallOptions): Promise<CallToolResult> {
  let out = "";
  const io: Io = {
    cwd: opts.io.cwd,
    env: opts.io.env,
    write: (text) => {
      out += text;
    },
    isTTY: false,
    columns: 80,
    readStdin: () =>
      Promise.reject(
        new CairnError("invalid_path", "Standard input is not available over MCP", { path: "-" }),
      ),
    source: "mcp",
    storeCache: opts.storeCache,
  };
  await runCli(argv, io);
  const envelope = JSON.parse(out) as {
    ok: boolean;
    command: string;
    error?: { code: string };
    metadata?: { requestId: string };
  };
  log(
    `${envelope.command} ${envelope.metadata?.requestId ?? ""} ${
      envelope.ok ? "ok" : envelope.error?.code
    }`,
  );
  let text = out.trimEnd();
  if (opts.toon) {
    const { encode } = await import("../output/toon.ts");
    text = encode(envelope as never);
  }
  return {
    content: [{ type: "text", text }],
    ...(opts.structured
      ? { structuredContent: envelope as unknown as Record<string, unknown> }
      : {}),
    isError: !envelope.ok,
  };
}

function sendError(transport: StdioServerTransport, code: number, message: string): void {
  const reply = { jsonrpc: "2.0", id: null, error: { code, message } };
  transport.send(reply as unknown as JSONRPCMessage).catch(() => {});
}

type Message = { id?: string | number | null; method?: string };

/** Counts requests without a response yet, so shutdown waits for answers in flight. */
function trackPending(
  transport: StdioServerTransport,
  pending: Set<string | number>,
  onIdle: () => void,
): void {
  const receive = transport.onmessage!;
  transport.onmessage = (message: Message, extra: unknown) => {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      pending.add(message.id);
    }
    receive(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: Message, options?: unknown) => {
    await send(message, options);
    if (
      message.method === undefined && message.id != null && pending.delete(message.id) &&
      pending.size === 0
    ) {
      onIdle();
    }
  };
}
