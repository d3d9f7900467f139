/** `GET /epics/{id}`: the epic board (kanban or list) with the task modal. */
import { isFullId } from "../../core/mod.ts";
import { htmlResponse, page, pageData } from "../_lib/html.ts";
import { messagePage, renderPage } from "../_lib/page.tsx";
import EpicHeader from "../../islands/EpicHeader.tsx";
import Kanban from "../../islands/Kanban.tsx";
import TaskModal from "../../islands/TaskModal.tsx";

export const GET = page((c, board, url) => {
  const id = c.req.param("id") ?? "";
  const notFound = () =>
    htmlResponse(
      404,
      messagePage(
        "cairn board",
        "No such epic",
        `There is no epic “${id.replace(/[^\w-]/g, "")}”. <a href="/">All epics</a>`,
      ),
    );
  if (!isFullId(id, "epic")) return notFound();
  const { data, snapshotJson } = pageData(board, { kind: "epic", epicId: id }, url);
  const epic = data.snapshot.epics.find((e) => e.id === id);
  if (!epic) return notFound();
  return renderPage({
    title: `${epic.title} · ${data.snapshot.repo.name} · cairn`,
    data,
    snapshotJson,
    main: (r) => (
      <div class="epic-page">
        {r.island("EpicHeader", EpicHeader, { epicId: id })}
        {r.island("Kanban", Kanban, { epicId: id })}
        {r.island("TaskModal", TaskModal, {})}
      </div>
    ),
  });
});
