/**
 * `config list|get|set|unset` (SPEC §9.12, §13.5): effective values with
 * their source, and rewriting `.cairn/config.toml` atomically.
 *
 * @module
 */
import { CONFIG_KEYS, type ConfigKey, readConfigFile, type Settings } from "./config.ts";
import { CairnError } from "./errors.ts";
import { randomBody } from "./ids.ts";
import { fileError } from "./store/open.ts";

function definition(key: string): ConfigKey {
  const def = CONFIG_KEYS.find((d) => d.key === key);
  if (!def) {
    throw new CairnError("invalid_value", `Unknown configuration key "${key}"`, {
      key,
      allowed: CONFIG_KEYS.map((d) => d.key),
    });
  }
  return def;
}

/** One key's effective value and where it came from. */
export function configEntry(settings: Settings, key: string) {
  const def = definition(key);
  const v = settings.values[key]!;
  return { key, value: v.value, source: v.source, env: def.env, default: def.default };
}

/** `config list`: every key in table order, and the file path. */
export function configList(settings: Settings, path: string) {
  return { entries: CONFIG_KEYS.map((d) => configEntry(settings, d.key)), path };
}

/** TOML text of flat `section.key` values, in table order (comments are not kept). */
export function configToml(values: Record<string, unknown>): string {
  const sections = new Map<string, string[]>();
  for (const def of CONFIG_KEYS) {
    if (!(def.key in values)) continue;
    const [section, name] = def.key.split(".") as [string, string];
    const v = values[def.key];
    const lines = sections.get(section) ?? [];
    lines.push(`${name} = ${typeof v === "number" ? String(v) : JSON.stringify(String(v))}`);
    sections.set(section, lines);
  }
  return [...sections].map(([s, lines]) => `[${s}]\n${lines.join("\n")}\n`).join("\n");
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${randomBody(8)}`;
  try {
    Deno.writeTextFileSync(tmp, text);
    Deno.renameSync(tmp, path);
  } catch (err) {
    try {
      Deno.removeSync(tmp);
    } catch { /* never written */ }
    throw fileError(err, path);
  }
}

/**
 * `config set` (value given) or `config unset` (value null): validates the
 * key and value, then rewrites the file through a temporary file and rename.
 */
export async function configWrite(path: string, key: string, raw: string | null) {
  const def = definition(key);
  let value: string | number | null = null;
  if (raw !== null) {
    const parsed = def.parse(raw);
    if (parsed === undefined) {
      throw new CairnError(
        "invalid_value",
        `Invalid value "${raw}" for ${key}: expected ${def.expected}`,
        {
          key,
          value: raw,
          expected: def.expected,
        },
      );
    }
    value = parsed;
  }
  const values = await readConfigFile(path);
  if (value === null) delete values[key];
  else values[key] = value;
  writeAtomically(path, configToml(values));
  return { key, value, path };
}
