import { NavLink, Outlet, type ShouldRevalidateFunction } from "react-router";
import { formatDueDate, ukToday } from "~/domain/dates";
import { reviewDueWords } from "~/domain/reviews";
import { latestPublishedReviewOf } from "~/server/plans/board.server";
import { nextReviewOf } from "~/server/reviews/review-data.server";
import { getDb } from "~/server/platform/db.server";
import { getMembership, notFound, recordRefusal, forbidden } from "~/server/auth/guards.server";
import { planContext } from "~/server/plans/plan-context.server";
import { loadPlan } from "~/server/platform/plan-data.server";
import { can } from "~/domain/policy";
import { SAFE_METHODS } from "~/server/platform/request-context.server";
import type { Route } from "./+types/layout";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

/**
 * Every route under a plan: the plan must belong to this partnership (404
 * otherwise), and someone who may change nothing in it (an observer) is
 * refused before any route reads the request body.
 */
const planMiddleware: Route.MiddlewareFunction = async ({ request, params, context }, next) => {
  const membership = getMembership(context);
  const plan = await loadPlan(await getDb(), membership.partnership.id, params.planId);
  if (!plan) throw notFound();
  if (!SAFE_METHODS.has(request.method) && !can(membership.actor, "plan.submitForms", { partnershipId: plan.partnershipId })) {
    await recordRefusal(membership, "plan.submitForms", request, plan.id);
    throw forbidden();
  }
  context.set(planContext, plan);
  return next();
};

export const middleware: Route.MiddlewareFunction[] = [planMiddleware];

/** What every page of the plan shows above its own content: the next review, for everyone. */
export const loader = pageLoader(planScope(), async ({ membership, plan, db }) => {
  const next = await nextReviewOf(db, plan.id);
  const latest = next ? null : await latestPublishedReviewOf(db, plan.id);
  return {
    planPath: `/p/${membership.partnership.slug}/plans/${plan.id}`,
    nextReview: next ? { id: next.id, ...reviewDueWords(next, ukToday()) } : null,
    latestPublished: latest?.publishedAt ? { title: latest.title, on: formatDueDate(ukToday(latest.publishedAt)) } : null,
  };
});

/**
 * The next review changes only through the reviews' own forms: the board's
 * moves and live updates, which revalidate often, leave this loader alone.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentParams, nextParams, formAction, defaultShouldRevalidate }) => {
  if (currentParams.planId !== nextParams.planId) return defaultShouldRevalidate;
  return formAction?.includes("/reviews") ? defaultShouldRevalidate : false;
};

export default function PlanLayout({ loaderData }: Route.ComponentProps) {
  const { nextReview, latestPublished, planPath } = loaderData;
  return (
    <>
      <p className="plan-bar no-print">
        {nextReview ? (
          <span className={nextReview.overdue ? "plan-bar__review plan-bar__review--overdue" : "plan-bar__review"}>{nextReview.text}.</span>
        ) : (
          <span className="plan-bar__review">
            No review scheduled{latestPublished ? `; the ${latestPublished.title} was published ${latestPublished.on}` : ""}.
          </span>
        )}{" "}
        {/* NavLink marks the page the reader is on (aria-current). */}
        <NavLink to={`${planPath}/status`}>Status</NavLink> <NavLink to={`${planPath}/outcomes`}>Outcomes</NavLink>{" "}
        <NavLink to={`${planPath}/reviews`}>Reviews</NavLink>
      </p>
      <Outlet />
    </>
  );
}
