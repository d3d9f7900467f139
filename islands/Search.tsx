/**
 * Global search (`/` to focus): results as you type over titles,
 * descriptions, criteria, owners and ids of every epic, grouped by epic;
 * arrows choose, Enter opens, Escape clears. The text is kept in `q=`.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useBoard } from "./_lib/context.ts";
import { shortcutAllowed } from "./_lib/keys.ts";
import { openItem } from "./_lib/nav.ts";
import { type Hit, searchBoard } from "./_lib/search.ts";
import { SearchIcon, StatusIcon } from "./_components/icons.tsx";
import { Kbd, ListOption } from "./_components/ui.tsx";

const FIELD_LABEL: Record<Hit["field"], string> = {
  id: "id",
  title: "title",
  description: "description",
  criteria: "criterion",
  owner: "owner",
};

export default function Search() {
  const store = useBoard();
  const q = store.param("q") ?? "";
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const groups = useMemo(() => (open ? searchBoard(store, q, 8) : []), [open, q, store.version]);
  const flat = groups.flatMap((g) => g.hits);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "/" && shortcutAllowed(e)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    setOpen(false);
    input.current?.blur();
    openItem(store, hit);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, flat.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(flat[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      if (q) store.navigate({ q: null }, { replace: true });
      else input.current?.blur();
      setOpen(false);
    }
  };

  let n = -1;
  return (
    <div class={`search${open && q ? " open" : ""}`}>
      <label class="search-box">
        <SearchIcon size={14} />
        <input
          ref={input}
          type="search"
          placeholder="Search tasks, ids, owners…"
          aria-label="Search"
          aria-expanded={open && q !== ""}
          aria-controls="search-results"
          aria-activedescendant={open && flat[active] ? `sr-${flat[active]!.id}` : undefined}
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          value={q}
          onInput={(e) => {
            setActive(0);
            setOpen(true);
            store.navigate({ q: (e.target as HTMLInputElement).value || null }, { replace: true });
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        {!q && <Kbd>/</Kbd>}
      </label>
      {open && q && (
        <div class="search-results" id="search-results" role="listbox" aria-label="Search results">
          {groups.length === 0 && <p class="search-empty">No matches for “{q}”</p>}
          {groups.map((g) => (
            <div class="search-group" key={g.epicId} role="group" aria-label={g.epicTitle}>
              <p class="search-group-title">{g.epicTitle}</p>
              {g.hits.map((h) => {
                n++;
                const i = n;
                return (
                  <ListOption
                    key={h.id}
                    id={`sr-${h.id}`}
                    class="search-hit"
                    active={i === active}
                    onChoose={() => choose(h)}
                    onHover={() =>
                      setActive(i)}
                  >
                    {h.kind === "criterion"
                      ? <span class="crit-dot" />
                      : <StatusIcon status={h.status} />}
                    <span class="hit-main">
                      <span class="hit-title" title={h.title}>{h.title}</span>
                      {h.snippet && <span class="hit-snippet">{h.snippet}</span>}
                    </span>
                    <span class="hit-meta">
                      <span class="hit-field">{FIELD_LABEL[h.field]}</span>
                      <span class="hit-id">{h.id.slice(0, 6)}</span>
                    </span>
                  </ListOption>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
