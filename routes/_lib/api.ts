/**
 * The two shapes of API handlers: reads (`route`) and mutations
 * (`mutation`). A mutation authenticates, validates its input, then runs the
 * ONE core call inside a write transaction together with its idempotency
 * record, and answers the command's data plus `seq` and `delta` (SPEC §15.3).
 */
import { CairnError, type Ctx } from "../../core/mod.ts";
import {
  buildDelta,
  type Delta,
  findIdempotent,
  loadOwners,
  maxSeq,
  purgeIdempotency,
  saveIdempotent,
} from "../../core/board/mod.ts";
import type { Board, BoardContext } from "./board.ts";
import { type Fields, fields, idempotencyKey, ifMatch, query, readBody } from "./input.ts";
import { fail, jsonResponse, ok, successBody } from "./respond.ts";
import { authenticate } from "./security.ts";

/** A route handler. */
export type Handler = (c: BoardContext) => Promise<Response>;

// deno-lint-ignore no-explicit-any
type Data = any;

/** A read-only API route: authenticate, compute, answer (ETag when the data is one record). */
export function route(
  op: string,
  fn: (c: BoardContext, ctx: Ctx) => unknown,
  o: { etag?: (data: Data) => number | undefined } = {},
): Handler {
  return async (c) => {
    try {
      authenticate(c, { api: true });
      const ctx = { ...c.get("board").ctx, command: op };
      const data = await fn(c, ctx);
      const version = o.etag?.(data);
      return ok(c, op, data, 200, version === undefined ? {} : { etag: `"${version}"` });
    } catch (err) {
      return fail(c, op, err);
    }
  };
}

/** What a mutation's core call receives. */
export interface MutationInput {
  /** The `:id` path parameter (already checked to be a full id when `kinds` is set). */
  id: string;
  body: Data;
  query: Data;
  ifMatch?: number;
}

/** Declaration of one mutation route. */
export interface MutationSpec {
  op: string | ((body: Record<string, unknown>) => string);
  /** Declared body fields; without it the body is ignored (DELETE). */
  body?: Fields;
  query?: Fields;
  /** PATCH/DELETE of a versioned record require If-Match; actions accept it. */
  ifMatch: "required" | "optional" | "none";
  /** 201 for creations (a function for "created or already there"). */
  created?: boolean | ((data: Data) => boolean);
  etag?: (data: Data) => number | undefined;
  run: (ctx: Ctx, input: MutationInput) => Data;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) =>
      v !== undefined
    )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const lastPurge = new WeakMap<Board, number>();

function purgeNow(board: Board, now: number): void {
  if (now - (lastPurge.get(board) ?? 0) < 60_000) return;
  lastPurge.set(board, now);
  board.ctx.store.transaction(() => purgeIdempotency(board.ctx.store, now));
}

function emptyDelta(seq: number, fromSeq: number): Delta {
  const none = { epics: [], tasks: [], subtasks: [], criteria: [], dependencies: [] };
  return { seq, fromSeq, upserts: { ...none }, deletes: { ...none } };
}

/**
 * With `If-Match`, a target that was deleted is `412 precondition_failed`
 * (SPEC §15.3), also when the core reports it while resolving the id.
 */
function deletedTarget(err: unknown, header: string | undefined): unknown {
  if (
    header === undefined || !(err instanceof CairnError) || err.code !== "not_found" ||
    !err.details.deleted
  ) {
    return err;
  }
  const { id, deletedAt, deletedBy } = err.details;
  return new CairnError("precondition_failed", `"${id}" was deleted by ${deletedBy}`, {
    id,
    deletedAt,
    deletedBy,
  });
}

/** A mutation route (see the module doc). */
export function mutation(spec: MutationSpec): Handler {
  return async (c) => {
    let op = typeof spec.op === "string" ? spec.op : "board";
    try {
      authenticate(c, { api: true });
      const raw = spec.body ? await readBody(c) : {};
      if (typeof spec.op === "function") op = spec.op(raw);
      const body = spec.body ? fields(raw, spec.body) : {};
      const q = spec.query ? query(c, spec.query) : {};
      const version = spec.ifMatch === "none" ? undefined : ifMatch(c);
      if (spec.ifMatch === "required" && version === undefined) {
        throw new CairnError(
          "precondition_required",
          `${c.req.method} needs an If-Match header with the record's version`,
          {
            header: "If-Match",
          },
        );
      }
      const method = c.req.method;
      const key = method === "POST" || method === "DELETE" ? idempotencyKey(c) : undefined;
      const board = c.get("board");
      const ctx: Ctx = { ...board.ctx, command: op };
      const url = new URL(c.req.url);
      const fingerprint = key
        ? await sha256(canonical({ method, path: url.pathname + url.search, body: raw }))
        : "";
      const scope = `${method} ${c.req.routePath}`;
      const now = ctx.now();
      if (key) purgeNow(board, now);
      const store = ctx.store;
      const answer = store.transaction(() => {
        if (key) {
          const found = findIdempotent(store, { scope, key, fingerprint, now });
          if (found) return { ...found, replayed: true, data: null as Data };
        }
        const fromSeq = maxSeq(store);
        const owners = loadOwners(store);
        const result = spec.run(ctx, {
          id: c.req.param("id") ?? "",
          body,
          query: q,
          ifMatch: version,
        });
        if (result instanceof Promise) throw new Error(`${op}: core call must be synchronous`);
        const seq = maxSeq(store);
        const delta = buildDelta(store, { fromSeq, toSeq: seq, now, owners }) ??
          emptyDelta(seq, fromSeq);
        const data = { ...result, seq, delta };
        const created = typeof spec.created === "function" ? spec.created(data) : spec.created;
        const status = created ? 201 : 200;
        const text = successBody(c, op, data);
        if (key) saveIdempotent(store, { scope, key, fingerprint, now, status, body: text });
        return { status, body: text, replayed: false, data };
      });
      const headers: Record<string, string> = {};
      if (answer.replayed) headers["idempotent-replayed"] = "true";
      else {
        board.watcher?.poke();
        const v = spec.etag?.(answer.data);
        if (v !== undefined) headers.etag = `"${v}"`;
      }
      return jsonResponse(answer.status, answer.body, headers);
    } catch (err) {
      return fail(c, op, deletedTarget(err, c.req.header("if-match")));
    }
  };
}
