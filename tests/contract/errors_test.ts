/**
 * The error-code registry is the contract (SPEC §18.1): every code the sources
 * throw is registered, every registered code is thrown somewhere, and the
 * registry matches SPEC §18.2 (code, class, HTTP status) and §18.3.
 */
import { ERROR_CODES, type ErrorCodeInfo, WARNING_CODES } from "../../core/mod.ts";
import { assert, assertEquals } from "../helpers/assert.ts";
import { ROOT, sources } from "../helpers/sources.ts";

const SOURCE_DIRS = ["core", "cli", "routes", "islands"];
const SPEC = `${ROOT}/../shared/SPEC.md`;

function sourceFiles(): string[] {
  return [...SOURCE_DIRS.flatMap((d) => sources(d)), "main.ts"].sort();
}

/** Codes passed literally to `new CairnError(...)`, with where they are. */
function thrownCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    const text = Deno.readTextFileSync(`${ROOT}/${file}`);
    for (const m of text.matchAll(/new\s+CairnError\s*\(\s*["'`]([A-Za-z0-9_]+)["'`]/g)) {
      const line = text.slice(0, m.index).split("\n").length;
      found.set(m[1]!, [...(found.get(m[1]!) ?? []), `${file}:${line}`]);
    }
  }
  return found;
}

/** Every string literal in the sources outside the registry file. */
function literals(): Set<string> {
  const out = new Set<string>();
  for (const file of sourceFiles()) {
    if (file === "core/errors.ts") continue;
    const text = Deno.readTextFileSync(`${ROOT}/${file}`);
    for (const m of text.matchAll(/["'`]([a-z][a-z0-9_]*)["'`]/g)) out.add(m[1]!);
  }
  return out;
}

/** Rows of the markdown table under a heading of SPEC.md, cells trimmed, backticks removed. */
function specTable(spec: string, heading: string): string[][] {
  const text = `\n${spec}`;
  const start = text.indexOf(`\n${heading}`);
  if (start < 0) return [];
  const rest = text.slice(start + heading.length + 1);
  const end = rest.search(/\n#{2,3} /);
  const body = end < 0 ? rest : rest.slice(0, end);
  return body.split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l))
    .slice(1)
    .map((l) =>
      l.replaceAll("\\|", "\uE000").split("|").slice(1, -1).map((c) =>
        c.replaceAll("\uE000", "|").replaceAll("`", "").trim()
      )
    );
}

function readSpec(): string | null {
  try {
    return Deno.readTextFileSync(SPEC);
  } catch {
    return null;
  }
}

const spec = readSpec();

Deno.test("error contract: every code thrown with new CairnError(...) is registered", () => {
  const thrown = thrownCodes();
  assert(thrown.size > 0, "the scanner found no `new CairnError(` at all");
  const unregistered = [...thrown].filter(([code]) => !(code in ERROR_CODES)).map(([c, at]) =>
    `${c} (${at.join(", ")})`
  );
  assertEquals(unregistered, []);
});

Deno.test("error contract: every registered code can be emitted (it appears in the sources)", () => {
  const seen = new Set([...thrownCodes().keys(), ...literals()]);
  const never = Object.keys(ERROR_CODES).filter((c) => !seen.has(c));
  assertEquals(never, []);
});

Deno.test({
  name:
    "error contract: the registry and SPEC §18.2 list the same codes with the same class and HTTP status",
  ignore: spec === null,
  fn: () => {
    const rows = specTable(spec!, "### 18.2 Codes");
    assert(rows.length > 40, `expected the §18.2 table, found ${rows.length} rows`);
    const documented = new Map(
      rows.map((r) => [r[0]!, { class: r[1]!, http: r[2] === "—" ? null : Number(r[2]) }]),
    );
    const registry = ERROR_CODES as Record<string, ErrorCodeInfo>;
    assertEquals(
      Object.keys(registry).filter((c) => !documented.has(c)),
      [],
      "registered but not in SPEC §18.2",
    );
    assertEquals(
      [...documented.keys()].filter((c) => !(c in registry)),
      [],
      "in SPEC §18.2 but not registered",
    );
    const differ = Object.entries(registry)
      .filter(([c, info]) =>
        documented.get(c)!.class !== info.class || documented.get(c)!.http !== info.http
      )
      .map(([c, info]) =>
        `${c}: registry ${info.class}/${info.http}, spec ${documented.get(c)!.class}/${
          documented.get(c)!.http
        }`
      );
    assertEquals(differ, []);
  },
});

Deno.test({
  name: "error contract: the warning codes are those of SPEC §18.3",
  ignore: spec === null,
  fn: () => {
    const rows = specTable(spec!, "### 18.3 Warning codes");
    assert(rows.length > 0, "expected the §18.3 table");
    assertEquals([...WARNING_CODES].sort(), rows.map((r) => r[0]!).sort());
  },
});

Deno.test("error contract: the spec-table reader parses escaped pipes and skips the header", () => {
  const text =
    "### 9.9 X\n\n| Code | Class |\n|---|---|\n| `a_b` | usage \\| input |\n| `c` | state |\n\n### 9.10 Y\n| z | z |\n";
  assertEquals(specTable(text, "### 9.9 X"), [["a_b", "usage | input"], ["c", "state"]]);
});
