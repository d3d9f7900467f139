import { assert, assertEquals, assertMatch, assertStringIncludes } from "../helpers/assert.ts";
import { json, ORIGIN, PORT, testBoard } from "./_board.ts";

Deno.test("auth: an API request without credentials is 401 missing_credentials with the operation id", async () => {
  const b = await testBoard();
  try {
    const res = await b.raw("/api/snapshot");
    assertEquals(res.status, 401);
    const env = await res.json();
    assertEquals(env.command, "board.snapshot");
    assertEquals(env.error.code, "unauthorized");
    assertEquals(env.error.details.reason, "missing_credentials");
  } finally {
    b.close();
  }
});

Deno.test("auth: a wrong bearer token is 401 invalid_credentials; the server token works", async () => {
  const b = await testBoard();
  try {
    const bad = await b.raw("/api/snapshot", { headers: { authorization: "Bearer nope" } });
    assertEquals(bad.status, 401);
    assertEquals((await bad.json()).error.details.reason, "invalid_credentials");
    const good = await b.api("/api/snapshot");
    assertEquals(good.status, 200);
    assertEquals((await good.json()).ok, true);
  } finally {
    b.close();
  }
});

Deno.test("auth: a token in an API URL is refused (token_in_url), even with a valid bearer", async () => {
  const b = await testBoard();
  try {
    const res = await b.api(`/api/snapshot?token=${b.auth.serverToken}`);
    assertEquals(res.status, 401);
    assertEquals((await res.json()).error.details.reason, "token_in_url");
  } finally {
    b.close();
  }
});

Deno.test("auth: the login token becomes an HttpOnly SameSite=Strict cookie and a 303 without the token", async () => {
  const b = await testBoard();
  try {
    const login = b.auth.loginToken!;
    const res = await b.raw(`/epics/${b.plan.epicId}?view=list&token=${login}`);
    assertEquals(res.status, 303);
    assertEquals(res.headers.get("location"), `/epics/${b.plan.epicId}?view=list`);
    const cookie = res.headers.get("set-cookie")!;
    assertMatch(
      cookie,
      /^cairn_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/,
    );
    assert(!cookie.includes(login), "the cookie is a session id, never the token");
    assertEquals(res.headers.get("referrer-policy"), "no-referrer");
    assertEquals(res.headers.get("cache-control"), "no-store");
    const session = cookie.split(";")[0]!;
    const page = await b.raw(`/epics/${b.plan.epicId}`, { headers: { cookie: session } });
    assertEquals(page.status, 200);
    assertStringIncludes(await page.text(), "Parser: streaming JSON");
    const api = await b.raw("/api/snapshot", { headers: { cookie: session } });
    assertEquals(api.status, 200);
  } finally {
    b.close();
  }
});

Deno.test("auth: a used login token is no longer valid (401 page without data)", async () => {
  const b = await testBoard();
  try {
    const login = b.auth.loginToken!;
    assertEquals((await b.raw(`/?token=${login}`)).status, 303);
    const again = await b.raw(`/?token=${login}`);
    assertEquals(again.status, 401);
    const html = await again.text();
    assertStringIncludes(html, "This link is no longer valid");
    assert(!html.includes("Parser: streaming JSON"), "no repository data on the 401 page");
    assertEquals(again.headers.get("set-cookie"), null);
  } finally {
    b.close();
  }
});

Deno.test("auth: the server token works as a reusable login token; a wrong token is 401", async () => {
  const b = await testBoard();
  try {
    assertEquals((await b.raw(`/?token=${b.auth.serverToken}`)).status, 303);
    assertEquals((await b.raw(`/?token=${b.auth.serverToken}`)).status, 303);
    assertEquals((await b.raw("/?token=wrong")).status, 401);
  } finally {
    b.close();
  }
});

Deno.test("auth: pages without a session or with an unknown session are 401 HTML", async () => {
  const b = await testBoard();
  try {
    const none = await b.raw("/");
    assertEquals(none.status, 401);
    assertMatch(none.headers.get("content-type")!, /text\/html/);
    assert(!(await none.text()).includes("Parser: streaming JSON"));
    const forged = await b.raw("/", { headers: { cookie: "cairn_session=forged" } });
    assertEquals(forged.status, 401);
    const api = await b.raw("/api/snapshot", { headers: { cookie: "cairn_session=forged" } });
    assertEquals((await api.json()).error.details.reason, "invalid_credentials");
  } finally {
    b.close();
  }
});

Deno.test("auth: a cookie-authenticated write needs this board's Origin; a bearer write does not", async () => {
  const b = await testBoard();
  try {
    const cookie = await b.login();
    const body = { title: "From the board" };
    const noOrigin = await b.raw("/api/epics", json("POST", body, { cookie }));
    assertEquals(noOrigin.status, 403);
    assertEquals((await noOrigin.json()).error.code, "forbidden_origin");
    const withOrigin = await b.raw("/api/epics", json("POST", body, { cookie, origin: ORIGIN }));
    assertEquals(withOrigin.status, 201);
    const localhost = await b.raw(
      "/api/epics",
      json("POST", body, { cookie, origin: `http://localhost:${PORT}` }),
    );
    assertEquals(localhost.status, 201);
    const bearer = await b.api("/api/epics", json("POST", body));
    assertEquals(bearer.status, 201);
  } finally {
    b.close();
  }
});
