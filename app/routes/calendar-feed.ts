import { config } from "~/server/platform/config.server";
import { calendarFeedOwner, calendarFeedText } from "~/server/calendar/calendar-feeds.server";
import { getDb } from "~/server/platform/db.server";
import type { Route } from "./+types/calendar-feed";

// A person's deadlines for their calendar app, which fetches this without a
// session: the token in the address is the only key. An unknown, reset or
// turned-off one gets a plain 404, never a sign-in page a calendar cannot use.

export async function loader({ request, params }: Route.LoaderArgs) {
  const token = /^(.+)\.ics$/.exec(params.feed)?.[1] ?? "";
  const db = await getDb();
  const owner = await calendarFeedOwner(db, token);
  if (!owner) {
    return new Response("There is no calendar at this address. It may have been reset or turned off: find the current link under Your account.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  // PUBLIC_URL when set, as reset links are: the Host header is the client's to choose.
  const origin = config.publicUrl ?? new URL(request.url).origin;
  return new Response(await calendarFeedText(db, owner, origin), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="deadlines.ics"',
      // Cache-Control stays the site's no-store: a kept copy could outlive a reset, which must end the
      // address at once. Calendar apps poll on their own schedule anyway (the feed suggests hourly).
      "X-Robots-Tag": "noindex",
    },
  });
}
