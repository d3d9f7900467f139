/**
 * Board secrets and sessions (SPEC §15.2): a single-use login token, a
 * server token for the process lifetime, and in-memory cookie sessions.
 * Every comparison is constant-time.
 */

/** 32 random bytes, base64url. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

const encoder = new TextEncoder();

/** Constant-time string equality (time depends only on the lengths). */
export function safeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Session lifetime (the cookie's Max-Age). */
export const SESSION_SECONDS = 43_200;

/** The secrets and sessions of one board process. */
export class Auth {
  #loginToken: string | null;
  readonly serverToken: string;
  readonly #sessions = new Map<string, number>();

  constructor(o: { loginToken?: string; serverToken?: string } = {}) {
    this.#loginToken = o.loginToken ?? newSecret();
    this.serverToken = o.serverToken ?? newSecret();
  }

  /** The one-time login token (null once used). */
  get loginToken(): string | null {
    return this.#loginToken;
  }

  /** Accepts the unused login token (consuming it) or the server token. */
  exchange(token: string): boolean {
    const login = this.#loginToken;
    const isLogin = login !== null && safeEqual(token, login);
    const isServer = safeEqual(token, this.serverToken);
    if (isLogin) this.#loginToken = null;
    return isLogin || isServer;
  }

  /** Whether a bearer token is the server token. */
  bearer(token: string): boolean {
    return safeEqual(token, this.serverToken);
  }

  /** Creates a session; returns its id (the cookie value). */
  newSession(now: number): string {
    const id = newSecret();
    this.#sessions.set(id, now + SESSION_SECONDS * 1000);
    return id;
  }

  /** Whether a cookie value names a live session (compared against every session). */
  session(id: string, now: number): boolean {
    let found = false;
    for (const [sid, expires] of this.#sessions) {
      if (safeEqual(id, sid) && expires > now) found = true;
    }
    return found;
  }
}
