/** History tab: the item's events newest first (time, actor, operation, field old → new, source), "load more". */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../_lib/api.ts";
import { dateTime } from "../_lib/format.ts";

interface HistoryEvent {
  id: string;
  itemId: string;
  itemKind: string;
  op: string;
  changes: { field: string; old: unknown; new: unknown }[];
  actor: string;
  at: string;
  source: string;
  command: string | null;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "∅";
  if (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v)) return dateTime(v);
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

export function History({ id, version }: { id: string; version: number }) {
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState("");
  const load = async (after: string | null) => {
    setState("loading");
    try {
      const q = new URLSearchParams({ limit: "50" });
      if (after) q.set("cursor", after);
      const data = await api(`GET`, `/api/items/${id}/history?${q}`);
      setEvents((prev) => (after ? [...prev, ...data.events] : data.events));
      setCursor(data.page?.nextCursor ?? null);
      setState("ready");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setState("error");
    }
  };
  useEffect(() => {
    load(null);
  }, [id, version]);
  if (state === "error") return <p class="muted">History is unavailable: {error}</p>;
  return (
    <div class="history">
      {events.length === 0 && state === "ready" && <p class="muted">No events yet.</p>}
      <ol class="timeline">
        {events.map((ev) => (
          <li key={ev.id} class={`event op-${ev.op}`}>
            <span class="event-dot" aria-hidden="true" />
            <div class="event-body">
              <p class="event-head">
                <strong>{ev.actor}</strong> <span class="event-op">{ev.op.replace("_", " ")}</span>
                {ev.itemId !== id && <code class="event-item">{ev.itemId}</code>}
                <span class="muted">
                  {" · "}
                  {dateTime(ev.at)} · {ev.source}
                  {ev.command ? ` ${ev.command}` : ""}
                </span>
              </p>
              {ev.op !== "create" && ev.changes.length > 0 && (
                <ul class="changes">
                  {ev.changes.map((c) => (
                    <li key={c.field}>
                      <span class="change-field">{c.field}</span>{" "}
                      <span class="old">{show(c.old)}</span> →{" "}
                      <span class="new">{show(c.new)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ol>
      {state === "loading" && <p class="muted small">Loading…</p>}
      {cursor && state === "ready" && (
        <button
          type="button"
          class="button small"
          onClick={() => load(cursor)}
        >
          Load more
        </button>
      )}
    </div>
  );
}
