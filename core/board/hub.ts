/**
 * The fan-out of live updates (SPEC §15.6): a ring buffer of the last 512
 * deltas for `Last-Event-ID` replays, one queue per connected client with
 * backpressure (an overfull queue becomes one snapshot, a stalled client is
 * dropped), pings, and resets. Frames are SSE text.
 *
 * @module
 */
import type { Delta, Snapshot } from "./types.ts";

/** Limits of the hub; tests shrink them. */
export interface HubOptions {
  snapshot: () => Snapshot;
  now?: () => number;
  ringSize?: number;
  maxQueueBytes?: number;
  maxQueueFrames?: number;
  stallMs?: number;
  pingMs?: number;
}

/** One SSE frame. */
export function sseFrame(event: string, id: number | null, data: unknown): string {
  return `event: ${event}\n${id === null ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`;
}

/** One connected stream. Read frames with `next()` until it returns null. */
export class StreamClient {
  readonly #queue: string[] = [];
  #bytes = 0;
  #needsSnapshot = false;
  #closed = false;
  #wake: (() => void) | null = null;
  lastDrain: number;

  constructor(readonly hub: Hub, now: number) {
    this.lastDrain = now;
  }

  /** Frames waiting to be sent (tests and stall detection). */
  get pending(): number {
    return this.#queue.length + (this.#needsSnapshot ? 1 : 0);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Queues a frame; an overfull queue is replaced by one snapshot. */
  push(frame: string): void {
    if (this.#closed) return;
    if (this.#needsSnapshot && frame.startsWith("event: delta")) return; // the snapshot will cover it
    this.#queue.push(frame);
    this.#bytes += frame.length;
    const o = this.hub.options;
    if (
      this.#queue.length > (o.maxQueueFrames ?? 256) || this.#bytes > (o.maxQueueBytes ?? 4 << 20)
    ) {
      this.requestSnapshot();
    }
    this.#signal();
  }

  /** Drops pending deltas; the next frame sent is a fresh snapshot. */
  requestSnapshot(): void {
    const resets = this.#queue.filter((f) => f.startsWith("event: reset"));
    this.#queue.length = 0;
    this.#queue.push(...resets);
    this.#bytes = resets.reduce((n, f) => n + f.length, 0);
    this.#needsSnapshot = true;
    this.#signal();
  }

  /** Sends a last frame and ends the stream. */
  close(lastFrame?: string): void {
    if (this.#closed) return;
    this.#queue.length = 0;
    if (lastFrame) this.#queue.push(lastFrame);
    this.#needsSnapshot = false;
    this.#closed = true;
    this.hub.detach(this);
    this.#signal();
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** The next frame to send, waiting for one; null when the stream is over. */
  async next(): Promise<string | null> {
    for (;;) {
      this.lastDrain = this.hub.now();
      const frame = this.#queue.shift();
      if (frame !== undefined) {
        this.#bytes -= frame.length;
        return frame;
      }
      if (this.#closed) return null;
      if (this.#needsSnapshot) {
        this.#needsSnapshot = false;
        const snap = this.hub.options.snapshot();
        return sseFrame("snapshot", snap.seq, snap);
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}

/** Distributes deltas to every connected client. */
export class Hub {
  readonly #ring: Delta[] = [];
  readonly #clients = new Set<StreamClient>();
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The highest seq published (or announced by a snapshot/reset). */
  seq = 0;

  constructor(readonly options: HubOptions) {}

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  get clients(): number {
    return this.#clients.size;
  }

  /** Starts pings and stall detection. */
  start(seq: number): void {
    this.seq = seq;
    this.#timer = setInterval(() => this.tick(), this.options.pingMs ?? 15_000);
  }

  /** Pings every client and drops those that drained nothing for too long. */
  tick(): void {
    const now = this.now();
    for (const c of [...this.#clients]) {
      if (c.pending > 0 && now - c.lastDrain > (this.options.stallMs ?? 30_000)) {
        c.close(sseFrame("error", null, { code: "stream_backpressure" }));
      } else c.push(": ping\n\n");
    }
  }

  /** Connects a client: replays the deltas after `lastEventId` when all are held, else a snapshot. */
  connect(lastEventId: number | null): StreamClient {
    const client = new StreamClient(this, this.now());
    this.#clients.add(client);
    const replay = lastEventId === null ? null : this.#deltasAfter(lastEventId);
    if (replay === null) client.requestSnapshot();
    else for (const d of replay) client.push(sseFrame("delta", d.seq, d));
    return client;
  }

  #deltasAfter(n: number): Delta[] | null {
    if (n === this.seq) return [];
    if (n > this.seq || n < 0) return null;
    const first = this.#ring[0];
    if (!first || first.fromSeq > n) return null;
    return this.#ring.filter((d) => d.seq > n);
  }

  /** Publishes one delta to every client. */
  publish(delta: Delta): void {
    this.#ring.push(delta);
    if (this.#ring.length > (this.options.ringSize ?? 512)) this.#ring.shift();
    this.seq = delta.seq;
    const frame = sseFrame("delta", delta.seq, delta);
    for (const c of this.#clients) c.push(frame);
  }

  /** Too much changed for a delta: every client gets a fresh snapshot. */
  publishSnapshot(seq: number): void {
    this.#ring.length = 0;
    this.seq = seq;
    for (const c of this.#clients) c.requestSnapshot();
  }

  /** The database was replaced: `reset`, then a snapshot, to every client. */
  reset(seq: number): void {
    this.#ring.length = 0;
    this.seq = seq;
    for (const c of this.#clients) {
      c.requestSnapshot();
      c.push(sseFrame("reset", null, { seq }));
    }
  }

  /** Forgets a client. */
  detach(client: StreamClient): void {
    this.#clients.delete(client);
  }

  /** Ends every stream and stops the timer. */
  close(): void {
    clearInterval(this.#timer);
    for (const c of [...this.#clients]) c.close();
  }
}
