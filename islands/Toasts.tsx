/** Toast region: refusals and notices, announced politely. */
import { useBoard } from "./_lib/context.ts";
import { CloseIcon } from "./_components/icons.tsx";

export default function Toasts() {
  const store = useBoard();
  return (
    <div class="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {store.toasts.map((t) => (
        <div
          key={t.id}
          class={`toast toast-${t.kind}`}
          role={t.kind === "error" ? "alert" : "status"}
        >
          <div class="toast-body">
            <p class="toast-title">{t.title}</p>
            {t.message && <p class="toast-message">{t.message}</p>}
            {t.lines && t.lines.length > 0 && (
              <ul class="toast-lines">
                {t.lines.slice(0, 6).map((l) => <li key={l}>{l}</li>)}
                {t.lines.length > 6 && <li>… and {t.lines.length - 6} more</li>}
              </ul>
            )}
            {t.action && (
              <button
                type="button"
                class="button small"
                onClick={() => {
                  store.dismiss(t.id);
                  t.action!.run();
                }}
              >
                {t.action.label}
              </button>
            )}
          </div>
          <button
            type="button"
            class="icon-button small"
            aria-label="Dismiss"
            onClick={() => store.dismiss(t.id)}
          >
            <CloseIcon size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
