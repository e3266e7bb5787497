import { downloadFilename } from "~/domain/csv";
import { planJsonDocument } from "~/domain/plan-json";
import { loadPlanExport } from "~/server/exchange/plan-export.server";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

/** The whole plan as JSON (format in app/domain/plan-json.ts), which the import reads back: for everyone who can see the plan. */
export const loader = pageLoader(planScope("plan.view"), async ({ plan, db }) => {
  const { source } = await loadPlanExport(db, plan, new Date());
  return new Response(`${JSON.stringify(planJsonDocument(source), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadFilename(plan.title, "plan.json")}"`,
      "Cache-Control": "no-store",
    },
  });
});
