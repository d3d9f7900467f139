/**
 * Numbered schema migrations (SPEC §5.3, §13.6). Version 1 creates the schema.
 *
 * @module
 */

/** One migration step. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

const V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- keys: replica_id, lamport, created_at, sync_exported_seq

CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at INTEGER NOT NULL);

CREATE TABLE epics (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('todo','in_progress','blocked','done')),
  priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 0 AND 4),
  position REAL NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  completed_at INTEGER, version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX epics_position ON epics(position);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY, epic_id TEXT NOT NULL REFERENCES epics(id) ON DELETE CASCADE,
  title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('todo','in_progress','blocked','done')),
  priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 0 AND 4),
  owner TEXT, claimed_at INTEGER, lease_expires_at INTEGER, lease_ms INTEGER,
  position REAL NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  completed_at INTEGER, version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX tasks_epic_position ON tasks(epic_id, position);
CREATE INDEX tasks_status ON tasks(status);
CREATE INDEX tasks_owner ON tasks(owner) WHERE owner IS NOT NULL;

CREATE TABLE subtasks (
  id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('todo','in_progress','blocked','done')),
  owner TEXT, claimed_at INTEGER, lease_expires_at INTEGER, lease_ms INTEGER,
  position REAL NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  completed_at INTEGER, version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX subtasks_task_position ON subtasks(task_id, position);
CREATE INDEX subtasks_owner ON subtasks(owner) WHERE owner IS NOT NULL;

CREATE TABLE criteria (
  id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  text TEXT NOT NULL, checked INTEGER NOT NULL DEFAULT 0 CHECK (checked IN (0,1)),
  evidence TEXT, checked_at INTEGER, checked_by TEXT,
  position REAL NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX criteria_task_position ON criteria(task_id, position);

CREATE TABLE dependencies (
  source_id TEXT NOT NULL, depends_on_id TEXT NOT NULL,
  created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
  PRIMARY KEY (source_id, depends_on_id), CHECK (source_id <> depends_on_id)) WITHOUT ROWID;
CREATE INDEX dependencies_target ON dependencies(depends_on_id, source_id);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, replica TEXT NOT NULL,
  lamport INTEGER NOT NULL, item_id TEXT NOT NULL, item_kind TEXT NOT NULL, op TEXT NOT NULL,
  changes TEXT NOT NULL, actor TEXT NOT NULL, at INTEGER NOT NULL, branch TEXT, worktree TEXT,
  source TEXT NOT NULL, command TEXT, cause TEXT, resolves TEXT, flags TEXT);
CREATE INDEX events_item ON events(item_id, lamport);
CREATE INDEX events_at ON events(at);
CREATE INDEX events_replica ON events(replica, seq);

CREATE TABLE field_clock (               -- last writer of every synced field (§14.2, §14.6)
  item_id TEXT NOT NULL, field TEXT NOT NULL, event_id TEXT NOT NULL,
  lamport INTEGER NOT NULL, actor TEXT NOT NULL,
  PRIMARY KEY (item_id, field)) WITHOUT ROWID;

CREATE TABLE tombstones (                -- every deleted item, kept forever
  item_id TEXT PRIMARY KEY, item_kind TEXT NOT NULL, title TEXT, deleted_at INTEGER NOT NULL,
  event_id TEXT NOT NULL, actor TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE conflicts (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('field','delete_edit','cycle')),
  item_id TEXT NOT NULL, item_kind TEXT NOT NULL, field TEXT,
  ours TEXT, ours_event TEXT, theirs TEXT, theirs_event TEXT, details TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('pending','resolved')),
  resolution TEXT CHECK (resolution IN ('ours','theirs','remote')),
  resolved_by TEXT, resolved_at INTEGER, resolution_event TEXT, created_at INTEGER NOT NULL,
  UNIQUE (item_id, field, ours_event, theirs_event));
CREATE INDEX conflicts_status ON conflicts(status, created_at);

CREATE TABLE sync_remotes (             -- per-remote sync state and cached counters (§14.9)
  remote TEXT PRIMARY KEY, fetched_commit TEXT, pushed_commit TEXT,
  last_fetch_at INTEGER, last_pull_at INTEGER, last_push_at INTEGER,
  unpushed_lines INTEGER NOT NULL DEFAULT 0, unpulled INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;

CREATE TABLE sync_files (                -- import progress per event file of the sync ref
  path TEXT PRIMARY KEY, blob TEXT NOT NULL, lines INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE idempotency (               -- board API idempotency keys (§15.3)
  scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
  body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (scope, key)) WITHOUT ROWID;
`;

/** Every migration, in order. The latest schema version is the last one's. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: "0001_initial", up: V1 }];

/** The schema version this program writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
