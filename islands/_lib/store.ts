/**
 * Client state (SPEC §15.7): the snapshot plus SSE deltas are the source of
 * truth; optimistic changes live in an overlay until the server answers.
 * Records remember the seq they were last written at, so an older delta never
 * overwrites a newer record (a response delta may arrive before the stream's).
 * Also holds URL state, toasts and the connection state. Runs on the server
 * too (one instance per rendered page).
 */
import type {
  BoardEpic,
  BoardSubtask,
  BoardTask,
  Criterion,
  Delta,
  Edge,
  PageData,
  PageKind,
  Snapshot,
  Status,
} from "./types.ts";

/** A message in the toast region. */
export interface Toast {
  id: number;
  kind: "error" | "info" | "success";
  title: string;
  message?: string;
  lines?: string[];
  action?: { label: string; run: () => void };
}

/** Connection indicator states. */
export type Conn = "live" | "reconnecting" | "offline";

type Patch = Record<string, unknown>;

/** Key of an edge. */
export function edgeKey(e: { sourceId: string; dependsOnId: string }): string {
  return `${e.sourceId}>${e.dependsOnId}`;
}

function byPosition<T extends { position: number; createdAt: string; id: string }>(
  a: T,
  b: T,
): number {
  return a.position - b.position ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.id < b.id ? -1 : 1);
}

/** The board's client state. */
export class BoardStore {
  readonly epics = new Map<string, BoardEpic>();
  readonly tasks = new Map<string, BoardTask>();
  readonly subtasks = new Map<string, BoardSubtask>();
  readonly criteria = new Map<string, Criterion>();
  readonly edges = new Map<string, Edge>();
  owners: string[] = [];
  repo: Snapshot["repo"];
  seq = 0;
  readonly transitions: Record<Status, Status[]>;
  readonly page: PageKind;
  url: URL;
  now: number;
  conn: Conn = "reconnecting";
  toasts: Toast[] = [];
  /** Bumped on every change (memo key). */
  version = 0;
  readonly #recordSeq = new Map<string, number>();
  readonly #overlay = new Map<number, { id: string; patch: Patch }>();
  readonly #listeners = new Set<() => void>();
  #nextId = 1;
  #batch = 0;

  constructor(data: PageData) {
    this.transitions = data.transitions;
    this.page = data.page;
    this.url = new URL(data.url, "http://board.invalid");
    this.now = data.now;
    this.repo = data.snapshot.repo;
    this.applySnapshot(data.snapshot);
  }

  /** Calls `fn` after every change; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Notifies subscribers (once per batch). */
  emit(): void {
    this.version++;
    if (this.#batch > 0) return;
    for (const fn of [...this.#listeners]) fn();
  }

  /** Replaces everything with a snapshot. */
  applySnapshot(s: Snapshot): void {
    for (const m of [this.epics, this.tasks, this.subtasks, this.criteria, this.edges]) m.clear();
    this.#recordSeq.clear();
    for (const r of s.epics) this.epics.set(r.id, r);
    for (const r of s.tasks) this.tasks.set(r.id, r);
    for (const r of s.subtasks) this.subtasks.set(r.id, r);
    for (const r of s.criteria) this.criteria.set(r.id, r);
    for (const r of s.dependencies) this.edges.set(edgeKey(r), r);
    this.owners = s.owners;
    this.repo = s.repo;
    this.seq = s.seq;
    this.emit();
  }

  /** Applies a delta; records written at a later seq are kept. `fromStream` advances `seq`. */
  applyDelta(d: Delta, fromStream: boolean): void {
    const fresh = (key: string) => (this.#recordSeq.get(key) ?? -1) <= d.seq;
    const put = <T>(map: Map<string, T>, key: string, value: T) => {
      if (!fresh(key)) return;
      map.set(key, value);
      this.#recordSeq.set(key, d.seq);
    };
    const drop = <T>(map: Map<string, T>, key: string) => {
      if (!fresh(key)) return;
      map.delete(key);
      this.#recordSeq.set(key, d.seq);
    };
    for (const r of d.upserts.epics) put(this.epics, r.id, r);
    for (const r of d.upserts.tasks) put(this.tasks, r.id, r);
    for (const r of d.upserts.subtasks) put(this.subtasks, r.id, r);
    for (const r of d.upserts.criteria) put(this.criteria, r.id, r);
    for (const r of d.upserts.dependencies) put(this.edges, edgeKey(r), r);
    for (const id of d.deletes.epics) drop(this.epics, id);
    for (const id of d.deletes.tasks) drop(this.tasks, id);
    for (const id of d.deletes.subtasks) drop(this.subtasks, id);
    for (const id of d.deletes.criteria) drop(this.criteria, id);
    for (const k of d.deletes.dependencies) drop(this.edges, edgeKey(k));
    if (d.owners) this.owners = d.owners;
    if (fromStream) this.seq = Math.max(this.seq, d.seq);
    this.emit();
  }

  /** Adds an optimistic patch; returns its key for `settle`. */
  optimistic(id: string, patch: Patch): number {
    const key = this.#nextId++;
    this.#overlay.set(key, { id, patch });
    this.emit();
    return key;
  }

  /** Drops an optimistic patch (after the answer's delta was applied, or on error). */
  settle(key: number): void {
    if (this.#overlay.delete(key)) this.emit();
  }

  #withOverlay<T extends { id: string }>(r: T | undefined): T | undefined {
    if (!r || this.#overlay.size === 0) return r;
    let out = r;
    for (const o of this.#overlay.values()) if (o.id === r.id) out = { ...out, ...o.patch };
    return out;
  }

  epic(id: string): BoardEpic | undefined {
    return this.#withOverlay(this.epics.get(id));
  }

  task(id: string): BoardTask | undefined {
    return this.#withOverlay(this.tasks.get(id));
  }

  subtask(id: string): BoardSubtask | undefined {
    return this.#withOverlay(this.subtasks.get(id));
  }

  /** A task or subtask by id. */
  item(id: string): BoardTask | BoardSubtask | undefined {
    return id.startsWith("t-") ? this.task(id) : this.subtask(id);
  }

  /** Epics in position order. */
  epicList(): BoardEpic[] {
    return [...this.epics.keys()].map((id) => this.epic(id)!).sort(byPosition);
  }

  /** Tasks of an epic in position order (overlay applied, so moved cards follow). */
  tasksOf(epicId: string): BoardTask[] {
    const out: BoardTask[] = [];
    for (const id of this.tasks.keys()) {
      const t = this.task(id)!;
      if (t.epicId === epicId) out.push(t);
    }
    return out.sort(byPosition);
  }

  subtasksOf(taskId: string): BoardSubtask[] {
    return (this.tasks.get(taskId)?.subtaskIds ?? []).map((id) => this.subtask(id)).filter((s) =>
      !!s
    )
      .sort(byPosition) as BoardSubtask[];
  }

  criteriaOf(taskId: string): Criterion[] {
    return (this.tasks.get(taskId)?.criteriaIds ?? []).map((id) =>
      this.#withOverlay(this.criteria.get(id))
    )
      .filter((c) => !!c).sort(byPosition) as Criterion[];
  }

  /** Title of any item id (for references), or the id. */
  titleOf(id: string): string {
    return this.epics.get(id)?.title ?? this.tasks.get(id)?.title ?? this.subtasks.get(id)?.title ??
      id;
  }

  /** Reads a URL parameter. */
  param(name: string): string | null {
    return this.url.searchParams.get(name);
  }

  /** Changes URL parameters (null removes) and records a history entry unless `replace`. */
  navigate(params: Record<string, string | null>, o: { replace?: boolean } = {}): void {
    const next = new URL(this.url.href);
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === "") next.searchParams.delete(k);
      else next.searchParams.set(k, v);
    }
    if (next.href === this.url.href) return;
    this.url = next;
    if (typeof history !== "undefined") {
      const path = next.pathname + next.search;
      if (o.replace) history.replaceState(null, "", path);
      else history.pushState(null, "", path);
    }
    this.emit();
  }

  /** Follows back/forward. */
  syncUrl(href: string): void {
    this.url = new URL(href, "http://board.invalid");
    this.emit();
  }

  /** Shows a toast; errors stay longer. */
  toast(t: Omit<Toast, "id">): number {
    const id = this.#nextId++;
    this.toasts = [...this.toasts.slice(-3), { ...t, id }];
    this.emit();
    if (typeof setTimeout !== "undefined") {
      setTimeout(() => this.dismiss(id), t.kind === "error" ? 12_000 : 5_000);
    }
    return id;
  }

  dismiss(id: number): void {
    const next = this.toasts.filter((t) => t.id !== id);
    if (next.length === this.toasts.length) return;
    this.toasts = next;
    this.emit();
  }

  setConn(conn: Conn): void {
    if (conn === this.conn) return;
    this.conn = conn;
    this.emit();
  }

  /** Runs `fn` with one notification at the end. */
  batch(fn: () => void): void {
    this.#batch++;
    try {
      fn();
    } finally {
      this.#batch--;
    }
    this.emit();
  }
}
