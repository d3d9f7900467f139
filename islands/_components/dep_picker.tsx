/**
 * Dependency picker: search by id prefix or title; "This epic" first, then
 * "Other epics"; excludes the item itself, its existing prerequisites and
 * every candidate that would close a cycle (checked on the snapshot; the
 * server checks again). Arrow keys choose, Enter adds, Escape closes.
 */
import { useMemo, useRef, useState } from "preact/hooks";
import type { BoardStore } from "../_lib/store.ts";
import type { Item } from "../_lib/types.ts";
import { StatusIcon } from "./icons.tsx";
import { ListOption } from "./ui.tsx";

const PER_GROUP = 50;

/** Every item that (transitively) depends on `id`: adding any of them as a prerequisite closes a cycle. */
export function dependentsClosure(store: BoardStore, id: string): Set<string> {
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const d of store.item(cur)?.dependents ?? []) {
      if (!seen.has(d)) {
        seen.add(d);
        queue.push(d);
      }
    }
  }
  return seen;
}

export function DependencyPicker(
  { store, item, onPick, onClose }: {
    store: BoardStore;
    item: Item;
    onPick: (id: string) => void;
    onClose: () => void;
  },
) {
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => {
    const excluded = dependentsClosure(store, item.id);
    for (const p of item.dependsOn) excluded.add(p);
    const needle = q.trim().toLowerCase();
    const mine: Item[] = [];
    const other: Item[] = [];
    const consider = (c: Item) => {
      if (excluded.has(c.id)) return;
      if (
        needle && !c.id.startsWith(needle) && !c.id.slice(2).startsWith(needle) &&
        !c.title.toLowerCase().includes(needle)
      ) return;
      const bucket = c.epicId === item.epicId ? mine : other;
      if (bucket.length < PER_GROUP) bucket.push(c);
    };
    for (const epic of store.epicList()) {
      for (const t of store.tasksOf(epic.id)) {
        consider(t);
        for (const s of store.subtasksOf(t.id)) consider(s);
      }
    }
    return [{ label: "This epic", items: mine }, { label: "Other epics", items: other }].filter((
      g,
    ) => g.items.length);
  }, [q, store.version, item.id]);
  const flat = groups.flatMap((g) => g.items);
  const pick = (c: Item | undefined) => c && onPick(c.id);
  let n = -1;
  return (
    <div
      class="picker"
      role="dialog"
      aria-label="Add a prerequisite"
      ref={(el) => el?.scrollIntoView({ block: "nearest" })}
    >
      <input
        class="picker-input"
        type="search"
        placeholder="Search by title or id…"
        aria-label="Search prerequisites"
        role="combobox"
        aria-expanded="true"
        aria-controls="picker-list"
        aria-activedescendant={flat[active] ? `pk-${flat[active]!.id}` : undefined}
        value={q}
        ref={(el) => el?.focus()}
        onInput={(e) => {
          setQ((e.target as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, flat.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            pick(flat[active]);
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <div class="picker-list" id="picker-list" role="listbox" ref={list}>
        {groups.length === 0 && (
          <p class="muted small pad">No candidates{q ? ` for “${q}”` : ""}.</p>
        )}
        {groups.map((g) => (
          <div key={g.label} role="group" aria-label={g.label}>
            <p class="picker-group">{g.label}</p>
            {g.items.map((c) => {
              n++;
              const i = n;
              return (
                <ListOption
                  key={c.id}
                  id={`pk-${c.id}`}
                  class="picker-item"
                  active={i === active}
                  onChoose={() => pick(c)}
                  onHover={() => setActive(i)}
                >
                  <StatusIcon status={c.status} />
                  <span class="picker-title" title={c.title}>{c.title}</span>
                  <span class="picker-kind">{c.kind}</span>
                  <code class="picker-id">{c.id.slice(0, 6)}</code>
                </ListOption>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
