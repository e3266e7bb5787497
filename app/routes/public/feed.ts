import { config } from "~/server/platform/config.server";
import { database } from "~/server/platform/db.server";
import { keptPublicDocument } from "~/server/public/public-cache.server";
import { publicFeedText } from "~/server/public/public-feed.server";
import { publicFeedOf } from "~/server/public/public-plan.server";
import { publicDocumentResponse, publicNotFoundResponse } from "~/server/public/public-responses.server";
import { publicNotFoundHtml } from "./pages";
import type { Route } from "./+types/feed";

// A published plan's Atom feed of completions confirmed and reviews published.

export async function loader({ request, params }: Route.LoaderArgs) {
  const handle = await database();
  // A feed's links must be whole addresses: PUBLIC_URL's, or else the one this request came to.
  const origin = config.publicUrl ?? new URL(request.url).origin;
  const document = await keptPublicDocument(handle, { kind: "feed", slug: params.slug, planId: params.planId, origin }, async () => {
    const data = await publicFeedOf(handle.db, params.slug, params.planId);
    if (!data) return null;
    return {
      body: publicFeedText(data, origin),
      contentType: "application/atom+xml; charset=utf-8",
      lastModified: data.plan.lastChangeAt,
    };
  });
  return document ? publicDocumentResponse(request, document) : publicNotFoundResponse(publicNotFoundHtml());
}
