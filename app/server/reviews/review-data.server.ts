import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { isUuid } from "../../domain/ids";
import { actionReference } from "../../domain/references";
import type { ActionState } from "../../domain/reviews";
import { planActionHistorySince } from "../plans/history.server";
import type { PlanContextData } from "../platform/plan-data.server";

// Reading reviews: the list, the next one due, the latest published, one
// review whole, and the plan's work since a review, for its facilitators.

/** A plan's reviews by due date, with their facilitators' names. */
export async function reviewsOf(db: Kysely<Database>, planId: string) {
  const reviews = await db
    .selectFrom("reviews")
    .select(["id", "kind", "title", "dueOn", "status", "openedAt", "publishedAt"])
    .where("planId", "=", planId)
    .orderBy("dueOn")
    .orderBy("createdAt")
    .execute();
  const facilitators = await facilitatorsOf(
    db,
    reviews.map((review) => review.id),
  );
  return reviews.map((review) => ({ ...review, facilitators: facilitators.get(review.id) ?? [] }));
}

/** The earliest review not yet published: what the plan's pages announce. */
export function nextReviewOf(db: Kysely<Database>, planId: string) {
  return db
    .selectFrom("reviews")
    .select(["id", "kind", "title", "dueOn", "status"])
    .where("planId", "=", planId)
    .where("status", "!=", "published")
    .orderBy("dueOn")
    .orderBy("createdAt")
    .limit(1)
    .executeTakeFirst();
}

async function facilitatorsOf(db: Kysely<Database>, reviewIds: string[]) {
  const byReview = new Map<string, Array<{ userId: string; name: string }>>();
  if (reviewIds.length === 0) return byReview;
  const rows = await db
    .selectFrom("reviewFacilitators as f")
    .innerJoin("users as u", "u.id", "f.userId")
    .select(["f.reviewId", "f.userId", "u.displayName as name"])
    .where("f.reviewId", "in", reviewIds)
    .orderBy("u.displayName")
    .execute();
  for (const row of rows) byReview.set(row.reviewId, [...(byReview.get(row.reviewId) ?? []), { userId: row.userId, name: row.name }]);
  return byReview;
}

/** The partnership's active review facilitators, whom a review may be assigned to. */
export function facilitatorChoices(db: Kysely<Database>, partnershipId: string) {
  return db
    .selectFrom("partnershipMemberships as m")
    .innerJoin("users as u", "u.id", "m.userId")
    .select(["u.id", "u.displayName as name"])
    .where("m.partnershipId", "=", partnershipId)
    .where("m.role", "=", "facilitator")
    .where("m.disabledAt", "is", null)
    .orderBy("u.displayName")
    .execute();
}

/** One review of the plan with everything written for it; null if it is not this plan's. */
export async function reviewOf(db: Kysely<Database>, plan: PlanContextData, reviewId: string) {
  if (!isUuid(reviewId)) return null;
  const review = await db
    .selectFrom("reviews as r")
    .innerJoin("users as u", "u.id", "r.createdBy")
    .select([
      "r.id",
      "r.kind",
      "r.title",
      "r.dueOn",
      "r.status",
      "r.summary",
      "r.summaryVersion",
      "r.openedAt",
      "r.publishedAt",
      "r.snapshot",
      "r.createdAt",
      "u.displayName as createdByName",
    ])
    .where("r.id", "=", reviewId)
    .where("r.planId", "=", plan.id)
    .executeTakeFirst();
  if (!review) return null;
  const [facilitators, assessments, findings, barriers, recommendations, addenda] = await Promise.all([
    facilitatorsOf(db, [review.id]),
    db
      .selectFrom("reviewAssessments as a")
      .innerJoin("users as u", "u.id", "a.updatedBy")
      .select(["a.actionId", "a.assessment", "a.evidence", "a.version", "a.updatedAt", "u.displayName as updatedByName"])
      .where("a.reviewId", "=", review.id)
      .execute(),
    db
      .selectFrom("reviewObstacleFindings as f")
      .innerJoin("users as u", "u.id", "f.updatedBy")
      .select(["f.obstacleCategoryId", "f.rating", "f.commentary", "f.version", "f.updatedAt", "u.displayName as updatedByName"])
      .where("f.reviewId", "=", review.id)
      .execute(),
    db
      .selectFrom("reviewBarriers")
      .select(["id", "name", "obstacleCategoryId", "description", "version"])
      .where("reviewId", "=", review.id)
      .orderBy("createdAt")
      .orderBy("id")
      .execute(),
    db.selectFrom("reviewRecommendations").select(["id", "body", "version"]).where("reviewId", "=", review.id).orderBy("createdAt").orderBy("id").execute(),
    db
      .selectFrom("reviewAddenda as a")
      .innerJoin("users as u", "u.id", "a.authorId")
      .select(["a.id", "a.body", "a.createdAt", "u.displayName as author"])
      .where("a.reviewId", "=", review.id)
      .orderBy("a.createdAt")
      .execute(),
  ]);
  const responses = recommendations.length
    ? await db
        .selectFrom("reviewResponses as r")
        .innerJoin("users as u", "u.id", "r.authorId")
        .select(["r.id", "r.recommendationId", "r.response", "r.body", "r.createdAt", "u.displayName as author"])
        .where(
          "r.recommendationId",
          "in",
          recommendations.map((recommendation) => recommendation.id),
        )
        .orderBy("r.createdAt")
        .execute()
    : [];
  return {
    ...review,
    facilitators: facilitators.get(review.id) ?? [],
    assessments,
    findings,
    barriers,
    recommendations: recommendations.map((recommendation, index) => ({
      ...recommendation,
      number: index + 1,
      responses: responses.filter((response) => response.recommendationId === recommendation.id),
    })),
    addenda,
  };
}

export type ReviewData = NonNullable<Awaited<ReturnType<typeof reviewOf>>>;

/** Each action's state now, in the terms a snapshot keeps, for "since the review". */
export async function actionStatesOf(db: Kysely<Database>, planId: string): Promise<ActionState[]> {
  const rows = await db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.number", "a.title", "a.status", "a.completionConfirmedAt", "o.number as objectiveNumber"])
    .where("a.planId", "=", planId)
    .where("a.archivedAt", "is", null)
    .execute();
  return rows.map((row) => ({
    actionId: row.id,
    reference: actionReference(row.objectiveNumber, row.number),
    title: row.title,
    status: row.status,
    confirmedDone: row.status === "done" && row.completionConfirmedAt !== null,
  }));
}

/** When the plan's previous review (opened before this one) took its snapshot, if there was one. */
export async function previousReviewTakenAt(db: Kysely<Database>, planId: string, openedAt: Date): Promise<Date | null> {
  const previous = await db
    .selectFrom("reviews")
    .select("openedAt")
    .where("planId", "=", planId)
    .where("openedAt", "<", openedAt)
    .orderBy("openedAt", "desc")
    .limit(1)
    .executeTakeFirst();
  return previous?.openedAt ?? null;
}

/** Progress notes and history of a plan's actions since a moment (all of it when null), by action, newest first. */
export async function actionWorkSince(db: Kysely<Database>, planId: string, since: Date | null) {
  let notes = db
    .selectFrom("progressNotes as n")
    .innerJoin("actions as a", "a.id", "n.actionId")
    .innerJoin("users as u", "u.id", "n.authorId")
    .select(["n.id", "n.actionId", "n.body", "n.createdAt", "u.displayName as author"])
    .where("a.planId", "=", planId);
  if (since) notes = notes.where("n.createdAt", ">=", since);
  const [noteRows, events] = await Promise.all([notes.orderBy("n.createdAt", "desc").execute(), planActionHistorySince(db, planId, since)]);
  const byAction = new Map<string, { notes: typeof noteRows; events: typeof events }>();
  const entry = (actionId: string) => {
    const existing = byAction.get(actionId);
    if (existing) return existing;
    const created = { notes: [] as typeof noteRows, events: [] as typeof events };
    byAction.set(actionId, created);
    return created;
  };
  for (const note of noteRows) entry(note.actionId).notes.push(note);
  for (const event of events) if (event.actionId) entry(event.actionId).events.push(event);
  return byAction;
}
