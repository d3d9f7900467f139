/**
 * The database checks of `doctor` (SPEC §13.8): SQLite health, pragmas,
 * schema, the dependency graph, claims and sync state.
 *
 * @module
 */
import { behindCycles } from "../batch/cycles.ts";
import type { Ctx } from "../context.ts";
import { SCHEMA_VERSION } from "../store/migrations.ts";
import { userVersion } from "../store/open.ts";
import type { Store } from "../store/store.ts";

/** One check's outcome. */
export interface Check {
  id: string;
  status: "ok" | "warn" | "fail";
  message: string;
  details: Record<string, unknown>;
  fix: string | null;
}

/** A check result. */
export function check(
  id: string,
  status: Check["status"],
  message: string,
  details: Record<string, unknown> = {},
  fix: string | null = null,
): Check {
  return { id, status, message, details, fix };
}

/** `PRAGMA quick_check` (or `integrity_check` when full). */
export function integrityCheck(store: Store, full: boolean): Check {
  const pragma = full ? "integrity_check" : "quick_check";
  const rows = store.all<Record<string, string>>(`PRAGMA ${pragma}`).map((r) =>
    Object.values(r)[0]!
  );
  return rows.length === 1 && rows[0] === "ok"
    ? check("sqlite.integrity", "ok", `${pragma}: ok`, { pragma })
    : check("sqlite.integrity", "fail", `${pragma} found ${rows.length} problem(s)`, {
      pragma,
      problems: rows.slice(0, 20),
    }, "cairn migrate restore <backup>");
}

/** `PRAGMA foreign_key_check`. */
export function foreignKeyCheck(store: Store): Check {
  const rows = store.all<Record<string, unknown>>("PRAGMA foreign_key_check");
  return rows.length === 0
    ? check("sqlite.foreign_keys", "ok", "No foreign key violations")
    : check("sqlite.foreign_keys", "fail", `${rows.length} foreign key violation(s)`, {
      violations: rows.slice(0, 20),
    });
}

/** Effective pragmas against the expected ones. */
export function pragmaCheck(ctx: Ctx): Check {
  const store = ctx.store;
  const one = (p: string) =>
    Object.values(store.get<Record<string, unknown>>(`PRAGMA ${p}`) ?? {})[0];
  const durability = ctx.settings.values["storage.durability"]?.value ?? "normal";
  const cacheMib = Number(ctx.settings.values["storage.cache_mib"]?.value ?? 64);
  const expected: Record<string, unknown> = {
    journal_mode: "wal",
    synchronous: durability === "full" ? 2 : 1,
    foreign_keys: 1,
    busy_timeout: 5000,
    cache_size: -cacheMib * 1024,
  };
  const actual: Record<string, unknown> = {};
  const mismatched: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = one(name);
    actual[name] = typeof got === "bigint" ? Number(got) : got;
    if (String(actual[name]).toLowerCase() !== String(want)) mismatched.push(name);
  }
  return mismatched.length === 0
    ? check("sqlite.pragmas", "ok", "Pragmas as expected", { actual })
    : check("sqlite.pragmas", "warn", `Unexpected pragmas: ${mismatched.join(", ")}`, {
      actual,
      expected,
      mismatched,
    });
}

/** Database schema version against the program's. */
export function schemaCheck(store: Store): Check {
  const db = userVersion(store);
  const details = {
    databaseVersion: db,
    programVersion: SCHEMA_VERSION,
    pending: Math.max(0, SCHEMA_VERSION - db),
  };
  if (db > SCHEMA_VERSION) {
    return check(
      "schema.version",
      "fail",
      `Schema v${db} is newer than this program (v${SCHEMA_VERSION})`,
      details,
      "upgrade cairn",
    );
  }
  if (db < SCHEMA_VERSION) {
    return check(
      "schema.version",
      "warn",
      `${details.pending} pending migration(s)`,
      details,
      "cairn init",
    );
  }
  return check("schema.version", "ok", `Schema v${db}`, details);
}

const LIVE = "(SELECT id FROM tasks UNION ALL SELECT id FROM subtasks)";

/** Edges whose endpoint does not exist. */
export function danglingEdges(store: Store): { s: string; d: string }[] {
  return store.all<{ s: string; d: string }>(
    `SELECT source_id AS s, depends_on_id AS d FROM dependencies
      WHERE source_id NOT IN ${LIVE} OR depends_on_id NOT IN ${LIVE}
      ORDER BY source_id, depends_on_id`,
  );
}

/** The dangling-edge check. */
export function danglingCheck(store: Store): Check {
  const edges = danglingEdges(store);
  return edges.length === 0
    ? check("graph.dangling_edges", "ok", "No dangling edges")
    : check("graph.dangling_edges", "warn", `${edges.length} edge(s) with a missing endpoint`, {
      edges: edges.slice(0, 20).map((e) => ({ sourceId: e.s, dependsOnId: e.d })),
      count: edges.length,
    }, "cairn doctor --fix");
}

/** Any dependency cycle (Kahn's algorithm over every edge). */
export function cycleCheck(store: Store): Check {
  const edges = store.all<{ s: string; d: string }>(
    "SELECT source_id AS s, depends_on_id AS d FROM dependencies",
  );
  const stuck = [...behindCycles(edges.map((e) => [e.s, e.d] as const))].sort();
  return stuck.length === 0
    ? check("graph.cycles", "ok", "No dependency cycles")
    : check("graph.cycles", "fail", `${stuck.length} item(s) on or behind a dependency cycle`, {
      count: stuck.length,
      ids: stuck.slice(0, 50),
    }, "cairn dep remove <source> <dependsOn>");
}

/** Inconsistencies the status rules would not produce (SPEC §13.8 graph.invariants). */
export function invariantCheck(store: Store): Check {
  const prerequisites = store.all<{ id: string }>(
    `SELECT x.id FROM (SELECT id, status FROM tasks UNION ALL SELECT id, status FROM subtasks) x
      WHERE x.status IN ('in_progress', 'done') AND EXISTS (SELECT 1 FROM dependencies d
        LEFT JOIN tasks pt ON pt.id = d.depends_on_id LEFT JOIN subtasks ps ON ps.id = d.depends_on_id
        WHERE d.source_id = x.id AND COALESCE(pt.status, ps.status) <> 'done') ORDER BY x.id`,
  ).map((r) => r.id);
  const epics = store.all<{ id: string }>(
    `SELECT e.id FROM epics e WHERE e.status = 'done'
        AND EXISTS (SELECT 1 FROM tasks t WHERE t.epic_id = e.id AND t.status <> 'done') ORDER BY e.id`,
  ).map((r) => r.id);
  const criteria = store.all<{ id: string; flags: string | null }>(
    `SELECT t.id, (SELECT flags FROM events v WHERE v.item_id = t.id
                     AND json_extract(v.changes, '$.status.new') = 'done' ORDER BY v.seq DESC LIMIT 1) AS flags
       FROM tasks t WHERE t.status = 'done'
        AND EXISTS (SELECT 1 FROM criteria c WHERE c.task_id = t.id AND c.checked = 0) ORDER BY t.id`,
  ).filter((r) => !(r.flags && JSON.parse(r.flags).forced)).map((r) => r.id);
  const count = prerequisites.length + epics.length + criteria.length;
  const details = {
    prerequisitesOpen: prerequisites,
    epicsWithOpenTasks: epics,
    uncheckedCriteria: criteria,
  };
  return count === 0
    ? check(
      "graph.invariants",
      "ok",
      "Statuses agree with dependencies, tasks and criteria",
      details,
    )
    : check("graph.invariants", "warn", `${count} item(s) break a status invariant`, details);
}

/** Stale claims: in progress with an expired lease. */
export function staleCheck(store: Store, now: number): Check {
  const ids = store.all<{ id: string }>(
    `SELECT id FROM tasks WHERE status = 'in_progress' AND lease_expires_at < ?1
     UNION ALL SELECT id FROM subtasks WHERE status = 'in_progress' AND lease_expires_at < ?1`,
    now,
  ).map((r) => r.id);
  return ids.length === 0 ? check("claims.stale", "ok", "No stale claims") : check(
    "claims.stale",
    "warn",
    `${ids.length} stale claim(s)`,
    { ids },
    "cairn task claim <id> --owner <owner>",
  );
}

/** Pending sync conflicts and the cached sync counters. */
export function syncChecks(store: Store): Check[] {
  const pending =
    store.get<{ n: number }>("SELECT COUNT(*) AS n FROM conflicts WHERE status = 'pending'")!.n;
  const remotes = store.all<
    { remote: string; unpushed_lines: number; unpulled: number; last_fetch_at: number | null }
  >(
    "SELECT remote, unpushed_lines, unpulled, last_fetch_at FROM sync_remotes ORDER BY remote",
  );
  return [
    pending === 0 ? check("sync.conflicts", "ok", "No pending sync conflicts") : check(
      "sync.conflicts",
      "warn",
      `${pending} pending sync conflict(s)`,
      { pending },
      "cairn sync conflicts list",
    ),
    check(
      "sync.state",
      "ok",
      remotes.length ? "Sync counters from the last fetch" : "Never synced",
      {
        remotes: remotes.map((r) => ({
          remote: r.remote,
          unpushed: r.unpushed_lines,
          unpulled: r.unpulled,
          lastFetchAt: r.last_fetch_at === null ? null : new Date(r.last_fetch_at).toISOString(),
        })),
      },
    ),
  ];
}
