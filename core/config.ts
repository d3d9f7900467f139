/**
 * Configuration (SPEC §13.5): `.cairn/config.toml` < environment < flags.
 * The TOML parser is loaded only when the file exists.
 *
 * @module
 */
import { CairnError } from "./errors.ts";
import { isListed } from "./probe.ts";
import { parseDuration } from "./time.ts";

/** A configuration key's definition. */
export interface ConfigKey {
  key: string;
  env: string;
  flag: string | null;
  default: string | number;
  expected: string;
  /** Validates and normalises a value; returns undefined when invalid. */
  parse: (value: unknown) => string | number | undefined;
}

const intIn = (min: number, max: number) => (v: unknown) => {
  const n = typeof v === "string" && /^(0|[1-9][0-9]*)$/.test(v.trim()) ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};
const oneOf = (...words: string[]) => (v: unknown) =>
  typeof v === "string" && words.includes(v.trim().toLowerCase())
    ? v.trim().toLowerCase()
    : undefined;

/** Every configuration key, in table order (SPEC §13.5). */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    key: "output.format",
    env: "CAIRN_FORMAT",
    flag: "--json, --toon, --human",
    default: "auto",
    expected: "auto, human, json or toon",
    parse: oneOf("auto", "human", "json", "toon"),
  },
  {
    key: "sync.remote",
    env: "CAIRN_SYNC_REMOTE",
    flag: "--remote",
    default: "origin",
    expected: "a git remote name",
    parse: (v) =>
      typeof v === "string" && /^[A-Za-z0-9._\/-]+$/.test(v.trim()) ? v.trim() : undefined,
  },
  {
    key: "board.port",
    env: "CAIRN_BOARD_PORT",
    flag: "--port",
    default: 0,
    expected: "an integer 0..65535",
    parse: intIn(0, 65535),
  },
  {
    key: "claims.default_lease",
    env: "CAIRN_DEFAULT_LEASE",
    flag: "--lease",
    default: "none",
    expected: "a duration such as 30m, or none",
    parse: (v) => {
      if (typeof v !== "string") return undefined;
      const ms = parseDuration(v);
      return ms === null || (ms !== 0 && (ms < 10_000 || ms > 7 * 86_400_000))
        ? undefined
        : v.trim().toLowerCase();
    },
  },
  {
    key: "storage.durability",
    env: "CAIRN_SQLITE_DURABILITY",
    flag: null,
    default: "normal",
    expected: "normal or full",
    parse: oneOf("normal", "full"),
  },
  {
    key: "storage.cache_mib",
    env: "CAIRN_SQLITE_CACHE_MIB",
    flag: null,
    default: 64,
    expected: "an integer 0..4096",
    parse: intIn(0, 4096),
  },
];

/** An effective setting and where it came from. */
export interface SettingValue {
  value: string | number;
  source: "env" | "config" | "default";
}

/** The effective settings of one invocation (flags are applied by the caller). */
export interface Settings {
  values: Record<string, SettingValue>;
  /** The config file path (whether or not it exists). */
  path: string | null;
  /** Raw values from the file. */
  file: Record<string, unknown>;
}

/** The effective value of a key. */
export function setting<T extends string | number>(settings: Settings, key: string): T {
  return settings.values[key]!.value as T;
}

function configError(details: Record<string, unknown>, message: string): CairnError {
  return new CairnError("invalid_input", message, details);
}

/** The `config.toml` of a storage directory, flattened; `{}` without one. */
export function configFileIn(dir: string | null): Promise<Record<string, unknown>> {
  return dir ? readConfigFile(`${dir}/config.toml`) : Promise.resolve({});
}

/**
 * Reads and validates `config.toml` (when present) and the environment.
 * `configFile` is the file as already read, when the caller has it.
 */
export async function loadSettings(
  dir: string | null,
  env: (name: string) => string | undefined,
  configFile = configFileIn(dir),
): Promise<Settings> {
  const path = dir ? `${dir}/config.toml` : null;
  const file = await configFile;
  const values: Record<string, SettingValue> = {};
  for (const def of CONFIG_KEYS) {
    const fromEnv = env(def.env);
    if (fromEnv !== undefined && fromEnv !== "") {
      const value = def.parse(fromEnv);
      if (value === undefined) {
        throw configError(
          {
            source: "env",
            variable: def.env,
            key: def.key,
            value: fromEnv,
            message: `expected ${def.expected}`,
          },
          `Invalid ${def.env} "${fromEnv}": expected ${def.expected}`,
        );
      }
      values[def.key] = { value, source: "env" };
    } else if (def.key in file) {
      values[def.key] = { value: def.parse(file[def.key])!, source: "config" };
    } else {
      values[def.key] = { value: def.default, source: "default" };
    }
  }
  return { values, path, file };
}

/** Parses and validates a config file into flat `section.key` values; `{}` when absent. */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  if (!isListed(path)) return {};
  let text: string;
  try {
    const info = Deno.statSync(path);
    if (info.size > 64 * 1024) {
      throw configError(
        { source: "config", path, message: "file larger than 64 KiB" },
        `${path} is larger than 64 KiB`,
      );
    }
    text = Deno.readTextFileSync(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return {};
    throw err;
  }
  const { parse } = await import("./toml.ts");
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    const e = err as { line?: number; column?: number; message?: string };
    const first = String(e.message ?? err).split("\n")[0];
    throw configError(
      { source: "config", path, line: e.line, column: e.column, message: first },
      `Invalid ${path} at line ${e.line ?? "?"}, column ${e.column ?? "?"}: ${first}`,
    );
  }
  const flat: Record<string, unknown> = {};
  for (const [section, table] of Object.entries(doc)) {
    if (typeof table !== "object" || table === null || Array.isArray(table)) {
      throw configError(
        { source: "config", path, key: section, message: "unknown key" },
        `Unknown key "${section}" in ${path}`,
      );
    }
    for (const [name, value] of Object.entries(table)) {
      const key = `${section}.${name}`;
      const def = CONFIG_KEYS.find((d) => d.key === key);
      if (!def) {
        throw configError(
          { source: "config", path, key, message: "unknown key" },
          `Unknown key "${key}" in ${path}`,
        );
      }
      if (def.parse(value) === undefined) {
        throw configError(
          { source: "config", path, key, value, message: `expected ${def.expected}` },
          `Invalid value for ${key} in ${path}: expected ${def.expected}`,
        );
      }
      flat[key] = value;
    }
  }
  return flat;
}
