/**
 * Human renderings of the item commands (SPEC §3.9): a one-line summary,
 * then aligned tables with coloured statuses.
 *
 * @module
 */
import { paint, q, renderWarnings, shortTime, table } from "../output/human.ts";

// deno-lint-ignore no-explicit-any
type Data = any;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function lines(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p) => p !== false && p !== null && p !== undefined && p !== "").join("\n");
}

function autoLines(auto: Data[] | undefined): string {
  return (auto ?? []).map((a) => `Epic ${a.id} moved ${a.from} → ${a.to} (automatic)`).join("\n");
}

function refList(label: string, refs: Data[] | undefined): string {
  return refs?.length ? `${label}: ${refs.map((r) => `${r.id} ${q(r.title)}`).join(", ")}` : "";
}

function pageLine(page: Data, shown: number, noun: string): string {
  const more = page.nextCursor ? ` (more: --cursor ${page.nextCursor})` : "";
  return `${plural(page.total, noun)}${shown < page.total ? `, showing ${shown}` : ""}${more}`;
}

/** `epic create` (single or with specs). */
export function epicCreated(d: Data): string {
  const e = d.epic;
  if (!d.mappings) return lines(`Created epic ${e.id} ${q(e.title)}`, renderWarnings(d));
  const c = d.counts;
  return lines(
    `Created epic ${e.id} ${q(e.title)} with ${plural(c.tasks, "task")}, ${
      plural(c.subtasks, "subtask")
    }, ${plural(c.criteria, "criterion").replace("criterions", "criteria")}, ${
      plural(c.dependencies, "dependency").replace("dependencys", "dependencies")
    }`,
    table(["KEY", "KIND", "ID"], d.mappings.map((m: Data) => [m.tempKey, m.kind, m.id]), ""),
    renderWarnings(d),
  );
}

/** `task create`. */
export function taskCreated(d: Data): string {
  const t = d.task;
  return lines(
    `Created task ${t.id} in ${t.epicId} ${q(t.title)} (${t.priority}, ${paint(t.status)})`,
    autoLines(d.auto),
    renderWarnings(d),
  );
}

/** `subtask create`. */
export function subtaskCreated(d: Data): string {
  const s = d.subtask;
  return lines(
    `Created subtask ${s.id} in ${s.taskId} ${q(s.title)} (${paint(s.status)})`,
    autoLines(d.auto),
    renderWarnings(d),
  );
}

/** `epic|task|subtask update`, single or bulk. */
export function updated(kind: string) {
  return (d: Data): string => {
    const list = d[`${kind}s`];
    if (list) {
      const changedCount = list.filter((r: Data) => d.changed[r.id]?.length).length;
      return lines(
        `Updated ${changedCount} of ${plural(list.length, kind)}`,
        table(
          ["ID", "STATUS", "CHANGED", "TITLE"],
          list.map((
            r: Data,
          ) => [r.id, paint(r.status), d.changed[r.id]?.join(",") || "-", r.title]),
          "",
        ),
        autoLines(d.auto),
        renderWarnings(d),
      );
    }
    const r = d[kind];
    if (d.counts) {
      return lines(
        `Completed ${kind} ${r.id} ${q(r.title)}: ${
          plural(d.changed.length, "item")
        } done, ${d.unchanged.length} already done`,
        refList("Unblocked", d.unblocked),
        autoLines(d.auto),
        renderWarnings(d),
      );
    }
    return lines(
      d.changed.length
        ? `Updated ${kind} ${r.id} ${q(r.title)}: ${d.changed.join(", ")}`
        : `No changes to ${kind} ${r.id} ${q(r.title)}`,
      autoLines(d.auto),
      refList("Unblocked", d.unblocked),
      refList("Waiting again", d.reblocked),
      renderWarnings(d),
    );
  };
}

/** `epic|task|subtask delete`. */
export function deleted(kind: string) {
  return (d: Data): string => {
    const x = d.deleted;
    const parts = [
      x.tasks && kind !== "task" ? plural(x.tasks.length, "task") : "",
      x.subtasks && kind !== "subtask" ? plural(x.subtasks.length, "subtask") : "",
      x.criteria ? plural(x.criteria.length, "criterion").replace("criterions", "criteria") : "",
      plural(x.dependencies, "dependency").replace("dependencys", "dependencies"),
    ].filter(Boolean);
    const id = (x[`${kind}s`] ?? [])[0];
    return `Deleted ${kind} ${id} with ${parts.join(", ")}`;
  };
}

/** `epic list`. */
export function epicList(d: Data): string {
  return lines(
    pageLine(d.page, d.epics.length, "epic"),
    table(
      ["ID", "STATUS", "PRI", "DONE", "TITLE"],
      d.epics.map((
        e: Data,
      ) => [
        e.id,
        paint(e.status),
        paint(e.priority),
        `${e.progress.done}/${e.progress.total}`,
        e.title,
      ]),
      "No epics match.",
    ),
  );
}

/** `task list`. */
export function taskList(d: Data): string {
  return lines(
    pageLine(d.page, d.tasks.length, "task"),
    table(
      ["ID", "EPIC", "STATUS", "PRI", "OWNER", "TITLE"],
      d.tasks.map((
        t: Data,
      ) => [t.id, t.epicId, paint(t.status), paint(t.priority), t.owner ?? "-", t.title]),
      "No tasks match.",
    ),
  );
}

/** `subtask list`. */
export function subtaskList(d: Data): string {
  return lines(
    pageLine(d.page, d.subtasks.length, "subtask"),
    table(
      ["ID", "TASK", "STATUS", "OWNER", "TITLE"],
      d.subtasks.map((s: Data) => [s.id, s.taskId, paint(s.status), s.owner ?? "-", s.title]),
      "No subtasks match.",
    ),
  );
}

function header(r: Data, context: string[] = []): string[] {
  const out = [
    `${r.kind} ${r.id}  ${q(r.title)}`,
    `  status ${paint(r.status)}${r.priority ? `  priority ${paint(r.priority)}` : ""}`,
  ];
  if (r.owner !== undefined) {
    out.push(
      `  owner ${r.owner ?? "-"}${
        r.leaseExpiresAt
          ? `  lease until ${shortTime(r.leaseExpiresAt)}${r.leaseExpired ? " (expired)" : ""}`
          : ""
      }`,
    );
  }
  out.push(
    `  created ${shortTime(r.createdAt)}  updated ${shortTime(r.updatedAt)}${
      r.completedAt ? `  completed ${shortTime(r.completedAt)}` : ""
    }  v${r.version}`,
  );
  out.push(...context);
  if (r.description) out.push("", r.description);
  return out;
}

function deps(d: Data): string[] {
  const out: string[] = [];
  if (d.dependsOn?.length) {
    out.push(
      "",
      "Depends on:",
      table(
        ["ID", "STATUS", "TITLE"],
        d.dependsOn.map((r: Data) => [r.id, paint(r.status), r.title]),
        "",
      ),
    );
  }
  if (d.dependents?.length) {
    out.push(
      "",
      "Required by:",
      table(
        ["ID", "STATUS", "TITLE"],
        d.dependents.map((r: Data) => [r.id, paint(r.status), r.title]),
        "",
      ),
    );
  }
  if (d.readiness) {
    const b = d.readiness.blockers.map((x: Data) => x.id).join(", ");
    out.push("", `Readiness: ${d.readiness.state}${b ? ` (waiting on ${b})` : ""}`);
  }
  return out;
}

function taskDetailLines(d: Data): string[] {
  const out = header(d.task, [`  epic ${d.epic.id} ${q(d.epic.title)}`]);
  if (d.subtasks.length) {
    out.push(
      "",
      "Subtasks:",
      table(
        ["ID", "STATUS", "OWNER", "TITLE"],
        d.subtasks.map((s: Data) => [s.id, paint(s.status), s.owner ?? "-", s.title]),
        "",
      ),
    );
  }
  if (d.criteria.length) {
    out.push("", "Criteria:");
    for (const c of d.criteria) {
      out.push(
        `  [${c.checked ? "x" : " "}] ${c.id}  ${c.text}${
          c.evidence ? `  (evidence: ${c.evidence})` : ""
        }`,
      );
    }
  }
  return [...out, ...deps(d)];
}

/** `show`, `epic|task|subtask show`. */
export function shown(d: Data): string {
  if (d.criterion) {
    const c = d.criterion;
    return lines(
      `criterion ${c.id}  [${c.checked ? "x" : " "}] ${c.text}`,
      `  task ${d.task.id} ${q(d.task.title)}`,
      c.evidence ? `  evidence: ${c.evidence}` : "",
      c.checkedBy ? `  checked by ${c.checkedBy} at ${shortTime(c.checkedAt)}` : "",
    );
  }
  if (d.subtask) {
    return lines(
      ...header(d.subtask, [`  task ${d.task.id} ${q(d.task.title)}  epic ${d.epic.id}`]),
      ...deps(d),
    );
  }
  if (d.task) return lines(...taskDetailLines(d));
  const p = d.progress;
  const out = [
    ...header(d.epic),
    "",
    `Progress: ${p.tasks.done}/${p.tasks.total} tasks done (${p.percentDone}%) · ${p.tasks.in_progress} in progress · ${p.tasks.blocked} blocked · ready ${p.readiness.ready} · waiting ${p.readiness.waiting}`,
  ];
  if (d.tasks.length && d.tasks[0].task) {
    for (const t of d.tasks) out.push("", ...taskDetailLines(t));
  } else {
    out.push(
      "",
      table(
        ["ID", "STATUS", "PRI", "OWNER", "READY", "SUBTASKS", "CRITERIA", "TITLE"],
        d.tasks.map((t: Data) => [
          t.id,
          paint(t.status),
          paint(t.priority),
          t.owner ?? "-",
          t.readiness,
          `${t.subtasks.done}/${t.subtasks.total}`,
          `${t.criteria.checked}/${t.criteria.total}`,
          t.title,
        ]),
        "No tasks yet.",
      ),
    );
  }
  return lines(...out);
}
