import { actionReference } from "../../domain/references";
import type { Assessment, FindingRating } from "../../domain/vocabulary";
import { changedFields, createdFields } from "../platform/audit.server";
import { ConflictError, InputError, NotFoundError } from "../platform/errors.server";
import { lockReview, reviewTarget, type LockedReview } from "./reviews.server";
import { planWrite, recorded, unchanged, type PlanWriting } from "../platform/write.server";

// What a review's assigned facilitators write while it is open: an assessment
// per action, a finding per obstacle category, new barriers, the summary and
// numbered recommendations. Each item is saved on its own with the version
// its writer saw; if a colleague saved it since, nothing is written and the
// ConflictError carries their text (the same rule as actions).

/** The review, locked, if this person may write it now. */
async function reviewToWrite(
  { trx, plan, authorize }: PlanWriting,
  reviewId: string,
): Promise<LockedReview & { snapshot: NonNullable<LockedReview["snapshot"]> }> {
  const review = await lockReview(trx, plan, reviewId);
  authorize("review.write", reviewTarget(review));
  if (review.status === "published") throw new ConflictError("This review is published, so its text can no longer change. Add an addendum instead.");
  if (!review.snapshot) throw new ConflictError("Open the review first: opening takes the snapshot of the plan that it assesses.");
  return { ...review, snapshot: review.snapshot };
}

/** Refuses a save made over a version the writer never saw, handing back what is there now. */
function checkVersion<Current extends { version: number }>(current: Current | undefined, sentVersion: number, what: string, field: string) {
  if ((current?.version ?? 0) !== sentVersion) {
    throw new ConflictError(`Someone else saved ${what} while you were writing, so yours was not saved over it.`, { field, current });
  }
}

export const saveAssessment = planWrite(
  "saveAssessment",
  async (writing, reviewId: string, actionId: string, input: { version: number; assessment: Assessment; evidence: string }) => {
    const review = await reviewToWrite(writing, reviewId);
    const action = review.snapshot.actions.find((candidate) => candidate.actionId === actionId);
    if (!action) throw new NotFoundError("That action of this review");
    const current = await writing.trx
      .selectFrom("reviewAssessments as a")
      .innerJoin("users as u", "u.id", "a.updatedBy")
      .select(["a.version", "a.assessment", "a.evidence", "u.displayName as updatedByName"])
      .where("a.reviewId", "=", review.id)
      .where("a.actionId", "=", actionId)
      .executeTakeFirst();
    checkVersion(current, input.version, "this assessment", "evidence");
    const changes = current
      ? changedFields({ assessment: current.assessment, evidence: current.evidence }, { assessment: input.assessment, evidence: input.evidence })
      : createdFields({ assessment: input.assessment, evidence: input.evidence });
    if (Object.keys(changes).length === 0) return unchanged(input.version);
    const version = input.version + 1;
    const row = { assessment: input.assessment, evidence: input.evidence, version, updatedBy: writing.actor.userId, updatedAt: new Date() };
    if (current) await writing.trx.updateTable("reviewAssessments").set(row).where("reviewId", "=", review.id).where("actionId", "=", actionId).execute();
    else
      await writing.trx
        .insertInto("reviewAssessments")
        .values({ reviewId: review.id, actionId, ...row })
        .execute();
    return recorded(
      // Not filed under the action: its history is read by everyone, and a draft's assessments are not.
      {
        entityType: "review",
        entityId: review.id,
        verb: "action_assessed",
        changes,
        context: { title: review.title, reference: actionReference(action.objectiveNumber, action.number), actionId },
      },
      version,
    );
  },
);

export const saveObstacleFinding = planWrite(
  "saveObstacleFinding",
  async (writing, reviewId: string, obstacleCategoryId: string, input: { version: number; rating: FindingRating; commentary: string }) => {
    const review = await reviewToWrite(writing, reviewId);
    const obstacle = review.snapshot.obstacles.find((candidate) => candidate.id === obstacleCategoryId);
    if (!obstacle) throw new NotFoundError("That obstacle category of this review");
    const current = await writing.trx
      .selectFrom("reviewObstacleFindings as f")
      .innerJoin("users as u", "u.id", "f.updatedBy")
      .select(["f.version", "f.rating", "f.commentary", "u.displayName as updatedByName"])
      .where("f.reviewId", "=", review.id)
      .where("f.obstacleCategoryId", "=", obstacleCategoryId)
      .executeTakeFirst();
    checkVersion(current, input.version, "this finding", "commentary");
    const next = { rating: input.rating, commentary: input.commentary };
    const changes = current ? changedFields({ rating: current.rating, commentary: current.commentary }, next) : createdFields(next);
    if (Object.keys(changes).length === 0) return unchanged(input.version);
    const version = input.version + 1;
    const row = { ...next, version, updatedBy: writing.actor.userId, updatedAt: new Date() };
    if (current) {
      await writing.trx
        .updateTable("reviewObstacleFindings")
        .set(row)
        .where("reviewId", "=", review.id)
        .where("obstacleCategoryId", "=", obstacleCategoryId)
        .execute();
    } else {
      await writing.trx
        .insertInto("reviewObstacleFindings")
        .values({ reviewId: review.id, obstacleCategoryId, ...row })
        .execute();
    }
    return recorded(
      { entityType: "review", entityId: review.id, verb: "obstacle_found", changes, context: { title: review.title, obstacle: obstacle.name } },
      version,
    );
  },
);

export const saveSummary = planWrite("saveReviewSummary", async (writing, reviewId: string, input: { version: number; summary: string }) => {
  const review = await reviewToWrite(writing, reviewId);
  checkVersion({ version: review.summaryVersion, summary: review.summary }, input.version, "the summary", "summary");
  if (review.summary === input.summary) return unchanged(input.version);
  const version = input.version + 1;
  await writing.trx.updateTable("reviews").set({ summary: input.summary, summaryVersion: version }).where("id", "=", review.id).execute();
  return recorded(
    {
      entityType: "review",
      entityId: review.id,
      verb: "summary_written",
      changes: changedFields({ summary: review.summary }, { summary: input.summary }),
      context: { title: review.title },
    },
    version,
  );
});

export interface BarrierInput {
  name: string;
  /** null: a barrier of a new kind. */
  obstacleCategoryId: string | null;
  description: string;
}

/** The barrier in words for its audit event, checking its category was one of the plan's when the review opened. */
function barrierInWords(review: { snapshot: NonNullable<LockedReview["snapshot"]> }, barrier: BarrierInput) {
  const category = barrier.obstacleCategoryId ? review.snapshot.obstacles.find((obstacle) => obstacle.id === barrier.obstacleCategoryId) : null;
  if (category === undefined) throw new InputError("obstacleCategoryId", "Choose one of the plan's obstacle categories, or mark the barrier as new");
  return { name: barrier.name, category: category?.name ?? "a new kind of barrier", description: barrier.description };
}

export const addBarrier = planWrite("addReviewBarrier", async (writing, reviewId: string, input: BarrierInput) => {
  const review = await reviewToWrite(writing, reviewId);
  const words = barrierInWords(review, input);
  const { id } = await writing.trx
    .insertInto("reviewBarriers")
    .values({ reviewId: review.id, ...input, updatedBy: writing.actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return recorded(
    { entityType: "review", entityId: review.id, verb: "barrier_added", changes: createdFields(words), context: { title: review.title, barrierId: id } },
    id,
  );
});

export const updateBarrier = planWrite(
  "updateReviewBarrier",
  async (writing, reviewId: string, barrierId: string, input: BarrierInput & { version: number }) => {
    const review = await reviewToWrite(writing, reviewId);
    const words = barrierInWords(review, input);
    const current = await writing.trx
      .selectFrom("reviewBarriers")
      .select(["version", "name", "obstacleCategoryId", "description"])
      .where("id", "=", barrierId)
      .where("reviewId", "=", review.id)
      .executeTakeFirst();
    if (!current) throw new NotFoundError("That barrier");
    checkVersion(current, input.version, "this barrier", "description");
    const changes = changedFields(barrierInWords(review, current), words);
    if (Object.keys(changes).length === 0) return unchanged(input.version);
    const version = input.version + 1;
    await writing.trx
      .updateTable("reviewBarriers")
      .set({
        name: input.name,
        obstacleCategoryId: input.obstacleCategoryId,
        description: input.description,
        version,
        updatedBy: writing.actor.userId,
        updatedAt: new Date(),
      })
      .where("id", "=", barrierId)
      .execute();
    return recorded({ entityType: "review", entityId: review.id, verb: "barrier_changed", changes, context: { title: review.title, barrierId } }, version);
  },
);

export const removeBarrier = planWrite("removeReviewBarrier", async (writing, reviewId: string, barrierId: string) => {
  const review = await reviewToWrite(writing, reviewId);
  const removed = await writing.trx
    .deleteFrom("reviewBarriers")
    .where("id", "=", barrierId)
    .where("reviewId", "=", review.id)
    .returning(["name", "obstacleCategoryId", "description"])
    .executeTakeFirst();
  if (!removed) throw new NotFoundError("That barrier");
  const before = barrierInWords(review, removed);
  const changes = Object.fromEntries(Object.entries(before).map(([field, value]) => [field, { before: value, after: null }]));
  return recorded({ entityType: "review", entityId: review.id, verb: "barrier_removed", changes, context: { title: review.title } });
});

export const addRecommendation = planWrite("addReviewRecommendation", async (writing, reviewId: string, body: string) => {
  const review = await reviewToWrite(writing, reviewId);
  const { id } = await writing.trx
    .insertInto("reviewRecommendations")
    .values({ reviewId: review.id, body, updatedBy: writing.actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return recorded(
    { entityType: "review", entityId: review.id, verb: "recommendation_added", changes: createdFields({ body }), context: { title: review.title } },
    id,
  );
});

export const updateRecommendation = planWrite(
  "updateReviewRecommendation",
  async (writing, reviewId: string, recommendationId: string, input: { version: number; body: string }) => {
    const review = await reviewToWrite(writing, reviewId);
    const current = await writing.trx
      .selectFrom("reviewRecommendations")
      .select(["version", "body"])
      .where("id", "=", recommendationId)
      .where("reviewId", "=", review.id)
      .executeTakeFirst();
    if (!current) throw new NotFoundError("That recommendation");
    checkVersion(current, input.version, "this recommendation", "body");
    const { body } = current;
    if (body === input.body) return unchanged(input.version);
    const version = input.version + 1;
    await writing.trx
      .updateTable("reviewRecommendations")
      .set({ body: input.body, version, updatedBy: writing.actor.userId, updatedAt: new Date() })
      .where("id", "=", recommendationId)
      .execute();
    return recorded(
      {
        entityType: "review",
        entityId: review.id,
        verb: "recommendation_changed",
        changes: changedFields({ body }, { body: input.body }),
        context: { title: review.title },
      },
      version,
    );
  },
);

export const removeRecommendation = planWrite("removeReviewRecommendation", async (writing, reviewId: string, recommendationId: string) => {
  const review = await reviewToWrite(writing, reviewId);
  const removed = await writing.trx
    .deleteFrom("reviewRecommendations")
    .where("id", "=", recommendationId)
    .where("reviewId", "=", review.id)
    .returning("body")
    .executeTakeFirst();
  if (!removed) throw new NotFoundError("That recommendation");
  const { body } = removed;
  return recorded({
    entityType: "review",
    entityId: review.id,
    verb: "recommendation_removed",
    changes: { body: { before: body, after: null } },
    context: { title: review.title },
  });
});
