/**
 * The Markdown export of one epic (SPEC §12.2): deterministic, every link
 * target present as an `<a id>` anchor, user text escaped so it cannot break
 * the document structure.
 *
 * @module
 */
import { priorityName, type SubtaskRow, type TaskRow } from "../records.ts";
import { iso } from "../time.ts";
import type { ExportRows } from "./read.ts";

/** Backslash-escapes Markdown metacharacters in inline text (titles, criteria). */
export function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`);
}

/** A table cell: inline-escaped, `|` escaped, newlines as `<br>`. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A description as Markdown: headings shifted down three levels, raw HTML escaped. */
export function block(text: string): string {
  let fenced = false;
  return text.split("\n").map((line) => {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      return line;
    }
    if (fenced) return line;
    const shifted = line.replace(
      /^(\s{0,3})(#{1,6})(?=\s|$)/,
      (_, sp: string, h: string) => sp + "#".repeat(Math.min(6, h.length + 3)),
    );
    // Outside code spans, `<` and `>` are entities, so HTML in a description stays text.
    return shifted.split(/(`+[^`]*`+)/).map((part, i) =>
      i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")
    ).join("");
  }).join("\n");
}

function frontTitle(text: string): string {
  return JSON.stringify(text);
}

interface Node {
  id: string;
  title: string;
  status: string;
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.floor((n * 100) / d);
}

/** Renders the Markdown document of an epic export. */
export function renderMarkdown(rows: ExportRows, exportedAt: number): string {
  const epic = rows.epics[0]!;
  const at = iso(exportedAt)!;
  const nodes = new Map<string, Node>();
  for (const t of rows.tasks) nodes.set(t.id, t);
  for (const s of rows.subtasks) nodes.set(s.id, s);
  const external = new Map(rows.external.map((x) => [x.id, x]));
  const link = (id: string) => {
    const n = nodes.get(id);
    if (n) return `[${inline(n.title)}](#${id}) (${n.status})`;
    const x = external.get(id);
    return `[\`${id}\` ${inline(x?.title ?? "")}](#${id}) (external, ${x?.status ?? "unknown"})`;
  };
  const out: string[] = [
    "---",
    "cairn_export: 1",
    `epic_id: ${epic.id}`,
    `title: ${frontTitle(epic.title)}`,
    `status: ${epic.status}`,
    `priority: ${priorityName(epic.priority)}`,
    `exported_at: ${at}`,
    "---",
    "",
    `# ${inline(epic.title)}`,
    "",
    ...summary(rows),
  ];
  if (epic.description) out.push("## Description", "", block(epic.description), "");
  out.push(...taskIndex(rows));
  rows.tasks.forEach((t, i) => out.push(...taskSection(rows, t, i + 1, link)));
  out.push(...dependencyTable(rows, nodes, link));
  if (rows.external.length) {
    out.push(
      "## External items",
      "",
      "| ID | Kind | Title | Status | Epic |",
      "|---|---|---|---|---|",
    );
    for (const x of rows.external) {
      out.push(
        `| <a id="${x.id}"></a>\`${x.id}\` | ${x.kind} | ${
          cell(x.title)
        } | ${x.status} | \`${x.epicId}\` |`,
      );
    }
    out.push("");
  }
  out.push(
    "---",
    "",
    `*Exported by cairn on ${at}. A snapshot: the database is the source of truth.*`,
    "",
  );
  return out.join("\n");
}

function summary(rows: ExportRows): string[] {
  const epic = rows.epics[0]!;
  const done = rows.tasks.filter((t) => t.status === "done").length;
  const subDone = rows.subtasks.filter((s) => s.status === "done").length;
  const checked = rows.criteria.filter((c) => c.checked === 1).length;
  const ids = new Set([...rows.tasks.map((t) => t.id), ...rows.subtasks.map((s) => s.id)]);
  const internal =
    rows.edges.filter((e) => ids.has(e.source_id) && ids.has(e.depends_on_id)).length;
  return [
    "| Field | Value |",
    "|---|---|",
    `| Status | ${epic.status} |`,
    `| Priority | ${priorityName(epic.priority)} |`,
    `| Progress | ${done}/${rows.tasks.length} tasks done (${pct(done, rows.tasks.length)}%) |`,
    `| Subtasks | ${subDone}/${rows.subtasks.length} done |`,
    `| Criteria | ${checked}/${rows.criteria.length} checked |`,
    `| Dependencies | ${internal} internal, ${rows.edges.length - internal} external |`,
    "",
  ];
}

function taskIndex(rows: ExportRows): string[] {
  const out = ["## Tasks", ""];
  if (rows.tasks.length === 0) return [...out, "No tasks.", ""];
  out.push(
    "| # | Task | Status | Priority | Owner | Subtasks | Criteria |",
    "|---|---|---|---|---|---|---|",
  );
  rows.tasks.forEach((t, i) => {
    const subs = rows.subtasks.filter((s) => s.task_id === t.id);
    const crit = rows.criteria.filter((c) => c.task_id === t.id);
    out.push(
      `| ${i + 1} | [${cell(t.title)}](#${t.id}) | ${t.status} | ${priorityName(t.priority)} | ${
        t.owner ? cell(t.owner) : "-"
      } | ${subs.filter((s) => s.status === "done").length}/${subs.length} | ${
        crit.filter((c) => c.checked === 1).length
      }/${crit.length} |`,
    );
  });
  return [...out, ""];
}

function taskSection(
  rows: ExportRows,
  t: TaskRow,
  n: number,
  link: (id: string) => string,
): string[] {
  const out = [
    `<a id="${t.id}"></a>`,
    `### ${n}. ${inline(t.title)}`,
    `\`${t.id}\` · ${t.status} · ${priorityName(t.priority)}${
      t.owner ? ` · owner ${inline(t.owner)}` : ""
    }`,
    "",
  ];
  if (t.description) out.push(block(t.description), "");
  const crit = rows.criteria.filter((c) => c.task_id === t.id);
  if (crit.length) {
    out.push("**Acceptance criteria**");
    for (const c of crit) {
      const evidence = c.evidence
        ? ` — evidence: ${inline(c.evidence).replace(/\r?\n/g, " ")}`
        : "";
      out.push(`- [${c.checked ? "x" : " "}] ${inline(c.text)}${evidence}`);
    }
    out.push("");
  }
  const deps = rows.edges.filter((e) => e.source_id === t.id).map((e) => link(e.depends_on_id));
  const required = rows.edges.filter((e) => e.depends_on_id === t.id).map((e) => link(e.source_id));
  if (deps.length) out.push(`**Depends on:** ${deps.join(" · ")}`);
  if (required.length) out.push(`**Required by:** ${required.join(" · ")}`);
  if (deps.length || required.length) out.push("");
  const subs = rows.subtasks.filter((s) => s.task_id === t.id);
  if (subs.length) {
    out.push("**Subtasks**");
    for (const s of subs) out.push(...subtaskLines(s));
    out.push("");
  }
  return out;
}

function subtaskLines(s: SubtaskRow): string[] {
  const lines = [
    `- [${s.status === "done" ? "x" : " "}] <a id="${s.id}"></a>**${
      inline(s.title)
    }** \`${s.id}\` (${s.status})`,
  ];
  if (s.description) {
    lines.push(...block(s.description).split("\n").map((l) => (l ? `  ${l}` : "")));
  }
  return lines;
}

function dependencyTable(
  rows: ExportRows,
  nodes: Map<string, Node>,
  link: (id: string) => string,
): string[] {
  const out = ["## Dependencies", ""];
  if (rows.edges.length === 0) return [...out, "None.", ""];
  out.push("| Item | Depends on | Scope |", "|---|---|---|");
  for (const e of rows.edges) {
    const scope = nodes.has(e.source_id) && nodes.has(e.depends_on_id) ? "internal" : "external";
    out.push(
      `| ${link(e.source_id).replace(/\|/g, "\\|")} | ${
        link(e.depends_on_id).replace(/\|/g, "\\|")
      } | ${scope} |`,
    );
  }
  return [...out, ""];
}
