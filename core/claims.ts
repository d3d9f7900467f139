/**
 * Claims, heartbeats and releases (SPEC §6.8, §6.9): a compare-and-swap
 * claim in one UPDATE, leases that expire, takeover of stale claims.
 *
 * @module
 */
import type { Ctx } from "./context.ts";
import { CairnError, type Warning } from "./errors.ts";
import { patchRow } from "./items/patch.ts";
import { FIELD_OF, outputValue } from "./items/tables.ts";
import { applyEpicRules, type AutoTransition, checkDependencyGate, heldByOther } from "./status.ts";
import type { Tx } from "./store/tx.ts";
import { setting } from "./config.ts";
import { effectiveOwner, writeAs } from "./owner.ts";
import { iso, parseDuration } from "./time.ts";
import {
  type ClaimKind,
  itemRecord,
  type ItemRow,
  readItem,
  resolveItem,
  resolveItemMatching,
} from "./item_rows.ts";

const MIN_LEASE = 10_000;
const MAX_LEASE = 7 * 86_400_000;
const HEARTBEAT_FALLBACK = 30 * 60_000;

/** A lease given as milliseconds or a duration text; 0 or `none` means no lease. */
export type LeaseInput = number | string | null | undefined;

/**
 * Validates an explicit lease (10 s .. 7 d, SPEC §6.8): undefined when not
 * given, null for `none`/0, else milliseconds. Out of bounds → `invalid_value`.
 */
export function checkLease(given: LeaseInput): number | null | undefined {
  if (given === undefined || given === null) return undefined;
  const ms = typeof given === "number" ? given : parseDuration(given);
  if (ms === null || ms !== 0 && (ms < MIN_LEASE || ms > MAX_LEASE)) {
    throw new CairnError(
      "invalid_value",
      `Invalid lease "${given}": expected a duration between 10s and 7d, or none`,
      { option: "--lease", value: String(given), min: "10s", max: "7d" },
    );
  }
  return ms === 0 ? null : ms;
}

/** The configured default lease (`CAIRN_DEFAULT_LEASE` > `claims.default_lease`), or null. */
export function defaultLease(ctx: Pick<Ctx, "settings">): number | null {
  const text = setting<string>(ctx.settings, "claims.default_lease");
  const ms = parseDuration(String(text));
  return ms ? ms : null;
}

function leaseOut(row: ItemRow) {
  return row.lease_expires_at === null ? null : {
    expiresAt: iso(row.lease_expires_at)!,
    seconds: row.lease_ms === null ? null : Math.round(row.lease_ms / 1000),
  };
}

/** Input of claim, heartbeat and release. */
export interface ClaimInput {
  id: string;
  kind: ClaimKind;
  owner?: string | null;
  lease?: LeaseInput;
  ifMatch?: number;
}

/** The outcome of claiming one row inside a write transaction. */
export interface ClaimOutcome {
  claimed: boolean;
  reentrant: boolean;
  reason: "done" | "held" | null;
  row: ItemRow;
  takeover: { previousOwner: string; leaseExpiredAt: string | null } | null;
  auto: AutoTransition[];
  warnings: Warning[];
}

/**
 * Claims a row for `owner` inside `tx` (SPEC §6.8 steps 2–7). `lease` is the
 * explicit lease (undefined: use the default; null: none).
 */
export function claimRow(
  tx: Tx,
  kind: ClaimKind,
  row: ItemRow,
  owner: string,
  lease: number | null | undefined,
): ClaimOutcome {
  const none = { takeover: null, auto: [], warnings: [] };
  if (row.status === "done") {
    return { claimed: false, reentrant: false, reason: "done", row, ...none };
  }
  if (heldByOther(row, owner, tx.now)) {
    return { claimed: false, reentrant: false, reason: "held", row, ...none };
  }
  if (row.status === "in_progress" && row.owner === owner) {
    const ms = lease === undefined ? row.lease_ms ?? defaultLease(tx.ctx) : lease;
    const warnings = ms === null ? [] : renewLease(tx, kind, row, ms, owner);
    return { claimed: true, reentrant: true, reason: null, row, ...none, warnings };
  }
  checkDependencyGate(tx.store, kind, row.id, "in_progress");
  const ms = lease === undefined ? defaultLease(tx.ctx) : lease;
  const set = {
    status: "in_progress",
    owner,
    claimed_at: tx.now,
    lease_ms: ms,
    lease_expires_at: ms === null ? null : tx.now + ms,
  };
  const changed = tx.store.prepare(
    `UPDATE ${
      kind === "task" ? "tasks" : "subtasks"
    } SET status='in_progress', owner=:o, claimed_at=:now,
            lease_ms=:lease_ms, lease_expires_at=:lease_exp, updated_at=:now, version=version+1
      WHERE id=:id AND status <> 'done'
        AND (owner IS NULL OR owner = :o
             OR (lease_expires_at IS NOT NULL AND lease_expires_at < :now))`,
  ).run({ o: owner, now: tx.now, lease_ms: ms, lease_exp: set.lease_expires_at, id: row.id });
  const after = readItem(tx.store, kind, row.id)!;
  if (Number(changed.changes) === 0) {
    const reason = after.status === "done" ? "done" : "held";
    return { claimed: false, reentrant: false, reason, row: after, ...none };
  }
  const previous = row.owner !== null && row.owner !== owner ? row.owner : null;
  const event = tx.event({
    itemId: row.id,
    itemKind: kind,
    op: "update",
    changes: Object.entries(set)
      .filter(([c, v]) => (row[c as keyof ItemRow] ?? null) !== v)
      .map(([c, v]) => ({
        field: FIELD_OF[c]!,
        old: outputValue(c, row[c as keyof ItemRow]),
        new: outputValue(c, v),
      })),
    flags: previous ? { takeover: true } : undefined,
    actor: owner,
  });
  const auto = applyEpicRules(tx, after.epic_id, "in_progress", event.id);
  return {
    claimed: true,
    reentrant: false,
    reason: null,
    row: after,
    takeover: previous
      ? { previousOwner: previous, leaseExpiredAt: iso(row.lease_expires_at) }
      : null,
    auto,
    warnings: [],
  };
}

/** Renews a lease as `heartbeat` does: a local `heartbeat` event, no version bump. */
function renewLease(tx: Tx, kind: ClaimKind, row: ItemRow, ms: number, owner: string): Warning[] {
  const expired = row.lease_expires_at !== null && row.lease_expires_at < tx.now;
  patchRow(tx, {
    kind,
    id: row.id,
    before: row as unknown as Record<string, unknown>,
    set: { lease_expires_at: tx.now + ms, lease_ms: ms },
    op: "heartbeat",
    actor: owner,
  });
  return expired
    ? [{
      code: "lease_expired_renewed",
      message: `The lease of ${kind} "${row.id}" had expired; it was renewed`,
      ids: [row.id],
    }]
    : [];
}

/** Claim response data (SPEC §6.8), shared by `claim` and `task next --claim`. */
export function claimData(kind: ClaimKind, o: ClaimOutcome, now: number) {
  return {
    claimed: o.claimed,
    reentrant: o.reentrant,
    reason: o.reason,
    [kind]: itemRecord(kind, o.row, now),
    currentOwner: o.row.owner,
    currentStatus: o.row.status,
    lease: leaseOut(o.row),
    takeover: o.takeover,
    auto: o.auto,
    warnings: o.warnings,
  };
}

/**
 * `task|subtask claim` (SPEC §6.8): compare-and-swap in one write
 * transaction. A lost claim (`done`, `held`) is a success with
 * `claimed: false`; re-claiming your own item is re-entrant.
 */
export function claimItem(ctx: Ctx, input: ClaimInput) {
  const owner = effectiveOwner(ctx, input.owner, true)!;
  const lease = checkLease(input.lease);
  return writeAs(ctx, owner, (tx) => {
    const row = resolveItemMatching(tx, input.kind, input);
    return claimData(input.kind, claimRow(tx, input.kind, row, owner, lease), tx.now);
  });
}

/**
 * `task|subtask heartbeat` (SPEC §6.9): renews the lease of an item the
 * owner holds. No version bump; a local `heartbeat` event.
 */
export function heartbeatItem(ctx: Ctx, input: ClaimInput) {
  const owner = effectiveOwner(ctx, input.owner, true)!;
  const lease = checkLease(input.lease);
  return writeAs(ctx, owner, (tx) => {
    const row = resolveItem(tx.store, input.kind, input.id);
    if (row.status !== "in_progress" || row.owner !== owner) {
      throw new CairnError(
        "not_owner",
        `Cannot renew the lease of ${input.kind} "${row.id}": ${
          row.status !== "in_progress"
            ? `it is ${row.status}`
            : row.owner === null
            ? "nobody holds it"
            : `it is held by ${row.owner}`
        }`,
        { id: row.id, owner: row.owner, status: row.status, hint: "cairn session" },
      );
    }
    const ms = lease ?? row.lease_ms ?? defaultLease(tx.ctx) ?? HEARTBEAT_FALLBACK;
    const warnings = renewLease(tx, input.kind, row, ms, owner);
    return { [input.kind]: itemRecord(input.kind, row, tx.now), lease: leaseOut(row)!, warnings };
  });
}

/**
 * `task|subtask release` (SPEC §6.9): gives a claim back. `in_progress`
 * returns to `todo`; owner, claim time and lease are cleared.
 */
export function releaseItem(ctx: Ctx, input: Omit<ClaimInput, "lease"> & { force?: boolean }) {
  const owner = effectiveOwner(ctx, input.owner, !input.force);
  return writeAs(ctx, owner, (tx) => {
    const row = resolveItemMatching(tx, input.kind, input);
    if (row.status === "done") {
      throw new CairnError("already_done", `Cannot release ${input.kind} "${row.id}": it is done`, {
        id: row.id,
        completedAt: iso(row.completed_at),
      });
    }
    if (!input.force && row.owner !== owner) {
      throw new CairnError(
        "not_owner",
        row.owner === null
          ? `Cannot release ${input.kind} "${row.id}": nobody holds it`
          : `Cannot release ${input.kind} "${row.id}": it is held by ${row.owner}`,
        {
          id: row.id,
          owner: row.owner,
          status: row.status,
          hint: `cairn ${input.kind} release ${row.id} --force`,
        },
      );
    }
    const previousOwner = row.owner;
    patchRow(tx, {
      kind: input.kind,
      id: row.id,
      before: row as unknown as Record<string, unknown>,
      set: {
        status: row.status === "in_progress" ? "todo" : row.status,
        owner: null,
        claimed_at: null,
        lease_expires_at: null,
        lease_ms: null,
      },
      flags: input.force ? { forced: true } : undefined,
    });
    return { [input.kind]: itemRecord(input.kind, row, tx.now), released: true, previousOwner };
  });
}
