/** `GET /`: the epics overview. */
import { page, pageData } from "./_lib/html.ts";
import { renderPage } from "./_lib/page.tsx";
import Overview from "../islands/Overview.tsx";
import TaskModal from "../islands/TaskModal.tsx";

export const GET = page((_c, board, url) => {
  const { data, snapshotJson } = pageData(board, { kind: "overview" }, url);
  return renderPage({
    title: `${data.snapshot.repo.name} · cairn`,
    data,
    snapshotJson,
    main: (r) => (
      <>
        {r.island("Overview", Overview, {})}
        {r.island("TaskModal", TaskModal, {})}
      </>
    ),
  });
});
