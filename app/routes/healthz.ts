import { checkDatabase } from "~/server/platform/db.server";
import type { Route } from "./+types/healthz";

// For load balancers and uptime checks: no session, no HTML, never cached.
export async function loader(_: Route.LoaderArgs) {
  const { engine, reachable } = await checkDatabase();
  return Response.json(
    { status: reachable ? "ok" : "unavailable", database: engine },
    { status: reachable ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
