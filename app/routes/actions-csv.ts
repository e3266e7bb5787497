import { csvCell, downloadFilename } from "~/domain/csv";
import { ukToday } from "~/domain/dates";
import { isOverdue } from "~/domain/deadlines";
import { ragOf } from "~/domain/rag";
import { actionReference } from "~/domain/references";
import { loadPlanExport } from "~/server/exchange/plan-export.server";
import { RAG_LABELS, SECTOR_LABELS, STATUS_LABELS } from "~/domain/words";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

// The columns are documented in the README ("Taking a plan out"); a spreadsheet
// someone built on them breaks if they move, so add new ones at the end.
const COLUMNS = [
  "objective_number",
  "objective",
  "action_number",
  "action",
  "leads",
  "lead_sectors",
  "status",
  "confirmed",
  "rag",
  "due_date",
  "timescale",
  "last_change_utc",
  "latest_note",
  "overdue",
];

/** The plan's actions, one row each, by objective and action number: for everyone who can see the plan. */
export const loader = pageLoader(planScope("plan.view"), async ({ plan, db }) => {
  const now = new Date();
  const today = ukToday(now);
  const { board, source } = await loadPlanExport(db, plan, now);
  const latestNote = new Map(source.notes.map((note) => [note.actionId, note.body]));
  const objectives = new Map(board.objectives.map((objective) => [objective.id, objective]));

  const lines = board.cards
    .map((card) => ({ card, objective: objectives.get(card.objectiveId)! }))
    .sort((a, b) => a.objective.number - b.objective.number || a.card.number - b.card.number)
    .map(({ card, objective }) => {
      const confirmedDone = card.completion?.confirmed ?? false;
      return [
        String(objective.number),
        objective.title,
        actionReference(objective.number, card.number),
        card.title,
        card.leads.map((lead) => lead.name).join("; "),
        card.leads.map((lead) => (lead.kind === "outside" ? "Outside body" : lead.sector ? SECTOR_LABELS[lead.sector] : "")).join("; "),
        STATUS_LABELS[card.status],
        card.status === "done" ? (confirmedDone ? "yes" : "no") : "",
        RAG_LABELS[ragOf({ status: card.status, dueOn: card.dueOn, confirmedDone }, today).rag],
        card.dueOn ?? "",
        card.timescaleText,
        card.updatedAt,
        latestNote.get(card.id) ?? "",
        isOverdue(card, today) ? "yes" : "",
      ];
    });
  // A byte-order mark so spreadsheet programs read the text as UTF-8.
  const body = `\uFEFF${[COLUMNS, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadFilename(plan.title, "actions.csv")}"`,
      "Cache-Control": "no-store",
    },
  });
});
