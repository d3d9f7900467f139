/**
 * Timestamps (SPEC §5.6) and the clock, which tests may pin with `CAIRN_NOW`.
 *
 * @module
 */
import { CairnError } from "./errors.ts";

/** ISO-8601 UTC with milliseconds, or null. */
export function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** Milliseconds from an ISO string, or null. */
export function fromIso(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The clock of one invocation: `CAIRN_NOW` (a testing hook, SPEC §2.6) or the
 * wall clock. An unparseable `CAIRN_NOW` is `invalid_input`.
 */
export function makeClock(env: (name: string) => string | undefined): () => number {
  const pinned = env("CAIRN_NOW");
  if (pinned === undefined || pinned === "") return () => Date.now();
  const ms = Date.parse(pinned);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(pinned)) {
    throw new CairnError("invalid_input", `CAIRN_NOW "${pinned}" is not an ISO-8601 instant`, {
      source: "env",
      variable: "CAIRN_NOW",
      value: pinned,
      message: "expected an ISO-8601 UTC instant such as 2026-05-02T13:45:30.123Z",
    });
  }
  return () => ms;
}

/** Parses a duration (`90s`, `30m`, `1h30m`, `2d`) into milliseconds; `none`/`0` → 0; invalid → null. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === "none" || t === "0") return 0;
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!m || t === "") return null;
  const [d, h, mi, s] = [m[1], m[2], m[3], m[4]].map((v) => (v ? Number(v) : 0)) as [
    number,
    number,
    number,
    number,
  ];
  return ((d * 24 + h) * 60 + mi) * 60_000 + s * 1000;
}
