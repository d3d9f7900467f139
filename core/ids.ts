/**
 * Short typed identifiers (SPEC §5.2): `<kind letter>-<8 Crockford base32>`.
 *
 * @module
 */
import { CairnError } from "./errors.ts";

/** Crockford base32, lower case: no i, l, o, u. */
export const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Item kinds that have ids resolvable by prefix. */
export type IdKind = "epic" | "task" | "subtask" | "criterion" | "conflict";

/** Id prefix letter of every kind. */
export const KIND_PREFIX: Record<IdKind, string> = {
  epic: "e",
  task: "t",
  subtask: "s",
  criterion: "c",
  conflict: "k",
};

const PREFIX_KIND: Record<string, IdKind> = {
  e: "epic",
  t: "task",
  s: "subtask",
  c: "criterion",
  k: "conflict",
};

/** `length` random Crockford characters from a cryptographically secure source. */
export function randomBody(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** A new id of the given kind (40 random bits). */
export function newId(kind: IdKind): string {
  return `${KIND_PREFIX[kind]}-${randomBody(8)}`;
}

/** A new event id: `ev-` + 16 characters (80 bits). */
export function newEventId(): string {
  return `ev-${randomBody(16)}`;
}

/** A new request id: `req-` + 16 characters. */
export function newRequestId(): string {
  return `req-${randomBody(16)}`;
}

/** A new replica id: `r-` + 8 characters. */
export function newReplicaId(): string {
  return `r-${randomBody(8)}`;
}

/** The kind named by a full id's prefix, or null. */
export function kindOfId(id: string): IdKind | null {
  const dash = id.indexOf("-");
  return dash === 1 ? PREFIX_KIND[id[0]!] ?? null : null;
}

/** A parsed id argument: the optional kind and the normalised body prefix. */
export interface IdQuery {
  input: string;
  kind: IdKind | null;
  body: string;
}

/**
 * Normalises an id argument (trim, lower-case, Crockford i/l → 1, o → 0) and
 * checks its syntax. Throws `invalid_id` for anything malformed.
 */
export function parseIdQuery(raw: string): IdQuery {
  const input = raw.trim();
  let text = input.toLowerCase();
  let kind: IdKind | null = null;
  const dash = text.indexOf("-");
  if (dash !== -1) {
    kind = dash === 1 ? PREFIX_KIND[text[0]!] ?? null : null;
    if (!kind) throw invalidId(raw);
    text = text.slice(2);
  }
  let body = "";
  for (const ch of text) {
    const c = ch === "i" || ch === "l" ? "1" : ch === "o" ? "0" : ch;
    if (!ALPHABET.includes(c)) throw invalidId(raw);
    body += c;
  }
  if (body.length < 4 || body.length > 8) throw invalidId(raw);
  return { input, kind, body };
}

/** Whether a string is a well-formed full id of the given kind. */
export function isFullId(raw: string, kind?: IdKind): boolean {
  const k = kindOfId(raw);
  if (!k || (kind && k !== kind)) return false;
  const body = raw.slice(2);
  return body.length === 8 && [...body].every((c) => ALPHABET.includes(c));
}

function invalidId(raw: string): CairnError {
  return new CairnError(
    "invalid_id",
    `Invalid id "${raw}": expected e-, t-, s-, c- or k- followed by 4 to 8 characters of 0-9 a-z (no i, l, o, u)`,
    { input: raw },
  );
}
