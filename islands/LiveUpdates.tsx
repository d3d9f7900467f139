/** The live-update client and its connection indicator (live / reconnecting… / offline). */
import { useEffect } from "preact/hooks";
import { useBoard } from "./_lib/context.ts";
import { connectStream } from "./_lib/sse.ts";

const LABEL = { live: "live", reconnecting: "reconnecting…", offline: "offline" } as const;

export default function LiveUpdates() {
  const store = useBoard();
  useEffect(() => connectStream(store), [store]);
  return (
    <span
      class={`conn conn-${store.conn}`}
      role="status"
      title={`Live updates: ${LABEL[store.conn]}`}
    >
      <span class="conn-dot" aria-hidden="true" />
      <span class="conn-label">{LABEL[store.conn]}</span>
    </span>
  );
}
