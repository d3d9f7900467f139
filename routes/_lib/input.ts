/**
 * Request input (SPEC §15.2, §15.3): JSON bodies (≤ 1 MiB, `application/json`,
 * an object), declared body fields and query parameters with their types,
 * `If-Match` and `Idempotency-Key`. Unknown fields are usage errors (400).
 */
import { CairnError } from "../../core/mod.ts";
import type { BoardContext } from "./board.ts";

/** The largest accepted body. */
export const MAX_BODY = 1 << 20;

/** Types of body fields and query parameters. */
export type FieldType = "string" | "string|null" | "boolean" | "int" | "number";

/** Declared fields of a body or query. */
export type Fields = Record<string, FieldType>;

/** Reads the JSON object body; an empty body is `{}`. */
export async function readBody(c: BoardContext): Promise<Record<string, unknown>> {
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > MAX_BODY) throw tooLarge(length);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length > MAX_BODY) throw tooLarge(bytes.length);
  if (bytes.length === 0) return {};
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new CairnError("unsupported_media_type", "The body must be application/json", {
      contentType: c.req.header("content-type") ?? null,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    throw new CairnError("invalid_input", "The body is not valid JSON", {
      field: "body",
      message: (err as Error).message,
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CairnError("invalid_input", "The body must be a JSON object", { field: "body" });
  }
  return value as Record<string, unknown>;
}

function tooLarge(size: number): CairnError {
  return new CairnError(
    "payload_too_large",
    `The body is ${size} bytes; the limit is ${MAX_BODY}`,
    {
      max: MAX_BODY,
      actual: size,
    },
  );
}

function suggestions(name: string, allowed: string[]): string[] {
  const lower = name.toLowerCase();
  return allowed.filter((a) => {
    const b = a.toLowerCase();
    return b.startsWith(lower.slice(0, 3)) || lower.startsWith(b.slice(0, 3));
  });
}

function checkType(name: string, value: unknown, type: FieldType): unknown {
  const good = type === "string"
    ? typeof value === "string"
    : type === "string|null"
    ? typeof value === "string" || value === null
    : type === "boolean"
    ? typeof value === "boolean"
    : type === "int"
    ? Number.isInteger(value)
    : typeof value === "number" && Number.isFinite(value);
  if (good) return value;
  throw new CairnError("invalid_value", `Field "${name}" must be ${type.replace("|", " or ")}`, {
    option: name,
    value: value as never,
    expected: type,
  });
}

/** Checks a body against its declared fields: unknown → `unknown_option`, wrong type → `invalid_value`. */
export function fields<T = Record<string, unknown>>(
  body: Record<string, unknown>,
  declared: Fields,
): T {
  const allowed = Object.keys(declared);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const type = declared[name];
    if (!type) {
      throw new CairnError("unknown_option", `Unknown field "${name}"`, {
        option: name,
        suggestions: suggestions(name, allowed),
        allowedOptions: allowed,
      });
    }
    if (value !== undefined) out[name] = checkType(name, value, type);
  }
  return out as T;
}

/** Parses the query string against declared parameters (same errors as bodies). */
export function query<T = Record<string, unknown>>(c: BoardContext, declared: Fields): T {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of new URL(c.req.url).searchParams) {
    const type = declared[name];
    if (type === "int" || type === "number") {
      raw[name] = value.trim() === "" ? value : Number(value);
    } else if (type === "boolean") {
      raw[name] = value === "true" || value === "1"
        ? true
        : value === "false" || value === "0"
        ? false
        : value;
    } else raw[name] = value;
  }
  return fields<T>(raw, declared);
}

/** `If-Match` as a version: `"7"`, `W/"7"` or `7`; undefined when absent. */
export function ifMatch(c: BoardContext): number | undefined {
  const value = c.req.header("if-match");
  if (value === undefined) return undefined;
  const m = /^\s*(?:W\/)?(?:"(\d{1,15})"|(\d{1,15}))\s*$/.exec(value);
  if (!m) {
    throw new CairnError(
      "invalid_input",
      `Malformed If-Match header "${value}": expected a version such as "7"`,
      {
        header: "If-Match",
        value,
      },
    );
  }
  return Number(m[1] ?? m[2]);
}

/** `Idempotency-Key` (1–200 visible ASCII characters); undefined when absent. */
export function idempotencyKey(c: BoardContext): string | undefined {
  const value = c.req.header("idempotency-key");
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new CairnError(
      "invalid_input",
      "Idempotency-Key must be 1-200 visible ASCII characters",
      {
        header: "Idempotency-Key",
        value,
      },
    );
  }
  return value;
}
