import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { ASSET_HASH, ASSETS } from "../../generated/assets.ts";
import { json, ORIGIN, PORT, testBoard } from "./_board.ts";

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

Deno.test("security: a foreign Host is 403 forbidden_host on pages, API and assets", async () => {
  const b = await testBoard();
  try {
    for (const path of ["/", "/api/snapshot", `/assets/${ASSET_HASH}/board.css`]) {
      const res = await b.api(path, {
        headers: { host: "evil.example:4377", authorization: `Bearer ${b.auth.serverToken}` },
      });
      assertEquals(res.status, 403, path);
      assertEquals((await res.json()).error.code, "forbidden_host");
    }
    const otherPort = await b.api("/api/snapshot", { headers: { host: `127.0.0.1:${PORT + 1}` } });
    assertEquals(otherPort.status, 403);
    const localhost = await b.api("/api/snapshot", { headers: { host: `LOCALHOST:${PORT}` } });
    assertEquals(localhost.status, 200);
  } finally {
    b.close();
  }
});

Deno.test("security: a foreign Origin is 403 forbidden_origin, also on reads and with a bearer", async () => {
  const b = await testBoard();
  try {
    const read = await b.api("/api/snapshot", { headers: { origin: "http://evil.example" } });
    assertEquals(read.status, 403);
    assertEquals((await read.json()).error.code, "forbidden_origin");
    const write = await b.api(
      "/api/epics",
      json("POST", { title: "x" }, { origin: `http://127.0.0.1:${PORT + 1}` }),
    );
    assertEquals(write.status, 403);
    const same = await b.api("/api/snapshot", { headers: { origin: ORIGIN } });
    assertEquals(same.status, 200);
  } finally {
    b.close();
  }
});

Deno.test("security: HTML and API answers carry the CSP and hardening headers, never CORS headers", async () => {
  const b = await testBoard();
  try {
    const cookie = await b.login();
    const responses = [
      await b.raw("/", { headers: { cookie } }),
      await b.api("/api/snapshot"),
      await b.raw("/api/snapshot"),
      await b.api("/api/nope"),
    ];
    for (const res of responses) {
      assertEquals(res.headers.get("content-security-policy"), CSP);
      assertEquals(res.headers.get("x-content-type-options"), "nosniff");
      assertEquals(res.headers.get("x-frame-options"), "DENY");
      assertEquals(res.headers.get("referrer-policy"), "no-referrer");
      assertEquals(res.headers.get("cache-control"), "no-store");
      for (const [name] of res.headers) assert(!name.startsWith("access-control-"), name);
      await res.body?.cancel();
    }
  } finally {
    b.close();
  }
});

Deno.test("security: X-Request-Id is the envelope's metadata.requestId", async () => {
  const b = await testBoard();
  try {
    const res = await b.api("/api/snapshot");
    const env = await res.json();
    assertMatch(env.metadata.requestId, /^req-[0-9a-z]{16}$/);
    assertEquals(res.headers.get("x-request-id"), env.metadata.requestId);
  } finally {
    b.close();
  }
});

Deno.test("security: assets are public, immutable and served from memory; unknown files are 404", async () => {
  const b = await testBoard();
  try {
    const css = await b.raw(`/assets/${ASSET_HASH}/board.css`);
    assertEquals(css.status, 200);
    assertEquals(css.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assertMatch(css.headers.get("content-type")!, /^text\/css/);
    assertEquals(await css.text(), ASSETS["board.css"]!.body);
    for (
      const path of [
        `/assets/0000000000000000/board.css`,
        `/assets/${ASSET_HASH}/nope.js`,
        `/assets/${ASSET_HASH}/..%2Fdeno.json`,
        `/assets/${ASSET_HASH}/constructor`,
      ]
    ) {
      const res = await b.raw(path);
      assertEquals(res.status, 404, path);
      await res.body?.cancel();
    }
  } finally {
    b.close();
  }
});

Deno.test("security: bodies over 1 MiB are 413, non-JSON 415, malformed or non-object JSON 400", async () => {
  const b = await testBoard();
  try {
    const big = await b.api(
      "/api/epics",
      json("POST", { title: "x", description: "y".repeat(1 << 20) }),
    );
    assertEquals(big.status, 413);
    assertEquals((await big.json()).error.code, "payload_too_large");
    const text = await b.api("/api/epics", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "title",
    });
    assertEquals(text.status, 415);
    assertEquals((await text.json()).error.code, "unsupported_media_type");
    const broken = await b.api("/api/epics", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    assertEquals(broken.status, 400);
    assertEquals((await broken.json()).error.code, "invalid_input");
    const array = await b.api("/api/epics", json("POST", ["title"]));
    assertEquals(array.status, 400);
    assertEquals((await array.json()).error.code, "invalid_input");
  } finally {
    b.close();
  }
});

Deno.test("security: unknown body fields are unknown_option, wrong types invalid_value (400)", async () => {
  const b = await testBoard();
  try {
    const unknown = await b.api("/api/epics", json("POST", { title: "x", titel: "y" }));
    assertEquals(unknown.status, 400);
    const env = await unknown.json();
    assertEquals(env.error.code, "unknown_option");
    assertEquals(env.error.details.option, "titel");
    assert(env.error.details.suggestions.includes("title"));
    const wrong = await b.api("/api/epics", json("POST", { title: 7 }));
    assertEquals(wrong.status, 400);
    assertEquals((await wrong.json()).error.code, "invalid_value");
    const prio = await b.api("/api/epics", json("POST", { title: "x", priority: "urgent" }));
    assertEquals((await prio.json()).error.code, "invalid_value");
  } finally {
    b.close();
  }
});

Deno.test("security: unknown API paths are 404 not_found; known paths with another method are 405", async () => {
  const b = await testBoard();
  try {
    const missing = await b.api("/api/frobnicate");
    assertEquals(missing.status, 404);
    assertEquals((await missing.json()).error.code, "not_found");
    const put = await b.api(`/api/tasks/${b.plan.tasks[0]}`, { method: "PUT" });
    assertEquals(put.status, 405);
    assertEquals(put.headers.get("allow"), "PATCH, DELETE");
    assertEquals((await put.json()).error.code, "method_not_allowed");
    const getEpics = await b.api("/api/epics");
    assertEquals(getEpics.status, 405);
    await getEpics.body?.cancel();
    const anon = await b.raw("/api/frobnicate");
    assertEquals(anon.status, 401, "probing needs credentials too");
    await anon.body?.cancel();
  } finally {
    b.close();
  }
});
