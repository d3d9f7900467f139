/**
 * The error-code registry (SPEC §18) and the one error type of cairn.
 *
 * Every code the program can emit is listed here once, with its class (which
 * decides the exit code), its board HTTP status and its meaning. Help, docs,
 * HTTP mapping and the contract test all read this table.
 *
 * @module
 */

/** Error classes; `usage` exits 2, every other class exits 1. */
export type ErrorClass =
  | "usage"
  | "input"
  | "state"
  | "io"
  | "storage"
  | "sync"
  | "board"
  | "internal";

/** One registered error code. */
export interface ErrorCodeInfo {
  class: ErrorClass;
  /** Board API status, or null when the board never emits the code. */
  http: number | null;
  meaning: string;
}

/** Every error code cairn can emit (SPEC §18.2). */
export const ERROR_CODES = {
  unknown_command: {
    class: "usage",
    http: null,
    meaning: "Root command (or help topic) does not exist",
  },
  unknown_subcommand: { class: "usage", http: null, meaning: "Group exists, subcommand does not" },
  unknown_option: { class: "usage", http: 400, meaning: "Option not declared for the command" },
  missing_value: {
    class: "usage",
    http: 400,
    meaning: "Value-taking option at the end of the line",
  },
  missing_argument: {
    class: "usage",
    http: 400,
    meaning:
      "Required positional or option missing, or none of a required set, or an option given without the option it requires",
  },
  unexpected_argument: { class: "usage", http: 400, meaning: "Too many positionals" },
  invalid_value: {
    class: "usage",
    http: 400,
    meaning:
      "Value fails its type, enum or range; bad cursor; unknown config key or bad value given to `config set`",
  },
  conflicting_options: {
    class: "usage",
    http: 400,
    meaning:
      "Mutually exclusive options (`{options}`), or a non-repeatable option repeated (`{option, values}`)",
  },
  invalid_input: {
    class: "input",
    http: 400,
    meaning:
      "A value breaks a domain rule (blank title, control characters, bad owner, empty search text, invalid UTF-8, malformed `If-Match`, malformed JSON body, replace result invalid), or the configuration is bad: `config.toml` syntax, unknown key, wrong type or range, or a bad environment value (`CAIRN_FORMAT`, `CAIRN_SQLITE_*`, `CAIRN_ACTOR`, \u2026); configuration details `{source, path|variable, key, value?, line?, column?, message}` (\u00a713.5)",
  },
  too_long: { class: "input", http: 400, meaning: "A text exceeds its limit" },
  invalid_id: {
    class: "input",
    http: 400,
    meaning:
      "Malformed id or prefix (bad characters, length), or a prefix where a full id is required",
  },
  ambiguous_id: { class: "input", http: 400, meaning: "Prefix matches several items" },
  not_found: { class: "state", http: 404, meaning: "Id, route or file target does not exist" },
  wrong_kind: { class: "input", http: 400, meaning: "Id of a kind the command does not accept" },
  invalid_spec: { class: "input", http: 400, meaning: "Batch spec grammar or reference problems" },
  status_transition_invalid: {
    class: "state",
    http: 409,
    meaning: "Status change not allowed by the machine",
  },
  dependency_blocked: {
    class: "state",
    http: 409,
    meaning: "Entering `in_progress`/`done` with unfinished prerequisites",
  },
  dependency_cycle: { class: "state", http: 409, meaning: "Self-edge or cycle" },
  criteria_open: {
    class: "state",
    http: 409,
    meaning: "Completing a task with unchecked criteria without `--force`",
  },
  children_open: { class: "state", http: 409, meaning: "Epic \u2192 done while tasks are open" },
  has_children: {
    class: "state",
    http: 409,
    meaning: "Deleting a non-empty epic without `--cascade`",
  },
  already_done: { class: "state", http: 409, meaning: "`done` or `release` on a done item" },
  not_owner: {
    class: "state",
    http: 409,
    meaning: "Heartbeat/release/done by someone who does not hold the item",
  },
  confirmation_required: {
    class: "input",
    http: null,
    meaning: "Destructive command without `--yes`",
  },
  match_count_mismatch: {
    class: "state",
    http: 409,
    meaning: "`--expect` differs from the occurrences found",
  },
  invalid_import: { class: "input", http: 400, meaning: "Import file fails validation" },
  file_exists: { class: "io", http: null, meaning: "Export target exists without `--overwrite`" },
  invalid_path: {
    class: "io",
    http: null,
    meaning: "Path is missing, a directory where a file is needed, or under a file",
  },
  permission_denied: { class: "io", http: 500, meaning: "The OS refused access" },
  io_error: {
    class: "io",
    http: 500,
    meaning: "Other file-system failure; partial `skills.update`",
  },
  not_initialized: { class: "storage", http: null, meaning: "Outside git and no `.cairn/` found" },
  not_a_git_repo: { class: "sync", http: null, meaning: "Sync outside a git repository" },
  git_unavailable: { class: "sync", http: null, meaning: "No usable `git` executable" },
  database_busy: {
    class: "storage",
    http: 503,
    meaning: "Write lock not obtained within the retry budget",
  },
  database_corrupt: { class: "storage", http: 500, meaning: "Not a SQLite database or damaged" },
  schema_too_new: {
    class: "storage",
    http: 500,
    meaning: "Database schema newer than the program",
  },
  migration_failed: {
    class: "storage",
    http: 500,
    meaning: "A migration failed and was rolled back",
  },
  backup_failed: {
    class: "storage",
    http: 500,
    meaning: "Backup could not be written or verified",
  },
  restore_failed: { class: "storage", http: null, meaning: "File is not a valid cairn database" },
  doctor_failed: {
    class: "storage",
    http: null,
    meaning: "At least one check failed; `data` holds the report",
  },
  no_remote: { class: "sync", http: null, meaning: "Configured remote does not exist" },
  sync_transport_failed: { class: "sync", http: null, meaning: "`git fetch`/`git push` failed" },
  sync_rejected: { class: "sync", http: null, meaning: "Push still rejected after 3 attempts" },
  sync_diverged: {
    class: "sync",
    http: null,
    meaning: "An events file cannot be merged as a prefix union",
  },
  already_resolved: { class: "state", http: null, meaning: "Conflict already resolved" },
  port_in_use: { class: "io", http: null, meaning: "Requested board port busy" },
  outside_repo: {
    class: "input",
    http: null,
    meaning: "Skill link outside the repository without the override flag",
  },
  unauthorized: {
    class: "board",
    http: 401,
    meaning: "Missing/invalid session or bearer token, or token in an API URL",
  },
  forbidden_host: {
    class: "board",
    http: 403,
    meaning: "`Host` header not the board's loopback address",
  },
  forbidden_origin: {
    class: "board",
    http: 403,
    meaning: "Foreign `Origin`, or missing `Origin` on a cookie-authenticated unsafe request",
  },
  method_not_allowed: { class: "board", http: 405, meaning: "Known path, wrong method" },
  version_conflict: { class: "board", http: 409, meaning: "`If-Match` version is stale" },
  precondition_failed: {
    class: "board",
    http: 412,
    meaning: "`If-Match` names an item that has been deleted",
  },
  payload_too_large: { class: "board", http: 413, meaning: "Body over 1 MiB" },
  unsupported_media_type: { class: "board", http: 415, meaning: "Body not `application/json`" },
  idempotency_key_reused: {
    class: "board",
    http: 422,
    meaning: "Same `Idempotency-Key`, different request",
  },
  precondition_required: { class: "board", http: 428, meaning: "PATCH/DELETE without `If-Match`" },
  stream_backpressure: {
    class: "board",
    http: null,
    meaning: "Sent as an SSE `error` event before a stalled client is disconnected",
  },
  internal_error: {
    class: "internal",
    http: 500,
    meaning: "Unexpected failure (including id-collision retries exhausted); message without stack",
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A registered error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Warning codes carried in `data.warnings[].code` (SPEC §18.3). */
export const WARNING_CODES = [
  "open_subtasks",
  "criteria_forced",
  "lease_expired_renewed",
  "prerequisite_open",
  "children_open",
  "task_done",
  "missing_parent",
  "invalid_remote_value",
  "invariant",
  "cycle_broken",
] as const;

/** A registered warning code. */
export type WarningCode = typeof WARNING_CODES[number];

/** A non-fatal observation reported in `data.warnings`. */
export interface Warning {
  code: WarningCode;
  message: string;
  ids?: string[];
}

/**
 * The one error type of cairn: a registered code, a sentence, and structured
 * details. Adapters catch it once at their edge and render an envelope.
 *
 * @example
 * ```ts
 * throw new CairnError("not_found", 'Task "t-3k9q2m7x" not found', { id: "t-3k9q2m7x", kinds: ["task"] });
 * ```
 */
export class CairnError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Extra facts reported in `data` on failure (doctor, sync pull, skills update). */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = "CairnError";
  }
}

/** Whether a code is a usage error (exit code 2). */
export function isUsageError(code: ErrorCode): boolean {
  return ERROR_CODES[code].class === "usage";
}

/** Board HTTP status for a code (usage codes map to 400, unlisted to 500). */
export function httpStatus(code: ErrorCode): number {
  const info: ErrorCodeInfo = ERROR_CODES[code];
  return info.http ?? (info.class === "usage" ? 400 : 500);
}
