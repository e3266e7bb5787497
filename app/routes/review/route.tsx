import { formatDateTime, ukToday } from "~/domain/dates";
import { isUuid } from "~/domain/ids";
import { REVIEW_INTENT } from "~/domain/intents";
import { REVIEW_FORMS } from "./forms";
import { contentOf, statesAtTheSnapshot, workOf } from "./view";
import { can } from "~/domain/policy";
import { changesSince } from "~/domain/reviews";
import type { getDb } from "~/server/platform/db.server";
import { type FormTools, intentAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { notFound } from "~/server/auth/guards.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { actionStatesOf, actionWorkSince, facilitatorChoices, previousReviewTakenAt, reviewOf, type ReviewData } from "~/server/reviews/review-data.server";
import {
  addBarrier,
  addRecommendation,
  removeBarrier,
  removeRecommendation,
  saveAssessment,
  saveObstacleFinding,
  saveSummary,
  updateBarrier,
  updateRecommendation,
} from "~/server/reviews/review-writing.server";
import { addAddendum, openReview, publishReview, respondToRecommendation, reviewTarget, updateReviewSchedule } from "~/server/reviews/reviews.server";
import { failed, succeeded } from "~/server/http/write-result.server";
import { dueOnOrDefault, NO_DUE_DATE } from "~/components/schedule-form";
import { InputError } from "~/server/platform/errors.server";
import { ReviewPage } from "./review-page";
import type { Route } from "./+types/route";
import paperStyles from "~/styles/paper.css?url";
import reviewStyles from "~/styles/reviews.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: paperStyles },
  { rel: "stylesheet", href: reviewStyles },
];

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.review.title ?? "Review"} – Partnership Board` }];

export const loader = pageLoader(
  (args: Route.LoaderArgs) => planScope("review.viewPublished")(args),
  async ({ membership, plan, db, params }) => {
    const review = await reviewOf(db, plan, params.reviewId);
    if (!review) throw notFound();
    const actor = membership.actor;
    const target = planTarget(plan, reviewTarget({ facilitatorUserIds: review.facilitators.map((facilitator) => facilitator.userId) }));
    const published = review.status === "published";
    const may = {
      viewDraft: can(actor, "review.viewDraft", target),
      schedule: can(actor, "review.schedule", target) && !published,
      open: can(actor, "review.open", target) && review.status === "draft",
      write: can(actor, "review.write", target) && review.status === "open",
      addAddendum: can(actor, "review.write", target) && published,
      respond: can(actor, "review.respond", target) && published,
    };
    // Drafts are for those who run the review; members and observers read it once published.
    if (!published && !may.viewDraft && !may.schedule) throw notFound();
    const showContent = published || may.viewDraft;

    const [facilitators, since, work] = await Promise.all([
      may.schedule ? facilitatorChoices(db, plan.partnershipId) : [],
      published && review.snapshot ? sinceTheReview(db, plan.id, review.snapshot) : null,
      may.write && review.openedAt ? workSinceLastReview(db, plan.id, review.openedAt) : null,
    ]);

    return {
      slug: membership.partnership.slug,
      plan: { id: plan.id, title: plan.title },
      today: ukToday(),
      review: {
        id: review.id,
        kind: review.kind,
        title: review.title,
        dueOn: review.dueOn,
        status: review.status,
        facilitators: review.facilitators,
        openedAt: review.openedAt ? formatDateTime(review.openedAt) : null,
        publishedAt: review.publishedAt ? formatDateTime(review.publishedAt) : null,
      },
      content: showContent && review.snapshot ? contentOf(review) : null,
      since,
      work,
      may,
      schedule: may.schedule
        ? {
            facilitators,
            planStart: plan.periodStart,
            defaults: {
              kind: review.kind,
              title: review.title,
              dueOn: review.dueOn,
              facilitatorUserIds: review.facilitators.map((facilitator) => facilitator.userId),
            },
          }
        : null,
    };
  },
);

async function sinceTheReview(db: Awaited<ReturnType<typeof getDb>>, planId: string, snapshot: NonNullable<ReviewData["snapshot"]>) {
  return changesSince(statesAtTheSnapshot(snapshot), await actionStatesOf(db, planId));
}

/** For each action, its notes and history since the plan's previous review, for the facilitators' workspace. */
async function workSinceLastReview(db: Awaited<ReturnType<typeof getDb>>, planId: string, openedAt: Date) {
  const since = await previousReviewTakenAt(db, planId, openedAt);
  const byAction = await actionWorkSince(db, planId, since);
  return workOf(since, byAction);
}

/** The review of the URL, or a 404 before the body is read. */
async function reviewScope(args: Route.ActionArgs) {
  if (!isUuid(args.params.reviewId)) throw notFound();
  return { ...(await planScope()(args)), reviewId: args.params.reviewId };
}
type ReviewScope = Awaited<ReturnType<typeof reviewScope>> & FormTools;

/**
 * Every review form answers alike: its notice and, for a text kept by version, its new
 * version number; or, when a colleague saved first, their text to set beside the writer's.
 */
async function savedInReview(notice: string, change: () => Promise<unknown>, { write }: ReviewScope) {
  const result = await write(change);
  if (!result.ok) {
    return result.failure.status === 409 && result.failure.current ? failed(result.failure, { current: result.failure.current }) : result.response;
  }
  return succeeded(notice, { version: typeof result.value === "number" ? result.value : undefined });
}

export const action = intentAction({
  scope: reviewScope,
  forms: REVIEW_FORMS,
  run: {
    [REVIEW_INTENT.reschedule]: (input, scope) =>
      savedInReview(
        "Schedule saved.",
        async () => {
          const dueOn = dueOnOrDefault(input, scope.plan.periodStart);
          if (!dueOn) throw new InputError("dueOn", NO_DUE_DATE);
          const schedule = { kind: input.kind, title: input.title, dueOn, facilitatorUserIds: input.facilitatorUserIds };
          await updateReviewSchedule(scope.db, scope.membership.actor, scope.plan, scope.reviewId, schedule);
        },
        scope,
      ),
    [REVIEW_INTENT.open]: (_input, scope) =>
      savedInReview(
        "The review is open, and the plan as it stands now is its snapshot.",
        () => openReview(scope.db, scope.membership.actor, scope.plan, scope.reviewId),
        scope,
      ),
    [REVIEW_INTENT.publish]: (_input, scope) =>
      savedInReview(
        "Published. Everyone who can see the plan can now read the review.",
        () => publishReview(scope.db, scope.membership.actor, scope.plan, scope.reviewId),
        scope,
      ),
    [REVIEW_INTENT.assess]: ({ actionId, ...assessment }, scope) =>
      savedInReview("Assessment saved.", () => saveAssessment(scope.db, scope.membership.actor, scope.plan, scope.reviewId, actionId, assessment), scope),
    [REVIEW_INTENT.findObstacle]: ({ obstacleCategoryId, ...finding }, scope) =>
      savedInReview(
        "Finding saved.",
        () => saveObstacleFinding(scope.db, scope.membership.actor, scope.plan, scope.reviewId, obstacleCategoryId, finding),
        scope,
      ),
    [REVIEW_INTENT.saveSummary]: (input, scope) =>
      savedInReview("Summary saved.", () => saveSummary(scope.db, scope.membership.actor, scope.plan, scope.reviewId, input), scope),
    [REVIEW_INTENT.addBarrier]: (input, scope) =>
      savedInReview("Barrier added.", () => addBarrier(scope.db, scope.membership.actor, scope.plan, scope.reviewId, barrierOf(input)), scope),
    [REVIEW_INTENT.updateBarrier]: (input, scope) =>
      savedInReview(
        "Barrier saved.",
        () => updateBarrier(scope.db, scope.membership.actor, scope.plan, scope.reviewId, input.barrierId, { ...barrierOf(input), version: input.version }),
        scope,
      ),
    [REVIEW_INTENT.removeBarrier]: (input, scope) =>
      savedInReview("Barrier removed.", () => removeBarrier(scope.db, scope.membership.actor, scope.plan, scope.reviewId, input.barrierId), scope),
    [REVIEW_INTENT.addRecommendation]: (input, scope) =>
      savedInReview("Recommendation added.", () => addRecommendation(scope.db, scope.membership.actor, scope.plan, scope.reviewId, input.body), scope),
    [REVIEW_INTENT.updateRecommendation]: ({ recommendationId, ...edit }, scope) =>
      savedInReview(
        "Recommendation saved.",
        () => updateRecommendation(scope.db, scope.membership.actor, scope.plan, scope.reviewId, recommendationId, edit),
        scope,
      ),
    [REVIEW_INTENT.removeRecommendation]: (input, scope) =>
      savedInReview(
        "Recommendation removed.",
        () => removeRecommendation(scope.db, scope.membership.actor, scope.plan, scope.reviewId, input.recommendationId),
        scope,
      ),
    [REVIEW_INTENT.addAddendum]: (input, scope) =>
      savedInReview("Addendum added.", () => addAddendum(scope.db, scope.membership.actor, scope.plan, scope.reviewId, input.body), scope),
    [REVIEW_INTENT.respond]: ({ recommendationId, ...response }, scope) =>
      savedInReview(
        "Response saved.",
        () => respondToRecommendation(scope.db, scope.membership.actor, scope.plan, scope.reviewId, recommendationId, response),
        scope,
      ),
  },
});

function barrierOf(input: { name: string; obstacleCategoryId: string | null; description: string }) {
  return { name: input.name, obstacleCategoryId: input.obstacleCategoryId, description: input.description };
}

export default function ReviewRoute({ loaderData, actionData }: Route.ComponentProps) {
  return <ReviewPage {...loaderData} reply={actionData ?? null} />;
}
