/**
 * The envelope (SPEC §3): building, `--compact`, JSON serialisation.
 *
 * @module
 */
import type { CairnError } from "../../core/mod.ts";

/** Contract version of the envelope (SPEC §3.5). */
export const CONTRACT_VERSION = "1.0.0";

/** One answer of one command. */
export interface Envelope {
  ok: boolean;
  command: string;
  data?: unknown;
  error?: { code: string; message: string; details: Record<string, unknown> };
  metadata?: { contractVersion: string; requestId: string };
}

/** A success envelope. */
export function success(command: string, data: unknown, requestId: string): Envelope {
  return { ok: true, command, data, metadata: { contractVersion: CONTRACT_VERSION, requestId } };
}

/** A failure envelope; `data` only for the "extra facts" failures. */
export function failure(command: string, err: CairnError, requestId: string): Envelope {
  const env: Envelope = { ok: false, command };
  if (err.data !== undefined) env.data = err.data;
  env.error = { code: err.code, message: err.message, details: err.details };
  env.metadata = { contractVersion: CONTRACT_VERSION, requestId };
  return env;
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === "" || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v as object).length === 0;
}

function compactValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(compactValue);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    const c = compactValue(val);
    if (!isEmpty(c)) out[k] = c;
  }
  return out;
}

/** `--compact` (SPEC §3.6): no metadata, no empty fields in data and details. */
export function compact(env: Envelope): Envelope {
  const out: Envelope = { ok: env.ok, command: env.command };
  if (env.data !== undefined) out.data = compactValue(env.data);
  if (env.error) {
    out.error = {
      ...env.error,
      details: compactValue(env.error.details) as Record<string, unknown>,
    };
  }
  return out;
}

/** One JSON line (SPEC §3.7). */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029") + "\n";
}
