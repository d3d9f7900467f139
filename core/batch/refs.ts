/**
 * Temp keys and references of batch specs (SPEC §10.4): key uniqueness, and
 * resolution of `@key` / id / prefix references with their context rules.
 * Reference problems become issues of `invalid_spec`, never top-level codes.
 *
 * @module
 */
import { CairnError } from "../errors.ts";
import type { Status } from "../records.ts";
import { resolveId } from "../resolve.ts";
import type { Store } from "../store/store.ts";
import { type Issue, issue, type ItemSpec, type SpecSource, where } from "./spec.ts";

/** An item this batch creates, known by its temp key. */
export interface NewItem {
  kind: "task" | "subtask";
  spec: ItemSpec;
  /** Pre-allocated id (SPEC §10.5 step 2). */
  id: string;
}

/** What a reference names. */
export interface Target {
  id: string;
  kind: "task" | "subtask";
  isNew: boolean;
  status: Status;
  /** Epic of the item (of its task for a subtask); null for items of a new epic. */
  epicId: string | null;
}

/** Reference positions and their rules (the context table of §10.4). */
export type Slot = "parent" | "criterion" | "dep";

function keyField(spec: ItemSpec): number {
  return spec.option === "--subtask" && spec.parentRef !== null ? 2 : 1;
}

/**
 * Registers the temp keys of `--task` then `--subtask` specs (one namespace);
 * a repeated key → issue `duplicate_key` naming both specs.
 */
export function collectKeys(
  items: { kind: "task" | "subtask"; spec: ItemSpec; id: string }[],
  issues: Issue[],
): Map<string, NewItem> {
  const keys = new Map<string, NewItem>();
  for (const item of items) {
    const key = item.spec.key;
    if (key === null) continue;
    const first = keys.get(key);
    if (!first) {
      keys.set(key, item);
      continue;
    }
    const parent = item.spec.parentRef?.startsWith("@") ? item.spec.parentRef.slice(1) : null;
    const suggestion = item.kind === "subtask" && parent ? `${parent}-${key}` : undefined;
    const field = keyField(item.spec);
    issues.push(issue(
      item.spec,
      field,
      "duplicate_key",
      `${
        where(item.spec, field)
      }: temp key "${key}" is already used by ${first.spec.option} ${first.spec.index}; --task and --subtask keys share one namespace, so prefix subtask keys with their task key (e.g. "${
        suggestion ?? "parse-tests"
      }")`,
      suggestion,
    ));
  }
  return keys;
}

type Lookup = { target: Target } | { code: Issue["code"]; text: string };

/** Resolves references of one batch inside its transaction, with a per-batch cache. */
export class RefResolver {
  readonly #cache = new Map<string, Lookup>();

  constructor(
    readonly store: Store,
    readonly o: {
      keys: Map<string, NewItem>;
      /** Epic whose tasks parents and criteria must belong to; null = a new epic. */
      epicId: string | null;
      /** Epic of the batch's new items (for `Target.epicId`). */
      newEpicId: string | null;
      keysAllowed: boolean;
    },
  ) {}

  /** Resolves `raw` at `slot`; on failure pushes one issue and returns null. */
  resolve(src: SpecSource, field: number, raw: string, slot: Slot, issues: Issue[]): Target | null {
    const at = where(src, field);
    const fail = (code: Issue["code"], text: string, suggestion?: string) => {
      issues.push(issue(src, field, code, `${at}: ${text}`, suggestion));
      return null;
    };
    if (raw.startsWith("@")) {
      const key = raw.slice(1);
      if (!this.o.keysAllowed) {
        return fail(
          "temp_key_not_allowed",
          `temp keys are not allowed here ("${raw}"); use ids or id prefixes`,
        );
      }
      const item = this.o.keys.get(key);
      if (!item) {
        return fail("unknown_key", `"${raw}" names no --task or --subtask key of this command`);
      }
      if (slot !== "dep" && item.kind !== "task") {
        return fail(
          "ref_wrong_kind",
          `"${raw}" is a --subtask key; a --task key is needed here`,
        );
      }
      return {
        id: item.id,
        kind: item.kind,
        isNew: true,
        status: item.spec.status,
        epicId: this.o.newEpicId,
      };
    }
    const found = this.#lookup(raw, slot === "dep" ? ["task", "subtask"] : ["task"]);
    const isKey = this.o.keysAllowed && this.o.keys.has(raw);
    if (isKey) {
      if ("target" in found) {
        return fail(
          "ambiguous_ref",
          `"${raw}" is both a temp key and an id prefix of ${found.target.id}; write "@${raw}" for the temp key or a longer id`,
        );
      }
      return fail("bare_key", `"${raw}" is a temp key; write it as "@${raw}"`, `@${raw}`);
    }
    if (!("target" in found)) return fail(found.code, found.text);
    const t = found.target;
    if (slot !== "dep" && t.epicId !== this.o.epicId) {
      return fail(
        "parent_other_epic",
        this.o.epicId === null
          ? `task "${t.id}" belongs to another epic; reference a --task of this command ("@key")`
          : `task "${t.id}" belongs to epic "${t.epicId}", not to "${this.o.epicId}"`,
      );
    }
    return t;
  }

  #lookup(raw: string, kinds: ("task" | "subtask")[]): Lookup {
    const cacheKey = `${kinds.length}\u0000${raw}`;
    let hit = this.#cache.get(cacheKey);
    if (!hit) {
      hit = this.#find(raw, kinds);
      this.#cache.set(cacheKey, hit);
    }
    return hit;
  }

  #find(raw: string, kinds: ("task" | "subtask")[]): Lookup {
    const expected = kinds.join(" or ");
    try {
      const r = resolveId(this.store, raw, kinds);
      const row = r.kind === "task"
        ? this.store.get<{ status: Status; epic_id: string }>(
          "SELECT status, epic_id FROM tasks WHERE id = ?",
          r.id,
        )!
        : this.store.get<{ status: Status; epic_id: string }>(
          "SELECT s.status, t.epic_id FROM subtasks s JOIN tasks t ON t.id = s.task_id WHERE s.id = ?",
          r.id,
        )!;
      const target: Target = {
        id: r.id,
        kind: r.kind as "task" | "subtask",
        isNew: false,
        status: row.status,
        epicId: row.epic_id,
      };
      return { target };
    } catch (err) {
      if (!(err instanceof CairnError)) throw err;
      const d = err.details;
      switch (err.code) {
        case "wrong_kind":
          return {
            code: "ref_wrong_kind",
            text: `"${raw}" is a ${d.actual} id; expected ${expected}`,
          };
        case "ambiguous_id": {
          const list = (d.candidates as { id: string; title: string }[])
            .map((c) => `${c.id} "${c.title}"`).join(", ");
          return {
            code: "ambiguous_ref",
            text: `"${raw}" matches several items (${list}${
              Number(d.total) > 10 ? ", …" : ""
            }); use a longer prefix`,
          };
        }
        case "invalid_id":
          return {
            code: "ref_not_found",
            text: `"${raw}" is neither a temp key ("@key") nor an id`,
          };
        case "not_found":
          return {
            code: "ref_not_found",
            text: `no ${expected} matches "${raw}"${d.deleted ? " (it was deleted)" : ""}`,
          };
        default:
          throw err;
      }
    }
  }
}
