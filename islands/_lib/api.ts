/**
 * The JSON API from the browser: envelopes in, errors as `ApiError`, and
 * `mutate` for writes (If-Match with the version in the store, an
 * Idempotency-Key for POST/DELETE, optimistic overlay, the answer's delta
 * applied at once, toasts for refusals).
 */
import { statusLabel } from "./format.ts";
import type { BoardStore } from "./store.ts";
import type { Delta } from "./types.ts";

/** A refused API call. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Options of one call. */
export interface CallOptions {
  body?: unknown;
  ifMatch?: number;
}

/** Calls the API; returns `data` or throws `ApiError`. */
// deno-lint-ignore no-explicit-any
export async function api<T = any>(method: string, path: string, o: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (o.body !== undefined) headers["content-type"] = "application/json";
  if (o.ifMatch !== undefined) headers["if-match"] = `"${o.ifMatch}"`;
  if (method === "POST" || method === "DELETE") headers["idempotency-key"] = crypto.randomUUID();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", "The board server did not answer", {});
  }
  const env = await res.json().catch(() => null);
  if (!env?.ok) {
    throw new ApiError(
      res.status,
      env?.error?.code ?? "internal_error",
      env?.error?.message ?? `Request failed (${res.status})`,
      env?.error?.details ?? {},
    );
  }
  return env.data as T;
}

/** A write from the UI. */
export interface MutateRequest extends CallOptions {
  method: "POST" | "PATCH" | "DELETE";
  path: string;
  /** Shown at once, dropped when the answer arrives. */
  optimistic?: { id: string; patch: Record<string, unknown> };
  /** Let the caller handle errors (the promise rejects). */
  quiet?: boolean;
  /** Retry offered in refusal toasts (e.g. "Complete anyway"). */
  onForce?: () => void;
}

/** Runs a write; resolves with `data` (or null after a refusal that was shown as a toast). */
// deno-lint-ignore no-explicit-any
export async function mutate<T = any>(store: BoardStore, req: MutateRequest): Promise<T | null> {
  const key = req.optimistic ? store.optimistic(req.optimistic.id, req.optimistic.patch) : null;
  try {
    const data = await api<T & { delta?: Delta }>(req.method, req.path, req);
    store.batch(() => {
      if (data?.delta) store.applyDelta(data.delta, false);
      if (key !== null) store.settle(key);
    });
    return data;
  } catch (err) {
    if (key !== null) store.settle(key);
    if (req.quiet) throw err;
    showError(store, err, req.onForce);
    return null;
  }
}

type Named = { id: string; title?: string; text?: string; status?: string };

/** A toast for a refused call, worded for people. */
export function showError(store: BoardStore, err: unknown, onForce?: () => void): void {
  if (!(err instanceof ApiError)) {
    store.toast({ kind: "error", title: "Something went wrong", message: String(err) });
    return;
  }
  const d = err.details;
  switch (err.code) {
    case "version_conflict":
      store.toast({ kind: "info", title: "Changed elsewhere — showing the latest version" });
      return;
    case "precondition_failed":
      store.toast({ kind: "error", title: `Deleted by ${d.deletedBy ?? "someone"}` });
      store.navigate({ task: null, subtask: null });
      return;
    case "dependency_blocked": {
      const list = (d.unresolved ?? d.blockers ?? []) as Named[];
      store.toast({
        kind: "error",
        title: "Waiting on prerequisites",
        message: err.message,
        lines: list.map((u) =>
          `${u.id ?? (u as { dependsOnId?: string }).dependsOnId}  ${u.title ?? ""}  (${
            statusLabel(u.status ?? "")
          })`
        ),
      });
      return;
    }
    case "criteria_open": {
      const list = (d.open ?? []) as Named[];
      store.toast({
        kind: "error",
        title: "Acceptance criteria are open",
        message: err.message,
        lines: list.map((c) => `☐ ${c.text ?? c.id}`),
        action: onForce ? { label: "Complete anyway", run: onForce } : undefined,
      });
      return;
    }
    default:
      store.toast({ kind: "error", title: err.message, message: err.code });
  }
}
