import { publicPartnershipPath } from "~/domain/public-pages";
import { config } from "~/server/platform/config.server";
import { database } from "~/server/platform/db.server";
import { keptPublicDocument } from "~/server/public/public-cache.server";
import { publishedPlansOf } from "~/server/public/public-plan.server";
import { publicDocumentResponse, publicNotFoundResponse } from "~/server/public/public-responses.server";
import { publicNotFoundHtml, publicPartnershipHtml } from "./pages";
import type { Route } from "./+types/partnership";

// The plans a partnership publishes. One with none published answers as one
// that does not exist.

export async function loader({ request, params }: Route.LoaderArgs) {
  const handle = await database();
  const document = await keptPublicDocument(handle, { kind: "partnership", slug: params.slug }, async () => {
    const published = await publishedPlansOf(handle.db, params.slug);
    if (!published) return null;
    return {
      body: publicPartnershipHtml(published.partnership, published.plans, `${config.publicUrl ?? ""}${publicPartnershipPath(published.partnership.slug)}`),
      contentType: "text/html; charset=utf-8",
      lastModified: published.plans.map((plan) => plan.publishedAt).reduce((a, b) => (a > b ? a : b)),
    };
  });
  return document ? publicDocumentResponse(request, document) : publicNotFoundResponse(publicNotFoundHtml());
}
