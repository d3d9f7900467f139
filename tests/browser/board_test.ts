/**
 * The board in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core) against a real `cairn board` process in a temp git repo:
 * login by token, overview, drag and drop with the database checked, a
 * refused drop, editing in the modal, a change made by a separate CLI
 * process appearing live, keyboard help, and screenshots in both themes
 * under tests/.out/. A missing Chromium fails the test (it is not skipped).
 */
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { assert, assertEquals } from "../helpers/assert.ts";
import { cairn, MAIN, openDb, tempRepo } from "../helpers/cli.ts";
import { seedDemo } from "./_seed.ts";

const OUT = new URL("../.out/", import.meta.url).pathname;

function findChromium(): string {
  const candidates = [
    Deno.env.get("CHROMIUM_PATH"),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      if (Deno.statSync(c).isFile) return c;
    } catch { /* next */ }
  }
  throw new Error(
    "Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH",
  );
}

async function until<T>(what: string, fn: () => T | Promise<T>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function row(db: string, sql: string, ...params: string[]) {
  const d = openDb(db);
  try {
    return d.prepare(sql).get(...params) as Record<string, unknown> | undefined;
  } finally {
    d.close();
  }
}

/**
 * Screenshots must show the settled page: no toast left over from an earlier
 * step and no animation half way (the CSS honours reduced motion, which the
 * context emulates, so this is a safety net).
 */
async function shot(page: Page, name: string) {
  for (const b of await page.locator(".toast button[aria-label='Dismiss']").all()) {
    await b.click();
  }
  await page.locator(".toast").waitFor({ state: "detached" });
  await page.waitForFunction(() =>
    document.getAnimations().every((a) =>
      a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity
    )
  );
  await page.screenshot({ path: `${OUT}${name}.png` });
}

/** The open dialog is fully opaque over a dimmed page. */
async function assertOpaqueDialog(page: Page) {
  const look = await page.evaluate(() => {
    const alpha = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      const parts = m ? m[1]!.split(/[\s,/]+/).filter(Boolean) : [];
      return parts.length > 3 ? Number(parts[3]) : 1;
    };
    const dialog = getComputedStyle(document.querySelector(".dialog")!);
    const backdrop = getComputedStyle(document.querySelector(".backdrop")!);
    return {
      dialogOpacity: dialog.opacity,
      dialogBackground: alpha(dialog.backgroundColor),
      backdropOpacity: backdrop.opacity,
      backdropDim: alpha(backdrop.backgroundColor) >= 0.3,
    };
  });
  assertEquals(look, {
    dialogOpacity: "1",
    dialogBackground: 1,
    backdropOpacity: "1",
    backdropDim: true,
  });
}

const focusedCard = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("data-card-id") ?? null);

/**
 * Resolves once the page has handled the answer to its `method` request on `path`. A write
 * answered in the database is not yet answered in the page: the next write sends If-Match with
 * the version the page holds (a stale one is a 409), and the answer re-sorts the cards.
 */
function answered(page: Page, method: string, path: string): () => Promise<void> {
  const response = page.waitForResponse((r) =>
    r.request().method() === method && new URL(r.url()).pathname === path
  );
  // Awaited by the caller; a step failing before that closes the page, and this rejection must not
  // replace the real failure with an "uncaught error".
  response.catch(() => {});
  return async () => {
    await (await response).finished();
    // the page applies the answer in a task after the body is read; one frame later it is drawn
    await page.evaluate(() =>
      new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)))
    );
  };
}

async function drag(page: Page, card: string, column: string) {
  const from = (await page.locator(card).boundingBox())!;
  const to = (await page.locator(`.column.col-${column} .column-body`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 30, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 12 });
  await page.mouse.up();
}

Deno.test("browser: log in, drag cards, edit in the modal, see another process's change live", async () => {
  const executablePath = findChromium();
  await Deno.mkdir(OUT, { recursive: true });
  const repo = await tempRepo();
  const plan = await seedDemo(repo.dir);
  const board = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--json", "board", "--no-open", "--port", "0"],
    cwd: repo.dir,
    stdout: "piped",
    stderr: "inherit",
    env: { CAIRN_ACTOR: "board-user", NO_COLOR: "1" },
  }).spawn();
  // A board that dies mid-test otherwise shows up only as a connection refused somewhere later.
  let stopping = false;
  board.status.then((s) => {
    if (!stopping) console.error(`cairn board exited early (code ${s.code}, signal ${s.signal})`);
  });
  const reader = board.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = "";
  while (!line.includes("\n")) line += (await reader.read()).value ?? "";
  const { data } = JSON.parse(line);
  const profile = await Deno.makeTempDir({ prefix: "cairn-chromium-" });
  let browser: BrowserContext | null = null;
  const errors: string[] = [];
  const foreign: string[] = [];
  try {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
      viewport: { width: 1440, height: 900 },
      colorScheme: "light",
      reducedMotion: "reduce",
    });
    const page = await browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    // Refused writes (the 409 of the refused drop) are expected; anything else is not.
    page.on(
      "console",
      (m) => m.type() === "error" && !/status of 409/.test(m.text()) && errors.push(m.text()),
    );
    page.on(
      "request",
      (r) =>
        !r.url().startsWith(data.origin) && !r.url().startsWith("data:") && foreign.push(r.url()),
    );

    // Login: the token is exchanged for a cookie and stripped from the URL.
    await page.goto(data.url);
    assertEquals(page.url(), `${data.origin}/`);
    await page.getByRole("heading", { name: "Epics" }).waitFor();
    for (const title of ["Streaming JSON parser", "Documentation site", "CLI ergonomics"]) {
      await page.getByText(title, { exact: true }).first().waitFor();
    }
    await page.locator(".conn-live").waitFor();
    await shot(page, "board-overview-light");

    // Epic page; drag a ready todo card to In progress.
    await page.getByText("Streaming JSON parser", { exact: true }).click();
    await page.waitForURL(`**/epics/${plan.parserEpic}`);
    await page.locator(".conn-live").waitFor();
    const unicode = plan.tasks.unicode!;
    let patched = answered(page, "PATCH", `/api/tasks/${unicode}`);
    await drag(page, `.card[data-card-id="${unicode}"]`, "in_progress");
    await patched();
    await until(
      "the drop to reach the database",
      () =>
        row(repo.db, "SELECT status FROM tasks WHERE id = ?", unicode)?.status === "in_progress",
    );
    await page.locator(`.col-in_progress .card[data-card-id="${unicode}"]`).waitFor();
    const event = row(
      repo.db,
      "SELECT source, command FROM events WHERE item_id = ? ORDER BY seq DESC LIMIT 1",
      unicode,
    )!;
    assertEquals({ ...event }, { source: "board", command: "task.update" });

    // The keyboard does the same: Space picks the card up, arrows move it, Space drops it.
    patched = answered(page, "PATCH", `/api/tasks/${unicode}`);
    await page.locator(`.card[data-card-id="${unicode}"]`).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Space");
    await until(
      "the keyboard move to reach the database",
      () => row(repo.db, "SELECT status FROM tasks WHERE id = ?", unicode)?.status === "todo",
    );
    await until(
      "the drop to be announced",
      async () => (await page.locator("#cairn-announcer").textContent()) === "Dropped in Todo",
    );
    await patched();

    // A refused drop (prerequisites open) returns the card and explains why.
    await drag(page, `.card[data-card-id="${plan.benchmark}"]`, "done");
    await page.getByText("Waiting on prerequisites").waitFor();
    await page.locator(`.col-todo .card[data-card-id="${plan.benchmark}"]`).waitFor();
    assertEquals(
      row(repo.db, "SELECT status FROM tasks WHERE id = ?", plan.benchmark)!.status,
      "todo",
    );
    await page.locator(".toast").screenshot({ path: `${OUT}board-toast-light.png` });
    await shot(page, "board-epic-light");

    // Edit the title in the modal.
    await page.locator(`.card[data-card-id="${plan.errors}"]`).click();
    await page.waitForURL(`**task=${plan.errors}`);
    const dialog = page.getByRole("dialog");
    await dialog.locator(".title-button").click();
    await dialog.locator("input.title-input").fill("Error messages with line, column and context");
    await dialog.locator("input.title-input").press("Enter");
    await until(
      "the title edit to reach the database",
      () =>
        row(repo.db, "SELECT title FROM tasks WHERE id = ?", plan.errors)?.title ===
          "Error messages with line, column and context",
    );
    await assertOpaqueDialog(page);
    await shot(page, "board-modal-light");
    // Escape closes the modal and gives the focus back to the card that opened it; j/k move on.
    await page.keyboard.press("Escape");
    await until("the modal to close", async () => !(await page.getByRole("dialog").count()));
    assert(!page.url().includes("task="));
    assertEquals(await focusedCard(page), plan.errors);
    await page.keyboard.press("j");
    const below = await focusedCard(page);
    assert(below && below !== plan.errors, `j moves to the next card (focus on ${below})`);
    await page.keyboard.press("k");
    assertEquals(await focusedCard(page), plan.errors);

    // A change by a separate CLI process appears without reload.
    const update = await cairn(repo, [
      "--json",
      "task",
      "update",
      plan.fuzz,
      "--title",
      "Fuzz with a corpus from the CLI",
    ], {
      env: { CAIRN_ACTOR: "agent-7" },
    });
    assertEquals(update.code, 0, update.stdout);
    await page.getByText("Fuzz with a corpus from the CLI").waitFor({ timeout: 15_000 });

    // Open criteria refuse the done drop; the toast offers "Complete anyway" (force).
    await drag(page, `.card[data-card-id="${plan.parser}"]`, "done");
    await page.getByText("Acceptance criteria are open").waitFor();
    await page.getByRole("button", { name: "Complete anyway" }).click();
    await until(
      "the forced completion to reach the database",
      () => row(repo.db, "SELECT status FROM tasks WHERE id = ?", plan.parser)?.status === "done",
    );
    await page.locator(`.col-done .card[data-card-id="${plan.parser}"]`).waitFor();

    // Keyboard: ? opens the help, Escape closes it; / focuses search.
    await page.keyboard.press("?");
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    // The help dialog lives in the top bar: its backdrop must still cover the whole page.
    assertEquals(
      await page.locator(".backdrop").evaluate((b) => {
        const r = b.getBoundingClientRect();
        const v = document.documentElement;
        return [r.top, r.left, r.width - v.clientWidth, r.height - v.clientHeight];
      }),
      [0, 0, 0, 0],
    );
    await assertOpaqueDialog(page);
    await shot(page, "board-help-light");
    await page.keyboard.press("Escape");
    await page.keyboard.press("/");
    assertEquals(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
      "Search",
    );
    await page.keyboard.type("lexer");
    await page.locator(".search-hit").first().waitFor();
    await shot(page, "board-search-light");
    await page.keyboard.press("Escape");

    // Dark theme screenshots.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${data.origin}/`);
    await page.locator(".conn-live").waitFor();
    await shot(page, "board-overview-dark");
    await page.goto(`${data.origin}/epics/${plan.parserEpic}`);
    await page.locator(".conn-live").waitFor();
    await shot(page, "board-epic-dark");
    await page.goto(`${data.origin}/epics/${plan.parserEpic}?view=list`);
    await page.locator(".task-table").waitFor();
    await shot(page, "board-list-dark");
    await page.goto(`${data.origin}/epics/${plan.parserEpic}?task=${plan.errors}`);
    await page.getByRole("dialog").waitFor();
    await assertOpaqueDialog(page);
    await shot(page, "board-modal-dark");
    await page.getByRole("tab", { name: "History" }).click();
    await page.locator(".event").first().waitFor();
    await shot(page, "board-history-dark");
    await page.getByRole("tab", { name: "Details" }).click();
    await page.getByRole("button", { name: "Add prerequisite" }).click();
    await page.locator(".picker-item").first().waitFor();
    await shot(page, "board-picker-dark");
    // A deep-linked modal has no opener: Escape puts the focus on its card.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await until("the modal to close", async () => !(await page.getByRole("dialog").count()));
    assertEquals(await focusedCard(page), plan.errors);

    assertEquals(foreign, [], "the board loads nothing from other origins");
    assertEquals(errors, [], "no page errors (CSP violations included)");
  } finally {
    await browser?.close();
    stopping = true;
    try {
      board.kill("SIGTERM");
    } catch { /* it already stopped: its stderr above says why */ }
    await reader.cancel().catch(() => {});
    await board.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
});
