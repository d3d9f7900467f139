/** Form controls shared by dialogs and the task modal. */
import type { Status } from "../_lib/types.ts";
import { statusLabel } from "../_lib/format.ts";

const PRIORITIES: [string, string][] = [
  ["p0", "P0 · Urgent"],
  ["p1", "P1 · High"],
  ["p2", "P2 · Normal"],
  ["p3", "P3 · Low"],
  ["p4", "P4 · Lowest"],
];

/** Priority picker. */
export function PrioritySelect(
  { value, onChange, id, disabled }: {
    value: string;
    onChange: (p: string) => void;
    id?: string;
    disabled?: boolean;
  },
) {
  return (
    <select
      id={id}
      class={`select prio-select prio-${value}`}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
    >
      {PRIORITIES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
    </select>
  );
}

/** Status picker offering only the allowed transitions (and the current status). */
export function StatusSelect(
  { value, allowed, onChange, id, disabledReason }: {
    value: Status;
    allowed: readonly Status[];
    onChange: (s: Status) => void;
    id?: string;
    /** Targets shown but disabled, with the reason in their label. */
    disabledReason?: Partial<Record<Status, string>>;
  },
) {
  const options: Status[] = ["todo", "in_progress", "blocked", "done"];
  return (
    <select
      id={id}
      class={`select status-select s-${value}`}
      value={value}
      onChange={(e) => onChange((e.target as HTMLSelectElement).value as Status)}
    >
      {options.filter((s) => s === value || allowed.includes(s) || disabledReason?.[s]).map((s) => (
        <option
          key={s}
          value={s}
          disabled={s !== value && (!allowed.includes(s) || !!disabledReason?.[s])}
        >
          {statusLabel(s)}
          {disabledReason?.[s] ? ` — ${disabledReason[s]}` : ""}
        </option>
      ))}
    </select>
  );
}
