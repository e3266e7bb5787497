import { downloadFilename } from "~/domain/csv";
import { planJsonDocument } from "~/domain/plan-json";
import { getDb } from "~/server/platform/db.server";
import { getMembership, requirePermission } from "~/server/auth/guards.server";
import { loadPlanExport } from "~/server/exchange/plan-export.server";
import { getPlan } from "~/server/plans/plan-context.server";
import type { Route } from "./+types/plan-json";

/** The whole plan as JSON (format in app/domain/plan-json.ts), which the import reads back: for everyone who can see the plan. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  await requirePermission(membership, "plan.view", { plan }, request);
  const { source } = await loadPlanExport(await getDb(), plan, new Date());
  return new Response(`${JSON.stringify(planJsonDocument(source), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadFilename(plan.title, "plan.json")}"`,
      "Cache-Control": "no-store",
    },
  });
}
