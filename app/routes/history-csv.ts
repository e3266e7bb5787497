import { csvCell, downloadFilename } from "~/domain/csv";
import { actorInWords, describeActor, describeChange, parseHistoryFilters } from "~/domain/history";
import { planHistoryPage } from "~/server/plans/history.server";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

const PAGE = 500;
// Role and sector in words as the pages give them, their codes at the end for
// spreadsheets that filter on them; new columns only ever go at the end.
const COLUMNS = [
  "event_id",
  "occurred_at_utc",
  "actor",
  "actor_role",
  "actor_sector",
  "action",
  "kind",
  "description",
  "changes",
  "actor_role_code",
  "actor_sector_code",
];

/** The plan's history as CSV, with the page's filters, streamed a page at a time. */
export const loader = pageLoader(planScope("plan.viewHistory"), async ({ plan, db, url }) => {
  const filters = parseHistoryFilters(url.searchParams);
  const encoder = new TextEncoder();
  let beforeId: number | null = null;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark so spreadsheet programs read the text as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${COLUMNS.join(",")}\r\n`));
    },
    async pull(controller) {
      const rows = await planHistoryPage(db, plan.id, filters, { beforeId, size: PAGE });
      for (const row of rows) {
        const actor = actorInWords(row);
        const cells = [
          String(row.id),
          row.occurredAt.toISOString(),
          row.actorName ?? (row.actorRole === "system" ? "Partnership Board" : ""),
          actor.role,
          actor.sector,
          row.reference ?? "",
          `${row.entityType}.${row.verb}`,
          `${describeActor(row)} ${describeChange(row)}`,
          JSON.stringify(row.changes),
          row.actorRole ?? "",
          row.actorSector ?? "",
        ];
        controller.enqueue(encoder.encode(`${cells.map(csvCell).join(",")}\r\n`));
      }
      if (rows.length < PAGE) controller.close();
      else beforeId = rows.at(-1)!.id;
    },
  });

  const filename = downloadFilename(plan.title, "history.csv");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
