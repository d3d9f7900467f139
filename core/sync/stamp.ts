/**
 * Stamps (SPEC §14.2): `(lamport, actor, id)` compared as integer, then
 * UTF-8 bytes, then bytes. A total order consistent with causality.
 *
 * @module
 */

/** The parts of a stamp. */
export interface Stamp {
  lamport: number;
  actor: string;
  id: string;
}

const encoder = new TextEncoder();

/** Byte-order comparison of two strings as UTF-8. */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  // deno-lint-ignore no-control-regex
  if (/^[\x00-\x7f]*$/.test(a) && /^[\x00-\x7f]*$/.test(b)) return a < b ? -1 : 1;
  const x = encoder.encode(a), y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Negative, zero or positive as `a` orders before, with or after `b`. */
export function compareStamps(a: Stamp, b: Stamp): number {
  return a.lamport - b.lamport || compareUtf8(a.actor, b.actor) || compareUtf8(a.id, b.id);
}
