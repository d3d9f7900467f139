/**
 * The live-update client (SPEC §15.6, §15.7): reads `/api/stream` with
 * fetch (so `Last-Event-ID` can carry the embedded snapshot's seq on the
 * first connection), applies snapshots and deltas, reconnects with backoff up
 * to 10 s.
 */
import type { BoardStore } from "./store.ts";
import type { Delta, Snapshot } from "./types.ts";

/** One parsed SSE event. */
export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

/** Splits SSE text into events; returns the unparsed rest. */
export function parseSse(buffer: string, emit: (e: SseEvent) => void): string {
  let rest = buffer.replace(/\r\n?/g, "\n");
  for (;;) {
    const end = rest.indexOf("\n\n");
    if (end === -1) return rest;
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let event = "message";
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    if (data.length) emit({ event, id, data: data.join("\n") });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects and keeps the store live; returns a stop function. */
export function connectStream(store: BoardStore): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let failures = 0;

  const handle = (e: SseEvent) => {
    if (e.event === "snapshot") store.applySnapshot(JSON.parse(e.data) as Snapshot);
    else if (e.event === "delta") store.applyDelta(JSON.parse(e.data) as Delta, true);
    else if (e.event === "reset") {
      store.toast({ kind: "info", title: "The database was replaced — showing its current state" });
    } else if (e.event === "error") throw new Error("stream error");
  };

  const run = async () => {
    while (!stopped) {
      try {
        controller = new AbortController();
        const res = await fetch("/api/stream", {
          headers: { accept: "text/event-stream", "last-event-id": String(store.seq) },
          credentials: "same-origin",
          signal: controller.signal,
        });
        if (res.status === 401) {
          store.setConn("offline");
          store.toast({
            kind: "error",
            title: "This board session ended",
            message: "Run cairn board again to get a new link.",
          });
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        store.setConn("live");
        failures = 0;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = parseSse(buffer + value, handle);
        }
      } catch {
        if (stopped) return;
      }
      failures++;
      const offline = (typeof navigator !== "undefined" && navigator.onLine === false) ||
        failures > 4;
      store.setConn(offline ? "offline" : "reconnecting");
      const delay = Math.min(10_000, 250 * 2 ** failures);
      await sleep(delay / 2 + Math.random() * delay / 2);
    }
  };
  run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
