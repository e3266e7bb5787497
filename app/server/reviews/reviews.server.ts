import type { ReviewSnapshot } from "../../../db/schema";
import { formatDueDate, ukToday } from "../../domain/dates";
import { isUuid } from "../../domain/ids";
import { can, type Actor } from "../../domain/policy";
import type { RecommendationResponse, ReviewKind, ReviewStatus } from "../../domain/vocabulary";
import { changedFields, createdFields } from "../platform/audit.server";
import { ConflictError, InputError, NotFoundError } from "../platform/errors.server";
import { planTarget, type PlanContextData } from "../platform/plan-data.server";
import { reviewAssignedEmails, reviewPublishedEmails } from "../mail/notice-emails.server";
import { noticeActorOf, noticePlaceOf, signedUpMembersOf } from "../people/audience.server";
import { facilitatorChoices } from "./review-data.server";
import { snapshotOfPlan } from "./review-snapshot.server";
import { planWrite, recorded, unchanged, type Trx } from "../platform/write.server";

// A review's life: scheduled (a draft, with its facilitators), opened (the
// plan's snapshot frozen), published (locked), then answered: stewards respond
// to its recommendations, its facilitators add dated addenda. What the
// facilitators write while it is open is in review-writing.server.ts.

export interface ReviewSchedule {
  kind: ReviewKind;
  title: string;
  dueOn: string;
  facilitatorUserIds: string[];
}

export interface LockedReview {
  id: string;
  kind: ReviewKind;
  title: string;
  status: ReviewStatus;
  summary: string;
  summaryVersion: number;
  snapshot: ReviewSnapshot | null;
  publishedAt: Date | null;
  facilitatorUserIds: string[];
}

/** The review, locked for this transaction: every write to one review waits its turn here. */
export async function lockReview(trx: Trx, plan: PlanContextData, reviewId: string): Promise<LockedReview> {
  const review = isUuid(reviewId)
    ? await trx
        .selectFrom("reviews")
        .select(["id", "kind", "title", "status", "summary", "summaryVersion", "snapshot", "publishedAt"])
        .where("id", "=", reviewId)
        .where("planId", "=", plan.id)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!review) throw new NotFoundError("That review");
  const facilitators = await trx.selectFrom("reviewFacilitators").select("userId").where("reviewId", "=", review.id).execute();
  return { ...review, facilitatorUserIds: facilitators.map((facilitator) => facilitator.userId) };
}

/**
 * Publishing or opening a review already published changes nothing, and saying "Published"
 * again would tell the person it just happened: they are told when it was.
 */
function alreadyPublished(review: Pick<LockedReview, "publishedAt">): ConflictError {
  const on = review.publishedAt ? ` on ${formatDueDate(ukToday(review.publishedAt))}` : "";
  return new ConflictError(`This review was already published${on}; a published review cannot change.`);
}

/** What the policy needs to know of a review: who is assigned to it. */
export function reviewTarget(review: Pick<LockedReview, "facilitatorUserIds">) {
  return { review: { facilitatorUserIds: review.facilitatorUserIds } };
}

/** The facilitators' names, checking each is an active review facilitator of this partnership. */
async function facilitatorNames(trx: Trx, partnershipId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) throw new InputError("facilitatorUserIds", "Assign at least one facilitator");
  const chosen = (await facilitatorChoices(trx, partnershipId)).filter((facilitator) => userIds.includes(facilitator.id));
  if (chosen.length !== new Set(userIds).size) throw new InputError("facilitatorUserIds", "Choose facilitators from this partnership's review facilitators");
  return chosen.map((facilitator) => facilitator.name);
}

/** Schedules a review as a draft. The id comes from the form, so sending it twice schedules one. */
export const scheduleReview = planWrite("scheduleReview", async ({ trx, plan, actor, authorize }, input: ReviewSchedule & { id: string }) => {
  authorize("review.schedule");
  if (await trx.selectFrom("reviews").select("id").where("id", "=", input.id).where("planId", "=", plan.id).executeTakeFirst()) return unchanged(input.id);
  const facilitators = await facilitatorNames(trx, plan.partnershipId, input.facilitatorUserIds);
  await trx
    .insertInto("reviews")
    .values({ id: input.id, planId: plan.id, kind: input.kind, title: input.title, dueOn: input.dueOn, createdBy: actor.userId })
    .execute();
  await trx
    .insertInto("reviewFacilitators")
    .values([...new Set(input.facilitatorUserIds)].map((userId) => ({ reviewId: input.id, userId })))
    .execute();
  return recorded(
    {
      entityType: "review",
      entityId: input.id,
      verb: "scheduled",
      changes: createdFields({ kind: input.kind, title: input.title, dueOn: input.dueOn, facilitators }),
      emails: await assignedNotices(trx, plan, actor, { ...input, opened: false }, input.facilitatorUserIds),
    },
    input.id,
  );
});

/** Changes a review's kind, title, due date or facilitators, until it is published. */
export const updateReviewSchedule = planWrite("updateReviewSchedule", async ({ trx, plan, actor, authorize }, reviewId: string, input: ReviewSchedule) => {
  const review = await lockReview(trx, plan, reviewId);
  authorize("review.schedule");
  if (review.status === "published") throw new ConflictError("This review is published, so its schedule can no longer change");
  const before = await trx.selectFrom("reviews").select(["kind", "title", "dueOn"]).where("id", "=", review.id).executeTakeFirstOrThrow();
  const facilitators = await facilitatorNames(trx, plan.partnershipId, input.facilitatorUserIds);
  const facilitatorsBefore = review.facilitatorUserIds.length
    ? (await trx.selectFrom("users").select("displayName").where("id", "in", review.facilitatorUserIds).orderBy("displayName").execute()).map(
        (user) => user.displayName,
      )
    : [];
  const changes = changedFields({ ...before, facilitators: facilitatorsBefore }, { kind: input.kind, title: input.title, dueOn: input.dueOn, facilitators });
  if (Object.keys(changes).length === 0) return unchanged();
  await trx.updateTable("reviews").set({ kind: input.kind, title: input.title, dueOn: input.dueOn }).where("id", "=", review.id).execute();
  if (changes.facilitators) {
    await trx.deleteFrom("reviewFacilitators").where("reviewId", "=", review.id).execute();
    await trx
      .insertInto("reviewFacilitators")
      .values([...new Set(input.facilitatorUserIds)].map((userId) => ({ reviewId: review.id, userId })))
      .execute();
  }
  // Only those newly on it: the others heard when they were assigned.
  const added = input.facilitatorUserIds.filter((userId) => !review.facilitatorUserIds.includes(userId));
  return recorded({
    entityType: "review",
    entityId: review.id,
    verb: "rescheduled",
    changes,
    context: { title: input.title },
    emails: await assignedNotices(trx, plan, actor, { id: review.id, ...input, opened: review.status === "open" }, added),
  });
});

/** A review assigned, to each facilitator given (once each). */
async function assignedNotices(
  trx: Trx,
  plan: PlanContextData,
  actor: Actor,
  review: Parameters<typeof reviewAssignedEmails>[1],
  facilitatorUserIds: readonly string[],
) {
  if (facilitatorUserIds.length === 0) return [];
  return reviewAssignedEmails(await noticePlaceOf(trx, plan), review, await noticeActorOf(trx, actor), [...new Set(facilitatorUserIds)]);
}

/** Opens a scheduled review: the plan as it stands is frozen into the review's snapshot, once. */
export const openReview = planWrite("openReview", async ({ trx, plan, authorize }, reviewId: string) => {
  const review = await lockReview(trx, plan, reviewId);
  authorize("review.open", reviewTarget(review));
  if (review.status === "published") throw alreadyPublished(review);
  // Opened a moment ago (a second click): its snapshot stands.
  if (review.status === "open") return unchanged();
  const snapshot = await snapshotOfPlan(trx, plan);
  await trx
    .updateTable("reviews")
    .set({ status: "open", openedAt: new Date(snapshot.takenAt), snapshot: JSON.stringify(snapshot) })
    .where("id", "=", review.id)
    .execute();
  return recorded({ entityType: "review", entityId: review.id, verb: "opened", context: { title: review.title, actions: snapshot.actions.length } });
});

/** Publishes an open review: from now on its text never changes (the database refuses too). */
export const publishReview = planWrite("publishReview", async ({ trx, plan, actor, authorize }, reviewId: string) => {
  const review = await lockReview(trx, plan, reviewId);
  authorize("review.write", reviewTarget(review));
  if (review.status === "published") throw alreadyPublished(review);
  if (review.status === "draft") throw new ConflictError("Open the review and write it before publishing it");
  if (!review.summary.trim()) throw new InputError("summary", "Write the overall summary before publishing");
  await trx.updateTable("reviews").set({ status: "published", publishedAt: new Date() }).where("id", "=", review.id).execute();
  // Everyone who may read it, by the verb the review's page asks; not the
  // facilitator who published it, who knows and has it on screen.
  const readers = (await signedUpMembersOf(trx, plan.partnershipId)).filter(
    (person) => person.userId !== actor.userId && can(person, "review.viewPublished", planTarget(plan)),
  );
  return recorded({
    entityType: "review",
    entityId: review.id,
    verb: "published",
    context: { title: review.title },
    emails: reviewPublishedEmails(
      await noticePlaceOf(trx, plan),
      review,
      await noticeActorOf(trx, actor),
      readers.map((reader) => reader.userId),
    ),
  });
});

/** A dated, attributed note added to a published review by one of its facilitators. */
export const addAddendum = planWrite("addAddendum", async ({ trx, plan, actor, authorize }, reviewId: string, body: string) => {
  const review = await lockReview(trx, plan, reviewId);
  authorize("review.write", reviewTarget(review));
  if (review.status !== "published") throw new ConflictError("Addenda follow publication; until then, change the review's own text", { field: "body" });
  const { id } = await trx.insertInto("reviewAddenda").values({ reviewId: review.id, body, authorId: actor.userId }).returning("id").executeTakeFirstOrThrow();
  return recorded({
    entityType: "review",
    entityId: review.id,
    verb: "addendum_added",
    changes: createdFields({ body }),
    context: { title: review.title, addendumId: id },
  });
});

/** The stewards' answer to a recommendation of a published review; a later answer stands beside the earlier, each dated. */
export const respondToRecommendation = planWrite(
  "respondToRecommendation",
  async ({ trx, plan, actor, authorize }, reviewId: string, recommendationId: string, answer: { response: RecommendationResponse; body: string }) => {
    const review = await lockReview(trx, plan, reviewId);
    authorize("review.respond");
    if (review.status !== "published") throw new ConflictError("Recommendations are answered once the review is published");
    const recommendations = await trx
      .selectFrom("reviewRecommendations")
      .select("id")
      .where("reviewId", "=", review.id)
      .orderBy("createdAt")
      .orderBy("id")
      .execute();
    const number = recommendations.findIndex((recommendation) => recommendation.id === recommendationId) + 1;
    if (number === 0) throw new NotFoundError("That recommendation");
    await trx.insertInto("reviewResponses").values({ recommendationId, response: answer.response, body: answer.body, authorId: actor.userId }).execute();
    return recorded({
      entityType: "review",
      entityId: review.id,
      verb: "recommendation_answered",
      changes: createdFields({ response: answer.response, body: answer.body }),
      context: { title: review.title, recommendation: number },
    });
  },
);
