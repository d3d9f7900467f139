/**
 * `cairn board` as a real process on 127.0.0.1: one envelope, then serving;
 * `board.json` while running; a clean stop on SIGTERM; `port_in_use`.
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { cairn, MAIN, tempRepo } from "../helpers/cli.ts";

async function startBoard(dir: string, args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--json", "board", "--no-open", ...args],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
    env: { CAIRN_ACTOR: "tester", NO_COLOR: "1" },
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  return { child, reader, first: text };
}

Deno.test("board: prints exactly one envelope, serves, and stops cleanly on SIGTERM", async () => {
  const repo = await tempRepo();
  const { child, reader, first } = await startBoard(repo.dir, ["--port", "0", "--reveal-token"]);
  let rest = "";
  try {
    const env = JSON.parse(first);
    assertEquals(env.ok, true);
    assertEquals(env.command, "board.open");
    const d = env.data;
    assertEquals(Object.keys(d), [
      "origin",
      "url",
      "port",
      "pid",
      "token",
      "opened",
      "opener",
      "openError",
      "storage",
    ]);
    assertMatch(d.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assertMatch(d.url, new RegExp(`^${d.origin}/\\?token=[A-Za-z0-9_-]{43}$`));
    assertEquals(d.opened, false);
    assertEquals(d.storage.database, `${repo.dir}/.cairn/cairn.db`);
    const info = JSON.parse(Deno.readTextFileSync(`${repo.dir}/.cairn/board.json`));
    assertEquals(info.port, d.port);
    assert(!JSON.stringify(info).includes(d.token), "board.json holds no secret");
    const api = await fetch(`${d.origin}/api/snapshot`, {
      headers: { authorization: `Bearer ${d.token}` },
    });
    assertEquals(api.status, 200);
    await api.body?.cancel();
    const page = await fetch(d.url, { redirect: "manual" });
    assertEquals(page.status, 303);
    await page.body?.cancel();
  } finally {
    child.kill("SIGTERM");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += value;
    }
  }
  const status = await child.status;
  const stderr = new TextDecoder().decode(await new Response(child.stderr).arrayBuffer());
  assertEquals(status.code, 0);
  assertEquals(rest, "", "nothing after the one envelope");
  let exists = true;
  try {
    Deno.statSync(`${repo.dir}/.cairn/board.json`);
  } catch {
    exists = false;
  }
  assertEquals(exists, false, "board.json is removed on stop");
  assertMatch(stderr, /cairn board: serving/);
  assertMatch(stderr, /cairn board: stopped/);
  assert(!/token=/.test(stderr), "tokens are never logged");
});

Deno.test("board: without --reveal-token the server token is not printed", async () => {
  const repo = await tempRepo();
  const { child, reader, first } = await startBoard(repo.dir, ["--port", "0"]);
  try {
    const env = JSON.parse(first);
    assertEquals("token" in env.data, false);
  } finally {
    child.kill("SIGTERM");
    await reader.cancel();
    await child.status;
    await child.stderr.cancel();
  }
});

Deno.test("board: a busy fixed port is port_in_use with the port in details", async () => {
  const repo = await tempRepo();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    const r = await cairn(repo, ["--json", "board", "--no-open", "--port", String(port)]);
    assertEquals(r.code, 1);
    assertEquals(r.json.command, "board.open");
    assertEquals(r.json.error.code, "port_in_use");
    assertEquals(r.json.error.details, { port });
  } finally {
    listener.close();
  }
});
