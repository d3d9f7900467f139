/**
 * The update machinery shared by `epic|task|subtask update` (SPEC §9.3.5,
 * §9.4.5, §9.5): option rules, text fields, `--append` computed in SQL, and
 * the single / atomic bulk (`--ids`) runners.
 *
 * @module
 */
import type { Ctx } from "../context.ts";
import { CairnError, type ErrorCode, type Warning } from "../errors.ts";
import type { Status } from "../records.ts";
import type { AutoTransition } from "../status.ts";
import type { Tx } from "../store/tx.ts";
import { write } from "../store/tx.ts";
import { checkLength, cleanAppend, cleanBlock, cleanLine, cleanOwner, LIMITS } from "../text.ts";
import { isFullId } from "../ids.ts";
import type { Store } from "../store/store.ts";
import { checkIfMatch } from "./guard.ts";
import { loadRow, type RowOf, rowOf } from "./rows.ts";
import { TABLE_OF } from "./tables.ts";

/** Input of an update (single `id` or bulk `ids`). Text values are raw. */
export interface UpdateInput {
  id?: string;
  ids?: string[];
  title?: string;
  description?: string;
  append?: string;
  status?: Status;
  priority?: number;
  /** New owner; `""` clears it. */
  owner?: string;
  /** Tasks: complete with unchecked criteria (with `status: "done"`); with `cascade`. */
  force?: boolean;
  /** Validated here; the cascade itself is `cascadeComplete` (SPEC §6.10). */
  cascade?: boolean;
  /** Board `If-Match` (single updates only). */
  ifMatch?: number;
}

/** Updatable kinds. */
export type UpdateKind = "epic" | "task" | "subtask";

type Field = "title" | "description" | "append" | "status" | "priority" | "owner";

const FIELDS: Record<UpdateKind, { single: Field[]; bulk: Field[] }> = {
  epic: {
    single: ["title", "description", "append", "status", "priority"],
    bulk: ["status", "priority", "append"],
  },
  task: {
    single: ["title", "description", "append", "status", "priority", "owner"],
    bulk: ["status", "priority", "owner", "append"],
  },
  subtask: {
    single: ["title", "description", "append", "status", "owner"],
    bulk: ["status", "owner", "append"],
  },
};

const OPTION_NAMES: Record<Field, string[]> = {
  title: ["--title"],
  description: ["--description", "--description-file"],
  append: ["--append", "--append-file"],
  status: ["--status"],
  priority: ["--priority"],
  owner: ["--owner"],
};

function usage(code: ErrorCode, message: string, details: Record<string, unknown>): CairnError {
  return new CairnError(code, message, details);
}

/**
 * Checks the option rules of an update (SPEC §9.3.5, §9.4.5, §6.10) and
 * throws the usage error of the first broken one.
 */
export function checkUpdateOptions(kind: UpdateKind, input: UpdateInput): void {
  const positional = `<${kind}>`;
  const given = FIELDS[kind].single.filter((f) => input[f] !== undefined);
  if (input.id !== undefined && input.ids !== undefined) {
    throw usage("conflicting_options", `Give either ${positional} or --ids, not both`, {
      options: [positional, "--ids"],
    });
  }
  if (input.id === undefined && input.ids === undefined) {
    throw usage("missing_argument", `Missing argument ${positional} (or --ids)`, {
      anyOf: [positional, "--ids"],
    });
  }
  if (input.description !== undefined && input.append !== undefined) {
    throw usage("conflicting_options", "Options --description and --append cannot be combined", {
      options: ["--description", "--append"],
    });
  }
  if (input.cascade) {
    const clash = [...(input.ids ? ["ids"] : []), ...given.filter((f) => f !== "status")];
    if (clash.length) {
      const options = ["--cascade", ...clash.map((f) => `--${f}`)];
      throw usage(
        "conflicting_options",
        `Option --cascade cannot be combined with ${options.slice(1).join(", ")}`,
        {
          options,
        },
      );
    }
    if (input.status === undefined) {
      throw usage("missing_argument", "Option --cascade requires --status done", {
        option: "--status",
        requiredBy: "--cascade",
      });
    }
    if (input.status !== "done") {
      throw usage("invalid_value", `Option --cascade requires --status done, not ${input.status}`, {
        option: "--status",
        value: input.status,
        allowed: ["done"],
      });
    }
    return;
  }
  if (given.length === 0) {
    throw usage("missing_argument", `Nothing to update: give at least one field option`, {
      anyOf: FIELDS[kind].single.flatMap((f) => OPTION_NAMES[f]),
    });
  }
  if (input.ids) {
    const bad = given.filter((f) => !FIELDS[kind].bulk.includes(f));
    if (bad.length) {
      const options = ["--ids", ...bad.map((f) => `--${f}`)];
      throw usage(
        "conflicting_options",
        `Option --ids cannot be combined with ${options.slice(1).join(", ")}`,
        {
          options,
        },
      );
    }
  }
  if (input.force) {
    if (kind === "epic") {
      throw usage("missing_argument", "Option --force requires --cascade", {
        option: "--cascade",
        requiredBy: "--force",
      });
    }
    if (input.status !== "done") {
      throw usage("missing_argument", "Option --force requires --status done", {
        option: "--status",
        requiredBy: "--force",
      });
    }
  }
}

/**
 * Column values for the text fields of an update: title, description, or
 * appended text. The append is computed in SQL from the current value inside
 * the write transaction, so concurrent appends never lose text.
 */
export function textColumns(
  tx: Tx,
  kind: UpdateKind,
  id: string,
  input: UpdateInput,
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  if (input.title !== undefined) set.title = cleanLine("title", input.title, LIMITS.title);
  if (input.description !== undefined) {
    set.description = cleanBlock("description", input.description, LIMITS.description);
  }
  if (input.append !== undefined) {
    const text = cleanAppend(input.append);
    const row = tx.store.get<{ d: string }>(
      `SELECT CASE WHEN description = '' THEN ?1 ELSE description || char(10) || ?1 END AS d
         FROM ${TABLE_OF[kind]} WHERE id = ?2`,
      text,
      id,
    )!;
    checkLength("description", row.d, LIMITS.description);
    set.description = row.d;
  }
  if (input.owner !== undefined) {
    set.owner = input.owner.trim() === "" ? null : cleanOwner(input.owner);
  }
  return set;
}

const COLUMN_ORDER = [
  "title",
  "description",
  "status",
  "priority",
  "owner",
  "claimed_at",
  "lease_expires_at",
  "lease_ms",
  "completed_at",
];

/** The columns of a patch in record-field order (so `changed` and events read naturally). */
export function inRecordOrder(set: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of COLUMN_ORDER) if (c in set) out[c] = set[c];
  for (const c of Object.keys(set)) if (!(c in out)) out[c] = set[c];
  return out;
}

/** What applying an update to one item did. */
export interface Applied {
  changed: string[];
  auto: AutoTransition[];
  warnings: Warning[];
  unblocked: unknown[];
  reblocked: unknown[];
}

/** Applies an update to one row read in this transaction (validates first, then writes). */
export type ApplyFn<K extends UpdateKind> = (tx: Tx, row: RowOf[K], input: UpdateInput) => Applied;

/**
 * Resolves an id and checks `If-Match` (SPEC §15.3): with a version given, a
 * deleted full id is `precondition_failed` rather than `not_found`.
 */
export function loadGuarded<K extends UpdateKind>(
  store: Store,
  kind: K,
  raw: string,
  ifMatch: number | undefined,
  record: (row: RowOf[K]) => unknown,
): RowOf[K] {
  if (ifMatch !== undefined && isFullId(raw.trim(), kind) && !rowOf(store, kind, raw.trim())) {
    checkIfMatch(store, kind, raw.trim(), ifMatch, () => null);
  }
  const row = loadRow(store, kind, raw);
  checkIfMatch(store, kind, row.id, ifMatch, () => record(row));
  return row;
}

/** Runs a single update: resolve, If-Match, apply, re-read. */
export function updateOne<K extends UpdateKind>(
  ctx: Ctx,
  kind: K,
  input: UpdateInput,
  apply: ApplyFn<K>,
  record: (row: RowOf[K], now: number) => unknown,
) {
  checkUpdateOptions(kind, input);
  return write(ctx, (tx) => {
    const row = loadGuarded(tx.store, kind, input.id!, input.ifMatch, (r) => record(r, tx.now));
    const r = apply(tx, row, input);
    return { row: rowOf(tx.store, kind, row.id)!, ...r };
  });
}

/**
 * Runs a bulk update atomically: every id is resolved and every change
 * validated; if any item fails, nothing is written and the error carries
 * `failures:[{id, code, message}]` with the first failure's code.
 */
export function updateMany<K extends UpdateKind>(
  ctx: Ctx,
  kind: K,
  input: UpdateInput,
  apply: ApplyFn<K>,
) {
  checkUpdateOptions(kind, input);
  return write(ctx, (tx) => {
    const failures: { id: string; code: ErrorCode; message: string }[] = [];
    const done = new Map<string, Applied>();
    for (const raw of input.ids!) {
      let id = raw;
      try {
        const row = loadRow(tx.store, kind, raw);
        id = row.id;
        if (done.has(id)) continue;
        done.set(id, apply(tx, row, input));
      } catch (err) {
        if (!(err instanceof CairnError)) throw err;
        failures.push({ id, code: err.code, message: err.message });
      }
    }
    if (failures.length) {
      const first = failures[0]!;
      throw new CairnError(
        first.code,
        `${failures.length} of ${
          input.ids!.length
        } ${kind}s cannot be updated; nothing was changed. First: ${first.message}`,
        { failures },
      );
    }
    const rows = [...done.keys()].map((id) => rowOf(tx.store, kind, id)!);
    return {
      rows,
      changed: Object.fromEntries([...done].map(([id, r]) => [id, r.changed])),
      auto: [...done.values()].flatMap((r) => r.auto),
      warnings: [...done.values()].flatMap((r) => r.warnings),
    };
  });
}
