/**
 * `cairn mcp` (SPEC §17) as a real process, driven by the official SDK client
 * and, for the malformed-input cases, by raw JSON-RPC lines.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { assert, assertEquals } from "../helpers/assert.ts";
import { MAIN, ok, type Repo, tempRepo } from "../helpers/cli.ts";
import { seedPlan } from "../helpers/core_ctx.ts";
import { TABLE } from "../../cli/table.ts";

interface Tool {
  name: string;
  inputSchema: {
    additionalProperties?: boolean;
    required?: string[];
    properties: Record<string, { type: string }>;
  };
  annotations?: { readOnlyHint?: boolean; idempotentHint?: boolean };
}

interface ToolResult {
  content: { type: string; text: string }[];
  // deno-lint-ignore no-explicit-any
  structuredContent?: any;
  isError?: boolean;
}

async function connect(repo: Repo): Promise<Client> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "-A", MAIN, "mcp"],
    cwd: repo.dir,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "",
      CAIRN_ACTOR: "tester",
      NO_COLOR: "1",
    },
    stderr: "pipe",
  });
  const client = new Client({ name: "cairn-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

function positional(path: string): string {
  return TABLE.commands.find((c) => c.path === path)!.args![0]!.name;
}

Deno.test("mcp: tools are generated from the command table, minus the excluded commands", async () => {
  const repo = await tempRepo();
  const client = await connect(repo);
  try {
    assertEquals(client.getServerVersion()?.name, "cairn");
    const { tools } = await client.listTools() as { tools: Tool[] };
    const names = tools.map((t) => t.name);
    for (const name of ["session", "task_claim", "task_done", "task_ready", "version"]) {
      assert(names.includes(name), `missing tool ${name}`);
    }
    for (
      const name of [
        "mcp",
        "completions",
        "help",
        "wipe",
        "migrate_restore",
        "skills_install",
        "board_open",
      ]
    ) {
      assert(!names.includes(name), `tool ${name} must not be exposed`);
    }
    const claim = tools.find((t) => t.name === "task_claim")!;
    assertEquals(claim.inputSchema.additionalProperties, false);
    assertEquals(claim.inputSchema.required, [positional("task claim")]);
    assertEquals(claim.inputSchema.properties.owner?.type, "string");
    assertEquals(claim.inputSchema.properties.lease?.type, "string");
    assertEquals(claim.annotations?.readOnlyHint, false);
    assertEquals(claim.annotations?.idempotentHint, true);
    assertEquals(tools.find((t) => t.name === "session")!.annotations?.readOnlyHint, true);
  } finally {
    await client.close();
  }
});

Deno.test("mcp: task_claim and task_done run in process and answer the envelope", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const plan = await seedPlan(repo.dir);
  const free = plan.tasks[3]!; // "Schema freeze": todo, no prerequisites
  const client = await connect(repo);
  try {
    const claimed = await client.callTool({
      name: "task_claim",
      arguments: { [positional("task claim")]: free, owner: "mcp-agent", lease: "30m" },
    }) as ToolResult;
    assertEquals(claimed.isError, false);
    assertEquals(claimed.structuredContent.ok, true);
    assertEquals(claimed.structuredContent.command, "task.claim");
    assertEquals(claimed.structuredContent.data.claimed, true);
    assertEquals(JSON.parse(claimed.content[0]!.text), claimed.structuredContent);

    const done = await client.callTool({
      name: "task_done",
      arguments: { [positional("task done")]: free },
    }) as ToolResult;
    assertEquals(done.isError, false);
    assertEquals(done.structuredContent.data.task.status, "done");

    const again = await client.callTool({
      name: "task_done",
      arguments: { [positional("task done")]: free },
    }) as ToolResult;
    assertEquals(again.isError, true);
    assertEquals(again.structuredContent.error.code, "already_done");
  } finally {
    await client.close();
  }
  const shown = await ok(repo, ["task", "ready", "--all"]);
  assert(!JSON.stringify(shown).includes(free), "the done task is no longer listed");
});

Deno.test("mcp: after another process wipes the storage, writes go to the new database", async () => {
  const repo = await tempRepo();
  await ok(repo, ["init"]);
  const client = await connect(repo);
  const createEpic = async (title: string) => {
    const r = await client.callTool({ name: "epic_create", arguments: { title } }) as ToolResult;
    assertEquals(r.isError, false);
  };
  try {
    await createEpic("Before the wipe");
    await ok(repo, ["wipe", "--yes"]);
    await createEpic("After the wipe");
  } finally {
    await client.close();
  }
  // A connection kept from before the wipe would have written into the removed file.
  const titles = (await ok(repo, ["epic", "list"])).epics.map((e: { title: string }) => e.title);
  assertEquals(titles, ["After the wipe"]);
});

Deno.test("mcp: usage errors arrive as envelopes; unknown tools are JSON-RPC errors", async () => {
  const repo = await tempRepo();
  const client = await connect(repo);
  try {
    const bad = await client.callTool({
      name: "session",
      arguments: { colour: "red" },
    }) as ToolResult;
    assertEquals(bad.isError, true);
    assertEquals(bad.structuredContent.error.code, "unknown_option");
    const version = await client.callTool({ name: "version", arguments: {} }) as ToolResult;
    assertEquals(version.structuredContent.data.contractVersion, "1.0.0");
    let code = 0;
    try {
      await client.callTool({ name: "no_such_tool", arguments: {} });
    } catch (err) {
      code = (err as { code: number }).code;
    }
    assertEquals(code, -32602);
  } finally {
    await client.close();
  }
});

Deno.test("mcp: an invalid JSON line answers -32700 and the server keeps serving; EOF exits 0", async () => {
  const repo = await tempRepo();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "mcp"],
    cwd: repo.dir,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { CAIRN_ACTOR: "tester" },
  }).spawn();
  const writer = child.stdin.getWriter();
  const lines = [
    {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2024-11-05",
        capabilities: {},
        clientInfo: { name: "raw", version: "1" },
      },
    },
    "this is not json",
    { jsonrpc: "2.0", id: 2, method: "ping" },
    { jsonrpc: "2.0", id: 3, method: "no/such/method" },
    { jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "version", arguments: {} } },
  ];
  await writer.write(
    new TextEncoder().encode(
      lines.map((l) => typeof l === "string" ? l : JSON.stringify(l)).join("\n") + "\n",
    ),
  );
  await writer.close();
  const out = await child.output();
  assertEquals(out.code, 0);
  const replies = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => JSON.parse(l));
  const byId = (id: unknown) => replies.find((r) => r.id === id);
  assertEquals(byId(1).result.protocolVersion, "2024-11-05");
  assertEquals(byId(null).error.code, -32700);
  assertEquals(byId(2).result, {});
  assertEquals(byId(3).error.code, -32601);
  assertEquals(byId(4).result.isError, false);
  // 2024-11-05 predates structured tool output.
  assertEquals(byId(4).result.structuredContent, undefined);
  assertEquals(JSON.parse(byId(4).result.content[0].text).command, "version");
});
