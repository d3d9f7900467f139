/**
 * Server rendering of board pages (Fresh-style islands): the document shell,
 * islands wrapped in `data-island` roots that their bundles hydrate, and the
 * snapshot embedded as JSON for the client store.
 */
import { type ComponentType, h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { ASSET_HASH, ISLANDS } from "../../generated/assets.ts";
import { StoreContext } from "../../islands/_lib/context.ts";
import { BoardStore } from "../../islands/_lib/store.ts";
import type { PageData } from "../../islands/_lib/types.ts";
import { BranchIcon, Logo } from "../../islands/_components/icons.tsx";
import LiveUpdates from "../../islands/LiveUpdates.tsx";
import Search from "../../islands/Search.tsx";
import Shortcuts from "../../islands/Shortcuts.tsx";
import ThemeToggle from "../../islands/ThemeToggle.tsx";
import Toasts from "../../islands/Toasts.tsx";

/** URL of an asset. */
export function assetUrl(file: string): string {
  return `/assets/${ASSET_HASH}/${file}`;
}

/** Collects the islands used while rendering one page. */
export class Render {
  readonly used = new Set<string>();
  constructor(readonly store: BoardStore) {}

  island<P extends object>(name: string, component: ComponentType<P>, props: P): VNode {
    this.used.add(name);
    return (
      <div data-island={name} data-props={JSON.stringify(props)} class="island">
        {h(StoreContext.Provider, { value: this.store }, h(component as ComponentType, props))}
      </div>
    );
  }
}

/** JSON text made safe inside `<script type="application/json">`. */
function scriptSafe(json: string): string {
  return json.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const MARK = "\u0000snapshot\u0000";

/** The page data as script-safe JSON, splicing in the snapshot's cached JSON text. */
function pageJson(data: PageData, snapshotJson?: string): string {
  if (snapshotJson === undefined) return scriptSafe(JSON.stringify(data));
  const shell = scriptSafe(JSON.stringify({ ...data, snapshot: MARK }));
  return shell.replace(scriptSafe(JSON.stringify(MARK)), () => scriptSafe(snapshotJson));
}

/** Renders a full page; `main` builds the page body with the render's island helper. */
export function renderPage(
  o: { title: string; data: PageData; snapshotJson?: string; main: (r: Render) => VNode },
): string {
  const r = new Render(new BoardStore(o.data));
  const repo = o.data.snapshot.repo;
  const body = renderToString(
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <a class="brand" href="/" aria-label="cairn: all epics">
          <Logo />
          <span>cairn</span>
        </a>
        <span class="repo" title={repo.worktree ? `worktree ${repo.worktree}` : undefined}>
          <span class="repo-name">{repo.name}</span>
          {repo.branch && (
            <span class="branch">
              <BranchIcon size={12} />
              {repo.branch}
            </span>
          )}
        </span>
        {r.island("Search", Search, {})}
        <span class="topbar-spacer" />
        {r.island("LiveUpdates", LiveUpdates, {})}
        {r.island("ThemeToggle", ThemeToggle, {})}
        {r.island("Shortcuts", Shortcuts, {})}
      </header>
      <main id="main" class="main">{o.main(r)}</main>
      {r.island("Toasts", Toasts, {})}
      <div id="cairn-announcer" class="sr-only" aria-live="assertive" />
    </>,
  );
  const preload = new Set<string>();
  for (const name of r.used) for (const dep of ISLANDS[name]?.imports ?? []) preload.add(dep);
  const head = [
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="color-scheme" content="light dark">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<link rel="icon" href="${assetUrl("favicon.svg")}" type="image/svg+xml">`,
    `<link rel="stylesheet" href="${assetUrl("board.css")}">`,
    `<script src="${assetUrl("theme.js")}"></script>`,
    ...[...preload].sort().map((f) => `<link rel="modulepreload" href="${assetUrl(f)}">`),
    ...[...r.used].sort().filter((n) => ISLANDS[n]).map((n) =>
      `<script type="module" src="${assetUrl(ISLANDS[n]!.file)}"></script>`
    ),
  ];
  return `<!doctype html><html lang="en"><head>${head.join("")}</head><body>${body}` +
    `<script type="application/json" id="cairn-data">${
      pageJson(o.data, o.snapshotJson)
    }</script></body></html>`;
}

const LOGO = renderToString(<Logo size={36} />);

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small standalone HTML page (errors, expired links); `message` and `hint` are trusted HTML. */
export function messagePage(title: string, message: string, hint: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><title>${escapeHtml(title)}</title>` +
    `<link rel="icon" href="${assetUrl("favicon.svg")}" type="image/svg+xml">` +
    `<link rel="stylesheet" href="${assetUrl("board.css")}"><script src="${
      assetUrl("theme.js")
    }"></script></head>` +
    `<body class="message-page"><main class="message">${LOGO}<h1>${message}</h1>` +
    `<p>${hint}</p></main></body></html>`;
}
