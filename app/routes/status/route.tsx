import { data } from "react-router";
import { addDaysTo, isRealDate, ukToday } from "~/domain/dates";
import { getDb } from "~/server/platform/db.server";
import { getMembership, requirePermission } from "~/server/auth/guards.server";
import { getPlan } from "~/server/plans/plan-context.server";
import { loadPlanStatus } from "~/server/status/status.server";
import paperStyles from "~/styles/paper.css?url";
import statusStyles from "~/styles/status.css?url";
import { StatusPage } from "./status-page";
import { statusView } from "./view";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Status of ${loaderData?.view.planTitle ?? "the plan"} – Partnership Board` }];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: paperStyles },
  { rel: "stylesheet", href: statusStyles },
];

/** "Since the last meeting" starts this many days back unless the reader picks a date. */
const DEFAULT_SINCE_DAYS = 30;

export async function loader({ request, context, url }: Route.LoaderArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  await requirePermission(membership, "plan.view", { plan }, request);
  const now = new Date();
  const today = ukToday(now);
  const asked = url.searchParams.get("since");
  const sinceError = asked === null || asked === "" ? null : sinceProblem(asked, today);
  const since = asked && !sinceError ? asked : addDaysTo(today, -DEFAULT_SINCE_DAYS);
  const status = await loadPlanStatus(await getDb(), plan, { since, now });
  const reply = {
    slug: membership.partnership.slug,
    planId: plan.id,
    view: statusView(status, plan, { since, now }),
    sinceError: sinceError ? { value: asked, message: sinceError } : null,
  };
  // A date the page cannot use is the reader's mistake: say so, and show the default.
  return sinceError ? data(reply, { status: 400 }) : reply;
}

function sinceProblem(value: string, today: string): string | null {
  if (!isRealDate(value)) return "Enter a real date, for example 2026-10-01";
  if (value > today) return "Choose a date that is not in the future";
  return null;
}

export default function Status({ loaderData }: Route.ComponentProps) {
  return <StatusPage {...loaderData} />;
}
