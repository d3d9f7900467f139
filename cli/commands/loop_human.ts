/**
 * Human renderings of the agent-loop commands (SPEC §3.9, §6.7–§6.9,
 * §9.2.2, §9.2.3, §9.3.7, §9.4.9, §9.4.10).
 *
 * @module
 */
// deno-lint-ignore-file no-explicit-any
import { paint, q, renderWarnings, shortTime, table } from "../output/human.ts";

const join = (...parts: (string | null | undefined | false)[]) => parts.filter((p) => p).join("\n");

function leaseText(lease: { expiresAt: string } | null): string {
  return lease ? ` (lease until ${shortTime(lease.expiresAt)})` : "";
}

/** `task|subtask claim` and the claim part of `task next --claim`. */
export function claimHuman(kind: "task" | "subtask") {
  return (d: any) => {
    const item = d[kind];
    const head = !d.claimed
      ? d.reason === "done"
        ? `Not claimed: ${item.id} ${q(item.title)} is done`
        : `Not claimed: ${item.id} ${q(item.title)} is held by ${d.currentOwner}${
          leaseText(d.lease)
        }`
      : d.reentrant
      ? `Already yours: ${item.id} ${q(item.title)}${leaseText(d.lease)}`
      : `Claimed ${item.id} ${q(item.title)} for ${d.currentOwner}${leaseText(d.lease)}`;
    return join(
      head,
      d.takeover &&
        `Took over from ${d.takeover.previousOwner} (lease expired ${
          shortTime(d.takeover.leaseExpiredAt)
        })`,
      autoLines(d.auto),
      renderWarnings(d),
    );
  };
}

function autoLines(auto: any[] | undefined): string {
  return (auto ?? []).map((a) => `Epic ${a.id}: ${a.from} → ${a.to}`).join("\n");
}

/** `task|subtask heartbeat`. */
export function heartbeatHuman(kind: "task" | "subtask") {
  return (d: any) =>
    join(
      `Renewed ${d[kind].id} ${q(d[kind].title)}${leaseText(d.lease)}`,
      renderWarnings(d),
    );
}

/** `task|subtask release`. */
export function releaseHuman(kind: "task" | "subtask") {
  return (d: any) =>
    `Released ${d[kind].id} ${q(d[kind].title)}${
      d.previousOwner ? ` (was ${d.previousOwner})` : ""
    }; status ${paint(d[kind].status)}`;
}

function refs(list: any[]): string {
  return list.map((r) => `${r.id} ${q(r.title)}`).join(", ");
}

/** `task done`. */
export function taskDoneHuman(d: any): string {
  const p = d.epicProgress;
  return join(
    `Done ${d.task.id} ${q(d.task.title)}`,
    d.unblocked.length > 0 && `Unblocked: ${refs(d.unblocked)}`,
    d.next
      ? `Next: ${d.next.task.id} ${
        q(d.next.task.title)
      } (${d.next.task.priority}, ${d.next.readiness.state}${
        d.nextScope === "global" ? ", other epic" : ""
      })`
      : "Next: nothing ready",
    autoLines(d.auto),
    renderWarnings(d),
    `Epic ${p.epicId}: ${p.done}/${p.total} tasks done${p.complete ? " (complete)" : ""}`,
  );
}

/** `subtask done`. */
export function subtaskDoneHuman(d: any): string {
  return join(
    `Done ${d.subtask.id} ${q(d.subtask.title)}`,
    d.unblocked.length > 0 && `Unblocked: ${refs(d.unblocked)}`,
    `Task ${d.task.id}: ${d.siblings.done}/${d.siblings.total} subtasks done`,
    d.nextSubtask && `Next subtask: ${d.nextSubtask.id} ${q(d.nextSubtask.title)}`,
    d.hint && `hint: ${d.hint}`,
    autoLines(d.auto),
  );
}

function summaryLine(s: any): string {
  return `${s.open} open · ${s.ready} ready · ${s.waiting} waiting · ${s.blocked} blocked` +
    (s.claimedByOthers ? ` · ${s.claimedByOthers} claimed by others` : "") +
    (s.stale ? ` · ${s.stale} stale` : "");
}

/** `task ready`. */
export function readyHuman(d: any): string {
  const lines = d.ready.map((r: any) =>
    `${r.rank}. ${r.task.id}  ${paint(r.task.priority)}  ${paint(r.task.status)}  ${
      r.task.owner ?? "-"
    }  ${q(r.task.title)}  unblocks ${r.unblocks ?? "?"}${r.claim?.stale ? "  (stale claim)" : ""}`
  );
  const section = (title: string, list: any[], total: number) =>
    list.length === 0 ? "" : join(
      `${title} (${total})`,
      table(
        ["ID", "STATUS", "BLOCKERS", "TITLE"],
        list.map((w) => [
          w.task.id,
          paint(w.task.status),
          w.blockers.map((b: any) => b.id).join(",") || (w.suggestion ? "deps done" : "-"),
          q(w.task.title),
        ]),
        "",
      ),
    );
  return join(
    lines.length ? lines.join("\n") : "No ready tasks.",
    section("Waiting", d.waiting, d.summary.waiting),
    section("Blocked", d.blocked, d.summary.blocked),
    summaryLine(d.summary),
  );
}

function nextLine(n: any, reason: string | null): string {
  if (!n) return "Nothing to do: no ready task.";
  const why = reason === "continue" ? "continue" : `rank ${n.rank ?? "-"}`;
  return `Next: ${n.task.id} ${q(n.task.title)} (${n.task.priority}, ${why}, unblocks ${
    n.unblocks ?? "?"
  })`;
}

function nextDetails(n: any): string {
  if (!n) return "";
  const crit = n.criteria.map((c: any) => `  [${c.checked ? "x" : " "}] ${c.text}`);
  const subs = n.subtasks.map((s: any) => `  ${s.id}  ${paint(s.status)}  ${q(s.title)}`);
  return join(
    `  epic ${n.epic.id} ${q(n.epic.title)}`,
    subs.length > 0 && `Subtasks:\n${subs.join("\n")}`,
    crit.length > 0 && `Criteria:\n${crit.join("\n")}`,
  );
}

/** `task next`. */
export function nextHuman(d: any): string {
  const claim = d.claimed === undefined
    ? ""
    : d.claimed
    ? `${d.reentrant ? "Already yours" : "Claimed"}${leaseText(d.lease)}`
    : d.task
    ? "Not claimed"
    : "";
  return join(nextLine(d.task, d.reason), claim, nextDetails(d.task), summaryLine(d.summary));
}

/** `session`. */
export function sessionHuman(d: any): string {
  const r = d.readiness;
  const mine = d.mine.map((m: any) =>
    `  ${m.item.id}  ${paint(m.status)}  ${q(m.item.title)}${m.stale ? "  (lease expired)" : ""}`
  );
  const stale = d.staleClaims.map((s: any) =>
    `  ${s.id}  ${s.owner}  expired ${shortTime(s.leaseExpiresAt)}  ${q(s.title)}`
  );
  const s = d.sync;
  return join(
    "Session",
    `  actor ${d.actor} · owner ${d.owner ?? "-"} · branch ${
      d.git.branch ?? "-"
    } · ${d.storage.database}`,
    "Next",
    `  ${nextLine(d.next, d.nextReason)}`,
    "Readiness",
    `  ${r.ready} ready · ${r.waiting} waiting · ${r.blocked} blocked · ${r.inProgress} in progress · ${r.claimedByOthers} claimed by others`,
    "Claims",
    mine.length ? mine.join("\n") : "  You hold nothing.",
    stale.length > 0 && `  Stale:\n${stale.join("\n")}`,
    "Sync",
    s.configured
      ? `  ${s.remote}: ${s.unpushed} unpushed · ${s.unpulled} unpulled · ${s.pendingConflicts} conflicts`
      : "  not configured",
    d.hints.length > 0 && `Hints\n${d.hints.map((h: string) => `  ${h}`).join("\n")}`,
  );
}

/** `suggest`. */
export function suggestHuman(d: any): string {
  if (d.suggestions.length === 0) return "Nothing to suggest: all caught up.";
  return d.suggestions.map((s: any, i: number) =>
    `${i + 1}. ${s.action}: ${s.command}\n   ${s.reason}`
  ).join("\n");
}

/** `epic progress`. */
export function progressHuman(d: any): string {
  const t = d.progress.tasks;
  const r = d.progress.readiness;
  return join(
    `Epic ${d.epic.id} ${
      q(d.epic.title)
    }: ${t.done}/${t.total} done (${d.progress.percentDone}%) · ${t.in_progress} in progress · ${t.blocked} blocked · ${t.todo} todo · ready ${r.ready} · waiting ${r.waiting}`,
    d.next && `Next: ${d.next.id} ${q(d.next.title)} (${d.next.priority})`,
    d.progress.staleClaims.length > 0 &&
      `Stale claims: ${d.progress.staleClaims.map((s: any) => s.id).join(", ")}`,
  );
}
