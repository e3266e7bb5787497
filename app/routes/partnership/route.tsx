import { Link } from "react-router";
import { formatDateTime, ukToday } from "~/domain/dates";
import { can } from "~/domain/policy";
import { attentionOf, actionsSummary } from "~/domain/plan-status";
import { reviewDueWords } from "~/domain/reviews";
import { planOverviewsOf } from "~/server/status/status.server";
import statusStyles from "~/styles/status.css?url";
import { RagCounts } from "~/components/rag";
import { IndicatorStateBadge } from "~/components/outcomes";
import { outcomeViews } from "~/domain/outcome-figures";
import type { Route } from "./+types/route";
import { memberScope, pageLoader } from "~/server/http/pipeline.server";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.partnershipName ?? "Partnership"} – Partnership Board` }];

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: statusStyles }];

/** Every plan at a glance, so that someone on several partnerships sees where to look. */
export const loader = pageLoader(memberScope("partnership.view"), async ({ membership, db }) => {
  const { partnership, actor } = membership;
  const today = ukToday();
  const plans = await planOverviewsOf(db, partnership.id, today);
  return {
    partnershipName: partnership.name,
    slug: partnership.slug,
    plans: plans.map((plan) => {
      const summary = actionsSummary(plan.actions, today);
      return {
        id: plan.id,
        title: plan.title,
        total: summary.total,
        confirmedDone: summary.confirmedDone,
        byRag: summary.byRag,
        overdue: attentionOf(plan.actions, today).overdue.length,
        nextReview: plan.nextReview ? reviewDueWords(plan.nextReview, today) : null,
        lastChange: plan.lastChangeAt ? formatDateTime(plan.lastChangeAt) : null,
        // A line an indicator: the overview needs no objectives, readings or chart.
        outcomes: outcomeViews(plan.outcomes, [], { showRecorders: false }).map((outcome) => ({
          id: outcome.id,
          name: outcome.name,
          state: outcome.state,
          latestText: outcome.latestText,
          targetText: `${outcome.target.valueText} by ${outcome.target.onText}`,
        })),
      };
    }),
    canCreatePlan: can(actor, "plan.create", { partnershipId: partnership.id }),
  };
});

export default function PartnershipPlans({ loaderData }: Route.ComponentProps) {
  const { slug, plans } = loaderData;
  return (
    <>
      <h1>Plans</h1>
      {plans.length === 0 ? (
        <p>There are no plans yet.{loaderData.canCreatePlan ? " Create the first one." : " A partnership admin can create one."}</p>
      ) : (
        <ul className="card-list">
          {plans.map((plan) => (
            <li key={plan.id} className="summary-card plan-overview">
              <h2>
                <Link to={`/p/${slug}/plans/${plan.id}`}>{plan.title}</Link>
              </h2>
              <p>
                {plan.confirmedDone} of {plan.total} actions confirmed done{plan.overdue ? `; ${plan.overdue} overdue` : "; none overdue"}.
              </p>
              <RagCounts counts={plan.byRag} />
              {plan.outcomes.length ? (
                <ul className="overview-outcomes" aria-label={`Outcomes of ${plan.title}`}>
                  {plan.outcomes.map((outcome) => (
                    <li key={outcome.id}>
                      {outcome.name}: <IndicatorStateBadge state={outcome.state} />, {outcome.latestText ? `latest ${outcome.latestText}` : "no reading yet"},
                      target {outcome.targetText}.
                    </li>
                  ))}
                </ul>
              ) : null}
              <p className={plan.nextReview?.overdue ? "plan-overview__review plan-overview__review--overdue" : "plan-overview__review"}>
                {plan.nextReview ? `${plan.nextReview.text}.` : "No review scheduled."}
              </p>
              <p className="hint">{plan.lastChange ? `Last change ${plan.lastChange}.` : "No changes recorded yet."}</p>
              <p>
                <Link to={`/p/${slug}/plans/${plan.id}/status`}>
                  Status<span className="visually-hidden"> of {plan.title}</span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {loaderData.canCreatePlan ? (
        <p>
          <Link className="button" to={`/p/${slug}/plans/new`}>
            Create a plan
          </Link>{" "}
          <Link className="button button--secondary" to={`/p/${slug}/plans/import`}>
            Import a plan from a table
          </Link>
        </p>
      ) : null}
    </>
  );
}
