import { data } from "react-router";
import { addDaysTo, isRealDate, ukToday } from "~/domain/dates";
import { loadPlanStatus } from "~/server/status/status.server";
import paperStyles from "~/styles/paper.css?url";
import statusStyles from "~/styles/status.css?url";
import { StatusPage } from "./status-page";
import { statusView } from "./view";
import type { Route } from "./+types/route";
import { pageLoader, planScope } from "~/server/http/pipeline.server";
import { can } from "~/domain/policy";
import { planTarget } from "~/server/platform/plan-data.server";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Status of ${loaderData?.view.planTitle ?? "the plan"} – Partnership Board` }];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: paperStyles },
  { rel: "stylesheet", href: statusStyles },
];

/** "Since the last meeting" starts this many days back unless the reader picks a date. */
const DEFAULT_SINCE_DAYS = 30;

export const loader = pageLoader(planScope("plan.view"), async ({ membership, plan, db, url }) => {
  const now = new Date();
  const today = ukToday(now);
  const asked = url.searchParams.get("since");
  const sinceError = asked === null || asked === "" ? null : sinceProblem(asked, today);
  const since = asked && !sinceError ? asked : addDaysTo(today, -DEFAULT_SINCE_DAYS);
  const status = await loadPlanStatus(db, plan, { since, now });
  const reply = {
    slug: membership.partnership.slug,
    planId: plan.id,
    view: statusView(status, plan, { since, now }),
    sinceError: sinceError ? { value: asked, message: sinceError } : null,
    // Only those who may add indicators are sent to the page where they are added.
    canEditOutcomes: can(membership.actor, "outcome.edit", planTarget(plan)),
  };
  // A date the page cannot use is the reader's mistake: say so, and show the default.
  return sinceError ? data(reply, { status: 400 }) : reply;
});

function sinceProblem(value: string, today: string): string | null {
  if (!isRealDate(value)) return "Enter a real date, for example 2026-10-01";
  if (value > today) return "Choose a date that is not in the future";
  return null;
}

export default function Status({ loaderData }: Route.ComponentProps) {
  return <StatusPage {...loaderData} />;
}
