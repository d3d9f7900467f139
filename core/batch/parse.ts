/**
 * Step 1 of batch processing (SPEC §10.5): parse every spec of every option,
 * collecting all issues, and the issue ordering of `invalid_spec`.
 *
 * @module
 */
import {
  BATCH_LIMITS,
  type CriterionSpec,
  type DepSpec,
  type Issue,
  issue,
  type ItemSpec,
  parseCriterionSpec,
  parseDepSpec,
  parseItemSpec,
  type SpecOption,
  type SpecSource,
} from "./spec.ts";

/** Raw specs of one command, by option. */
export interface SpecLists {
  tasks?: readonly string[];
  subtasks?: readonly string[];
  deps?: readonly string[];
  criteria?: readonly string[];
}

/** Every spec of one command, parsed. */
export interface ParsedBatch {
  tasks: ItemSpec[];
  subtasks: ItemSpec[];
  deps: DepSpec[];
  criteria: CriterionSpec[];
  issues: Issue[];
}

const ORDER: Record<SpecOption, number> = {
  "--task": 0,
  "--subtask": 1,
  "--dep": 2,
  "--criterion": 3,
};

/** Issues in option order, then index order (stable within one spec). */
export function sortIssues(issues: Issue[]): Issue[] {
  return issues
    .map((x, i) => [x, i] as const)
    .sort((a, b) =>
      ORDER[a[0].option] - ORDER[b[0].option] || a[0].index - b[0].index || a[1] - b[1]
    )
    .map(([x]) => x);
}

/**
 * Parses all specs. `subtaskParent`: `--subtask` specs start with a parent
 * reference (epic create/expand). Specs past the 5,000th are not parsed; the
 * first of them gets `too_many_specs`.
 */
export function parseBatch(lists: SpecLists, o: { subtaskParent: boolean }): ParsedBatch {
  const out: ParsedBatch = { tasks: [], subtasks: [], deps: [], criteria: [], issues: [] };
  let total = 0;
  let overflow = false;
  const each = (
    option: SpecOption,
    raws: readonly string[] | undefined,
    fn: (s: SpecSource) => void,
  ) => {
    (raws ?? []).forEach((raw, i) => {
      const src = { option, index: i + 1, raw };
      if (++total > BATCH_LIMITS.specs) {
        if (!overflow) {
          out.issues.push(issue(
            src,
            null,
            "too_many_specs",
            `${option} ${i + 1}: a batch may contain at most ${BATCH_LIMITS.specs} specs in total`,
          ));
        }
        overflow = true;
        return;
      }
      fn(src);
    });
  };
  each("--task", lists.tasks, (s) => {
    out.tasks.push(parseItemSpec(s, { parent: false, forTask: true }, out.issues));
  });
  each("--subtask", lists.subtasks, (s) => {
    out.subtasks.push(
      parseItemSpec(s, { parent: o.subtaskParent, forTask: false }, out.issues),
    );
  });
  each("--dep", lists.deps, (s) => out.deps.push(parseDepSpec(s, out.issues)));
  each("--criterion", lists.criteria, (s) => {
    out.criteria.push(parseCriterionSpec(s, out.issues));
  });
  return out;
}
