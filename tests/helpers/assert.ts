/**
 * The assertions tests use (std-style names over `node:assert`, since JSR is
 * out of reach here).
 */
import nodeAssert from "node:assert/strict";

/** Deep strict equality. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** Deep strict inequality. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, message);
}

/** Truthiness. */
export function assert(value: unknown, message?: string): asserts value {
  nodeAssert.ok(value, message);
}

/** String matches a pattern. */
export function assertMatch(actual: string, pattern: RegExp, message?: string): void {
  nodeAssert.match(actual, pattern, message);
}

/** String contains a substring. */
export function assertStringIncludes(actual: string, expected: string, message?: string): void {
  nodeAssert.ok(
    actual.includes(expected),
    message ?? `expected ${JSON.stringify(actual)} to include ${JSON.stringify(expected)}`,
  );
}

/** Function throws (optionally an error whose message includes a text). */
export function assertThrows(fn: () => unknown, includes?: string): void {
  nodeAssert.throws(
    fn,
    (err: Error) => !includes || String(err?.message ?? err).includes(includes),
  );
}

/** Async function rejects. */
export async function assertRejects(fn: () => Promise<unknown>, includes?: string): Promise<void> {
  await nodeAssert.rejects(
    fn,
    (err: Error) => !includes || String(err?.message ?? err).includes(includes),
  );
}
