import { ukToday, startOfUkDay } from "~/domain/dates";
import { config } from "~/server/platform/config.server";
import { database } from "~/server/platform/db.server";
import { keptPublicDocument } from "~/server/public/public-cache.server";
import { publicPlanOf } from "~/server/public/public-plan.server";
import { publicDocumentResponse, publicNotFoundResponse } from "~/server/public/public-responses.server";
import { publicNotFoundHtml, publicPlanHtml } from "./pages";
import { publicPlanView } from "./view";
import type { Route } from "./+types/plan";

// A published plan for anyone: no sign-in, no cookie read or set (the root
// middleware passes /public by), answered from the kept page.

export async function loader({ request, params }: Route.LoaderArgs) {
  const handle = await database();
  const document = await keptPublicDocument(handle, { kind: "plan", slug: params.slug, planId: params.planId }, async () => {
    const today = ukToday();
    const data = await publicPlanOf(handle.db, params.slug, params.planId, today);
    if (!data) return null;
    return {
      body: publicPlanHtml(publicPlanView(data, today, config.publicUrl)),
      contentType: "text/html; charset=utf-8",
      // Ratings turn with the date as well as with changes.
      lastModified: latest(data.plan.lastChangeAt, startOfUkDay(today)),
    };
  });
  return document ? publicDocumentResponse(request, document) : publicNotFoundResponse(publicNotFoundHtml());
}

function latest(a: Date, b: Date): Date {
  return a > b ? a : b;
}
