/**
 * Shell completion scripts generated from the command table (SPEC §9.2.7):
 * command paths, options with short aliases, enum values, files for path
 * options, and item ids from `cairn --json --compact <group> list`.
 *
 * @module
 */
import { childrenOf, type Table } from "./parse.ts";
import { type ArgSpec, type CommandSpec, type OptionSpec, SHORT_ALIASES } from "./spec.ts";

/** A shell with a completion script. */
export type Shell = "bash" | "zsh" | "fish";

/** What a value completes to: words, files, or ids of one kind. */
type ValueSpec = { kind: "words"; words: string[] } | { kind: "file" } | {
  kind: "id";
  item: string;
};

/** The table reduced to what completion needs. */
interface Model {
  children: [path: string, words: string[]][];
  leafOf: [path: string, leaf: string][];
  leaves: {
    path: string;
    options: string[];
    valued: string[];
    values: [string[], ValueSpec][];
    args: [string, ValueSpec][];
  }[];
}

const GLOBALS = [
  "--json",
  "--toon",
  "--human",
  "--compact",
  "--help",
  "-h",
  "--version",
  "-V",
  "-C",
];
const SAFE = /^[A-Za-z0-9_.:@%+-]+$/;
const ITEM_KINDS = ["epic", "subtask", "task"];

function idKind(cmd: CommandSpec, name: string): string | null {
  const byName = ITEM_KINDS.find((k) => name.toLowerCase().includes(k));
  if (byName) return byName;
  const group = cmd.path.split(" ")[0]!;
  if (ITEM_KINDS.includes(group)) return group;
  return group === "dep" || group === "show" || group === "history" ? "task" : null;
}

function valueSpec(cmd: CommandSpec, o: OptionSpec | ArgSpec): ValueSpec | null {
  if (o.type === "enum" || o.type === "csv-enum") {
    return {
      kind: "words",
      words: (o.values ?? []).filter((w) => SAFE.test(w)),
    };
  }
  if (o.type === "priority") return { kind: "words", words: ["p0", "p1", "p2", "p3", "p4"] };
  if (o.type === "path") return { kind: "file" };
  if (o.type === "id" || o.type === "csv-id") {
    const item = idKind(cmd, o.name);
    return item ? { kind: "id", item } : null;
  }
  return null;
}

function spellings(cmd: CommandSpec, o: OptionSpec): string[] {
  const short = SHORT_ALIASES[o.name];
  const hasShort = short !== undefined && (o.name !== "global" || cmd.path === "skills install");
  return hasShort ? [`--${o.name}`, `-${short}`] : [`--${o.name}`];
}

function buildModel(table: Table): Model {
  const groups = new Map(table.groups.map((g) => [g.path, g]));
  const paths = ["", ...table.groups.map((g) => g.path), ...table.commands.map((c) => c.path)];
  const children: Model["children"] = [];
  const leafOf: Model["leafOf"] = [];
  for (const path of [...new Set(paths)]) {
    const words = childrenOf(table, path).filter((w) => SAFE.test(w)).sort();
    if (words.length) children.push([path, words]);
    const leaf = groups.has(path)
      ? groups.get(path)!.defaultLeaf
      : table.commands.some((c) => c.path === path)
      ? path
      : undefined;
    if (leaf) leafOf.push([path, leaf]);
  }
  const leaves = table.commands.map((cmd) => {
    const visible = (cmd.options ?? []).filter((o) => !o.hidden && SAFE.test(o.name));
    const values: [string[], ValueSpec][] = [];
    for (const o of visible) {
      const spec = o.type === "bool" ? null : valueSpec(cmd, o);
      if (spec) values.push([spellings(cmd, o), spec]);
    }
    const args: [string, ValueSpec][] = [];
    (cmd.args ?? []).forEach((a, i, all) => {
      const spec = valueSpec(cmd, a);
      if (spec) args.push([a.variadic && i === all.length - 1 ? "*" : String(i), spec]);
    });
    return {
      path: cmd.path,
      options: visible.flatMap((o) => spellings(cmd, o)),
      valued: visible.filter((o) => o.type !== "bool").flatMap((o) => spellings(cmd, o)),
      values,
      args,
    };
  });
  return { children, leafOf, leaves };
}

/** A value spec as the scripts' helpers print it: `words a b`, `file`, `id task`. */
export function specWords(spec: ValueSpec): string {
  return spec.kind === "words"
    ? `words ${spec.words.join(" ")}`
    : spec.kind === "file"
    ? "file"
    : `id ${spec.item}`;
}

/** POSIX `case` helpers shared by bash and zsh. */
function shHelpers(m: Model): string {
  const fn = (name: string, arms: [string[], string][]) =>
    [
      `${name}() {`,
      '  case "$1" in',
      ...arms.map(([pats, out]) =>
        `    ${pats.map((p) => `"${p}"`).join("|")}) printf '%s\\n' "${out}" ;;`
      ),
      "  esac",
      "}",
    ].join("\n");
  const fn2 = (name: string, arms: [string[], string][]) =>
    [
      `${name}() {`,
      '  case "$1|$2" in',
      ...arms.map(([pats, out]) =>
        `    ${
          pats.map((p) => p.endsWith("|*") ? `"${p.slice(0, -1)}"*` : `"${p}"`).join("|")
        }) printf '%s\\n' "${out}" ;;`
      ),
      "  esac",
      "}",
    ].join("\n");
  return [
    fn("_cairn_children", m.children.map(([p, w]) => [[p], w.join(" ")])),
    fn("_cairn_leaf", m.leafOf.map(([p, l]) => [[p], l])),
    fn(
      "_cairn_opts",
      m.leaves.filter((l) => l.options.length).map((l) => [[l.path], l.options.join(" ")]),
    ),
    fn(
      "_cairn_valued",
      m.leaves.filter((l) => l.valued.length).map((l) => [[l.path], l.valued.join(" ")]),
    ),
    fn2(
      "_cairn_optval",
      m.leaves.flatMap((l) =>
        l.values.map(([names, s]) =>
          [names.map((n) => `${l.path}|${n}`), specWords(s)] as [string[], string]
        )
      ),
    ),
    fn2(
      "_cairn_argval",
      m.leaves.flatMap((l) =>
        l.args.map(([i, s]) => [[`${l.path}|${i}`], specWords(s)] as [string[], string])
      ),
    ),
    "_cairn_ids() {",
    '  "${_cairn_cmd:-cairn}" --json --compact "$1" list 2>/dev/null | grep -o "\\"id\\":\\"${1:0:1}-[0-9a-z]*\\"" | cut -d\'"\' -f4',
    "}",
  ].join("\n\n");
}

/** Walks the words before the cursor: sets _cp (path), leaf, npos and expect (an option awaiting its value). */
const SH_SCAN = `  local _cp="" leaf="" npos=0 expect="" w c
  for w in "\${_cairn_words[@]}"; do
    if [[ "$w" == "=" ]]; then expect="$_cairn_last"; continue; fi
    if [[ -n "$expect" ]]; then expect=""; continue; fi
    _cairn_last="$w"
    case "$w" in
      -C) expect="-C"; continue ;;
      -*) [[ "$w" != *=* && " $(_cairn_valued "$leaf") " == *" $w "* ]] && expect="$w"; continue ;;
    esac
    c=" $(_cairn_children "$_cp") "
    if [[ "$npos" == 0 && "$c" == *" $w "* ]]; then
      _cp="\${_cp:+$_cp }$w"; leaf="$(_cairn_leaf "$_cp")"
    elif [[ -n "$leaf" ]]; then
      npos=$((npos + 1))
    fi
  done`;

function bashScript(m: Model): string {
  return `# bash completion for cairn. Generated by \`cairn completions bash\`; do not edit.
# Install: cairn completions bash > ~/.local/share/bash-completion/completions/cairn

${shHelpers(m)}

_cairn_value() {
  case "$1" in
    words\\ *) COMPREPLY+=($(compgen -W "\${1#words }" -- "$cur")) ;;
    file) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -f -- "$cur")) ;;
    id\\ *) COMPREPLY+=($(compgen -W "$(_cairn_ids "\${1#id }")" -- "$cur")) ;;
  esac
}

_cairn() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" _cairn_last=""
  local -a _cairn_words=("\${COMP_WORDS[@]:1:COMP_CWORD-1}")
  _cairn_cmd="\${COMP_WORDS[0]}"
  COMPREPLY=()
${SH_SCAN}
  if [[ "$expect" == "-C" ]]; then COMPREPLY=($(compgen -d -- "$cur")); return; fi
  if [[ -n "$expect" ]]; then _cairn_value "$(_cairn_optval "$leaf" "$expect")"; return; fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_cairn_opts "$leaf") ${GLOBALS.join(" ")}" -- "$cur"))
    return
  fi
  [[ "$npos" == 0 ]] && COMPREPLY=($(compgen -W "$(_cairn_children "$_cp")" -- "$cur"))
  [[ -n "$leaf" ]] && _cairn_value "$(_cairn_argval "$leaf" "$npos")"
  return 0
}

complete -F _cairn cairn
`;
}

function zshScript(m: Model): string {
  return `#compdef cairn
# zsh completion for cairn. Generated by \`cairn completions zsh\`; do not edit.
# Install: cairn completions zsh > <a directory on $fpath>/_cairn

${shHelpers(m)}

_cairn_value() {
  case "$1" in
    words\\ *) compadd -- \${=\${1#words }} ;;
    file) _files ;;
    id\\ *) compadd -- $(_cairn_ids "\${1#id }") ;;
  esac
}

_cairn() {
  local cur="\${words[CURRENT]}" _cairn_last=""
  local -a _cairn_words
  _cairn_words=("\${(@)words[2,CURRENT-1]}")
  _cairn_cmd="\${words[1]}"
${SH_SCAN}
  if [[ "$expect" == "-C" ]]; then _directories; return; fi
  if [[ -n "$expect" ]]; then _cairn_value "$(_cairn_optval "$leaf" "$expect")"; return; fi
  if [[ "$cur" == -* ]]; then
    compadd -- $(_cairn_opts "$leaf") ${GLOBALS.join(" ")}
    return
  fi
  [[ "$npos" == 0 ]] && compadd -- $(_cairn_children "$_cp")
  [[ -n "$leaf" ]] && _cairn_value "$(_cairn_argval "$leaf" "$npos")"
  return 0
}

if [[ "\${funcstack[1]}" == "_cairn" ]]; then
  _cairn "$@"
else
  compdef _cairn cairn
fi
`;
}

/** The completion script for one shell. */
export async function completionScript(shell: Shell, table: Table): Promise<string> {
  const m = buildModel(table);
  if (shell === "bash") return bashScript(m);
  if (shell === "zsh") return zshScript(m);
  const { fishScript } = await import("./completions_fish.ts");
  return fishScript(m, GLOBALS);
}

export type { Model as CompletionModel, ValueSpec };
