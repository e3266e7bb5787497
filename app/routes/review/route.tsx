import { z } from "zod";
import { formatDateTime, ukToday } from "~/domain/dates";
import { describeActor, describeChange } from "~/domain/history";
import { isUuid } from "~/domain/ids";
import { REVIEW_INTENT } from "~/domain/intents";
import { can } from "~/domain/policy";
import { actionReference, compareReferences } from "~/domain/references";
import { changesSince } from "~/domain/reviews";
import { ASSESSMENTS, FINDING_RATINGS, RECOMMENDATION_RESPONSES } from "~/domain/vocabulary";
import { getDb } from "~/server/platform/db.server";
import { parseForm, readForm } from "~/server/http/forms.server";
import { getMembership, notFound, requirePermission } from "~/server/auth/guards.server";
import { getPlan } from "~/server/plans/plan-context.server";
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
import { attemptWrite, failed, invalid, refused, succeeded } from "~/server/http/write-result.server";
import { dueOnOrDefault, NO_DUE_DATE, ScheduleForm } from "../reviews/schedule-form";
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

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  await requirePermission(membership, "review.viewPublished", { plan }, request);
  const db = await getDb();
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
          defaults: { kind: review.kind, title: review.title, dueOn: review.dueOn, facilitatorUserIds: review.facilitators.map((facilitator) => facilitator.userId) },
        }
      : null,
  };
}

/** What the review says, laid out as its pages read it: by objective, by obstacle, then barriers and recommendations. */
function contentOf(review: ReviewData) {
  const snapshot = review.snapshot!;
  const assessments = new Map(review.assessments.map((assessment) => [assessment.actionId, assessment]));
  const findings = new Map(review.findings.map((finding) => [finding.obstacleCategoryId, finding]));
  const obstacleNames = new Map(snapshot.obstacles.map((obstacle) => [obstacle.id, obstacle.name]));
  const objectives: Array<{ id: string; number: number; title: string; actions: Array<ReturnType<typeof actionOf>> }> = [];
  function actionOf(action: (typeof snapshot.actions)[number]) {
    const assessment = assessments.get(action.actionId);
    return {
      actionId: action.actionId,
      reference: actionReference(action.objectiveNumber, action.number),
      title: action.title,
      status: action.status,
      confirmedDone: action.confirmedDone,
      dueOn: action.dueOn,
      timescaleText: action.timescaleText,
      leads: action.leads,
      obstacles: action.obstacleIds.map((id) => obstacleNames.get(id) ?? "").filter(Boolean),
      latestNote: action.latestNote ? { ...action.latestNote, at: formatDateTime(action.latestNote.at) } : null,
      assessment: assessment
        ? { value: assessment.assessment, evidence: assessment.evidence, version: assessment.version, by: assessment.updatedByName, at: formatDateTime(assessment.updatedAt) }
        : null,
    };
  }
  const referenceOf = (action: (typeof snapshot.actions)[number]) => actionReference(action.objectiveNumber, action.number);
  for (const action of [...snapshot.actions].sort((a, b) => compareReferences(referenceOf(a), referenceOf(b)))) {
    let objective = objectives.find((candidate) => candidate.id === action.objectiveId);
    if (!objective) {
      objective = { id: action.objectiveId, number: action.objectiveNumber, title: action.objectiveTitle, actions: [] };
      objectives.push(objective);
    }
    objective.actions.push(actionOf(action));
  }
  return {
    takenAt: formatDateTime(snapshot.takenAt),
    summary: review.summary,
    summaryVersion: review.summaryVersion,
    objectives,
    actionCount: snapshot.actions.length,
    assessedCount: snapshot.actions.filter((action) => assessments.has(action.actionId)).length,
    obstacles: snapshot.obstacles.map((obstacle) => {
      const finding = findings.get(obstacle.id);
      return {
        ...obstacle,
        actionCount: snapshot.actions.filter((action) => action.obstacleIds.includes(obstacle.id)).length,
        finding: finding ? { rating: finding.rating, commentary: finding.commentary, version: finding.version, by: finding.updatedByName } : null,
      };
    }),
    barriers: review.barriers.map((barrier) => ({ ...barrier, categoryName: barrier.obstacleCategoryId ? (obstacleNames.get(barrier.obstacleCategoryId) ?? null) : null })),
    recommendations: review.recommendations.map((recommendation) => ({
      id: recommendation.id,
      number: recommendation.number,
      body: recommendation.body,
      version: recommendation.version,
      responses: recommendation.responses.map((response) => ({ id: response.id, response: response.response, body: response.body, author: response.author, at: formatDateTime(response.createdAt) })),
    })),
    addenda: review.addenda.map((addendum) => ({ id: addendum.id, body: addendum.body, author: addendum.author, at: formatDateTime(addendum.createdAt) })),
  };
}

async function sinceTheReview(db: Awaited<ReturnType<typeof getDb>>, planId: string, snapshot: NonNullable<ReviewData["snapshot"]>) {
  const then = snapshot.actions.map((action) => ({
    actionId: action.actionId,
    reference: actionReference(action.objectiveNumber, action.number),
    title: action.title,
    status: action.status,
    confirmedDone: action.confirmedDone,
  }));
  return changesSince(then, await actionStatesOf(db, planId));
}

/** For each action, its notes and history since the plan's previous review, for the facilitators' workspace. */
async function workSinceLastReview(db: Awaited<ReturnType<typeof getDb>>, planId: string, openedAt: Date) {
  const since = await previousReviewTakenAt(db, planId, openedAt);
  const byAction = await actionWorkSince(db, planId, since);
  return {
    since: since ? formatDateTime(since) : null,
    byAction: Object.fromEntries(
      [...byAction].map(([actionId, work]) => [
        actionId,
        {
          notes: work.notes.map((note) => ({ id: note.id, body: note.body, author: note.author, at: formatDateTime(note.createdAt) })),
          events: work.events.map((event) => ({ id: event.id, actor: describeActor(event), change: describeChange(event), at: formatDateTime(event.occurredAt) })),
        },
      ]),
    ),
  };
}

// ── Forms ────────────────────────────────────────────────────────────────

const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(0);
const text = (max: number, what: string) => z.string().trim().max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`).default("");
const required = (max: number, empty: string, what: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`);
const barrierFields = {
  name: required(200, "Name the barrier", "The barrier's name"),
  obstacleCategoryId: z.union([z.literal("new"), z.uuid()], { error: "Choose a category, or mark the barrier as new" }).transform((value) => (value === "new" ? null : value)),
  description: text(10_000, "The description"),
};

const intent = <Intent extends string>(value: Intent) => ({ intent: z.literal(value) });

const FORMS = {
  [REVIEW_INTENT.reschedule]: ScheduleForm.extend(intent(REVIEW_INTENT.reschedule)),
  [REVIEW_INTENT.open]: z.object(intent(REVIEW_INTENT.open)),
  [REVIEW_INTENT.publish]: z.object(intent(REVIEW_INTENT.publish)),
  [REVIEW_INTENT.assess]: z.object({
    ...intent(REVIEW_INTENT.assess),
    actionId: z.uuid(),
    version,
    assessment: z.enum(ASSESSMENTS, { error: "Choose an assessment" }),
    evidence: text(10_000, "The evidence"),
  }),
  [REVIEW_INTENT.findObstacle]: z.object({
    ...intent(REVIEW_INTENT.findObstacle),
    obstacleCategoryId: z.uuid(),
    version,
    rating: z.enum(FINDING_RATINGS, { error: "Choose how far the plan addressed it" }),
    commentary: text(10_000, "The commentary"),
  }),
  [REVIEW_INTENT.saveSummary]: z.object({ ...intent(REVIEW_INTENT.saveSummary), version, summary: text(20_000, "The summary") }),
  [REVIEW_INTENT.addBarrier]: z.object({ ...intent(REVIEW_INTENT.addBarrier), ...barrierFields }),
  [REVIEW_INTENT.updateBarrier]: z.object({ ...intent(REVIEW_INTENT.updateBarrier), barrierId: z.uuid(), version, ...barrierFields }),
  [REVIEW_INTENT.removeBarrier]: z.object({ ...intent(REVIEW_INTENT.removeBarrier), barrierId: z.uuid() }),
  [REVIEW_INTENT.addRecommendation]: z.object({ ...intent(REVIEW_INTENT.addRecommendation), body: required(10_000, "Write the recommendation", "A recommendation") }),
  [REVIEW_INTENT.updateRecommendation]: z.object({
    ...intent(REVIEW_INTENT.updateRecommendation),
    recommendationId: z.uuid(),
    version,
    body: required(10_000, "Write the recommendation", "A recommendation"),
  }),
  [REVIEW_INTENT.removeRecommendation]: z.object({ ...intent(REVIEW_INTENT.removeRecommendation), recommendationId: z.uuid() }),
  [REVIEW_INTENT.addAddendum]: z.object({ ...intent(REVIEW_INTENT.addAddendum), body: required(10_000, "Write the addendum", "An addendum") }),
  [REVIEW_INTENT.respond]: z.object({
    ...intent(REVIEW_INTENT.respond),
    recommendationId: z.uuid(),
    response: z.enum(RECOMMENDATION_RESPONSES, { error: "Choose a response" }),
    body: required(10_000, "Say how the plan will respond", "A response"),
  }),
} as const;

export async function action({ request, params, context }: Route.ActionArgs) {
  const membership = getMembership(context);
  const plan = getPlan(context);
  if (!isUuid(params.reviewId)) throw notFound();
  const formData = await readForm(request);
  const sentIntent = String(formData.get("intent") ?? "");
  if (!Object.hasOwn(FORMS, sentIntent)) return refused(400, { formError: "That request was not understood" });
  const form = parseForm(formData, FORMS[sentIntent as keyof typeof FORMS]);
  if (!form.ok) return invalid(form.errors);
  const db = await getDb();
  const actor = membership.actor;
  const reviewId = params.reviewId;
  const input = form.data;
  const result = await attemptWrite(membership, request, async (): Promise<{ notice: string; version?: number }> => {
    switch (input.intent) {
      case REVIEW_INTENT.reschedule: {
        const dueOn = dueOnOrDefault(input, plan.periodStart);
        if (!dueOn) throw new InputError("dueOn", NO_DUE_DATE);
        await updateReviewSchedule(db, actor, plan, reviewId, { kind: input.kind, title: input.title, dueOn, facilitatorUserIds: input.facilitatorUserIds });
        return { notice: "Schedule saved." };
      }
      case REVIEW_INTENT.open:
        await openReview(db, actor, plan, reviewId);
        return { notice: "The review is open, and the plan as it stands now is its snapshot." };
      case REVIEW_INTENT.publish:
        await publishReview(db, actor, plan, reviewId);
        return { notice: "Published. Everyone who can see the plan can now read the review." };
      case REVIEW_INTENT.assess:
        return { notice: "Assessment saved.", version: await saveAssessment(db, actor, plan, reviewId, input.actionId, { version: input.version, assessment: input.assessment, evidence: input.evidence }) };
      case REVIEW_INTENT.findObstacle:
        return { notice: "Finding saved.", version: await saveObstacleFinding(db, actor, plan, reviewId, input.obstacleCategoryId, { version: input.version, rating: input.rating, commentary: input.commentary }) };
      case REVIEW_INTENT.saveSummary:
        return { notice: "Summary saved.", version: await saveSummary(db, actor, plan, reviewId, { version: input.version, summary: input.summary }) };
      case REVIEW_INTENT.addBarrier:
        await addBarrier(db, actor, plan, reviewId, barrierOf(input));
        return { notice: "Barrier added." };
      case REVIEW_INTENT.updateBarrier:
        return { notice: "Barrier saved.", version: await updateBarrier(db, actor, plan, reviewId, input.barrierId, { ...barrierOf(input), version: input.version }) };
      case REVIEW_INTENT.removeBarrier:
        await removeBarrier(db, actor, plan, reviewId, input.barrierId);
        return { notice: "Barrier removed." };
      case REVIEW_INTENT.addRecommendation:
        await addRecommendation(db, actor, plan, reviewId, input.body);
        return { notice: "Recommendation added." };
      case REVIEW_INTENT.updateRecommendation:
        return { notice: "Recommendation saved.", version: await updateRecommendation(db, actor, plan, reviewId, input.recommendationId, { version: input.version, body: input.body }) };
      case REVIEW_INTENT.removeRecommendation:
        await removeRecommendation(db, actor, plan, reviewId, input.recommendationId);
        return { notice: "Recommendation removed." };
      case REVIEW_INTENT.addAddendum:
        await addAddendum(db, actor, plan, reviewId, input.body);
        return { notice: "Addendum added." };
      case REVIEW_INTENT.respond:
        await respondToRecommendation(db, actor, plan, reviewId, input.recommendationId, { response: input.response, body: input.body });
        return { notice: "Response saved." };
    }
  }, { planId: plan.id });
  if (!result.ok) {
    // A colleague saved first: their text goes back, to set beside the writer's own.
    return result.failure.status === 409 && result.failure.current ? failed(result.failure, { current: result.failure.current }) : result.response;
  }
  return succeeded(result.value.notice, { version: result.value.version });
}

function barrierOf(input: { name: string; obstacleCategoryId: string | null; description: string }) {
  return { name: input.name, obstacleCategoryId: input.obstacleCategoryId, description: input.description };
}

export default function ReviewRoute({ loaderData, actionData }: Route.ComponentProps) {
  return <ReviewPage {...loaderData} reply={actionData ?? null} />;
}
