import type { Insertable } from "kysely";
import type { Database, ReviewSnapshot } from "../../db/schema";
import { addDaysTo } from "../domain/dates";
import { actionReference } from "../domain/references";
import type { Assessment, Status } from "../domain/vocabulary";
import { compactPeople } from "./compact-data.server";
import type { DemoPeopleIds } from "./seed-rows.server";
import { changedFields, createdFields } from "../server/platform/audit.server";
import { loadPlan } from "../server/platform/plan-data.server";
import { snapshotOfPlan } from "../server/reviews/review-snapshot.server";
import type { Trx } from "../server/platform/write.server";

// The Compact's first-quarter check: scheduled by its admin, carried out by
// the demo facilitator just after the plan's third month, published some
// weeks ago and answered by a steward, so the plan has one review to read.
// The plan has no obstacle categories, so the check has no findings on them.

const DAY = 86_400_000;
const HELEN = "helen.marsh@hertfordshire.demo.test";
const FACILITATOR = "facilitator@demo.test";

/** What the check says, and the day of each step, counted back from the day the demo loads. */
const compactReview = {
  kind: "other" as const,
  title: "First-quarter check",
  /** The end of the plan's third month: the day its first-quarter actions fell due. */
  dueDaysAfterStart: 91,
  scheduledBy: HELEN,
  scheduledDaysAgo: 130,
  facilitatorEmail: FACILITATOR,
  openedDaysAgo: 57,
  /** Each assessment, then the summary, then each recommendation, written on these days. */
  writtenDaysAgo: [57, 57, 56, 56, 56, 55, 55, 54, 54, 54],
  publishedDaysAgo: 49,
  summary:
    "At the end of its first quarter the plan had made a sound start. Every undertaking due in the first two months was completed and " +
    "confirmed by the other sector, but fewer than half of those due in the third month were; progress was slower where an undertaking " +
    "needs every council to change how it works, such as social value in policy design and full overheads in funding bids. " +
    "This check looked at a sample of actions; the six-month review will assess the whole plan.",
  assessments: [
    {
      reference: "1.8",
      assessment: "no_progress",
      evidence: "No work recorded against this undertaking in the first quarter.",
    },
    {
      reference: "1.9",
      assessment: "achieved",
      evidence:
        "Outcomes-monitoring workshops ran for small groups in two districts, with 34 organisations attending; completion confirmed by the public sector.",
    },
    {
      reference: "2.1",
      assessment: "some_progress",
      evidence:
        "Three Rivers' committee report template has social value and equalities sections and was shared with the other districts as an example; still in progress when it fell due.",
    },
    {
      reference: "2.11",
      assessment: "on_track",
      evidence:
        "Small groups' examples of answering the same due-diligence questions for every funder are being collected, as the basis for a shared approach.",
    },
    {
      reference: "3.3",
      assessment: "achieved",
      evidence: "Grant decision letters now give the panel's reasons and scores, and unsuccessful applicants are offered a feedback call.",
    },
    {
      reference: "3.8",
      assessment: "some_progress",
      evidence:
        "The sector has asked for full cost recovery to cover volunteer expenses and training; the revised funding guidance was not yet in use when it fell due.",
    },
    {
      reference: "3.18",
      assessment: "some_progress",
      evidence:
        "A letter asking the Local Enterprise Partnership's European programme team to adopt the Compact undertakings was drafted and awaiting sign-off.",
    },
  ] satisfies Array<{ reference: string; assessment: Assessment; evidence: string }>,
  recommendations: [
    "Ask each district and borough council to name one officer for the undertakings that need every council to act, and have the steering group hear their progress each quarter.",
    "Before the six-month review, agree at the steering group what progress would look like for each undertaking marked “Ongoing”, so that it can be assessed.",
  ],
  response: {
    recommendation: 1,
    by: HELEN,
    daysAgo: 35,
    response: "accepted_in_part" as const,
    body:
      "Agreed that each council will name an officer, through the district council partnership officers. Their progress will come to " +
      "the steering group twice a year, with the six-month and annual reviews, rather than every quarter.",
  },
};

type AuditRow = Insertable<Database["auditEvents"]>;

/**
 * Writes the first-quarter check as the facilitator would have: opened with a
 * snapshot of the plan as it stood that morning, assessed, summed up and given
 * its recommendations while open; then published, which seals it; then answered,
 * which a sealed review still takes. `story` is the plan's backdated history so
 * far, which the snapshot is rewound through. Returns the check's own events.
 */
export async function publishFirstQuarterCheck(
  trx: Trx,
  partnershipId: string,
  planId: string,
  people: DemoPeopleIds,
  story: readonly AuditRow[],
  now: Date,
): Promise<AuditRow[]> {
  const review = compactReview;
  const plan = (await loadPlan(trx, partnershipId, planId))!;
  const openedAt = dayAt(now, review.openedDaysAgo, 9, 30);
  const snapshot = await snapshotAsItStood(trx, planId, await snapshotOfPlan(trx, plan), story, openedAt);
  const admin = people.memberByEmail.get(review.scheduledBy)!;
  const facilitator = people.memberByEmail.get(review.facilitatorEmail)!;
  const scheduledAt = dayAt(now, review.scheduledDaysAgo, 11, 0);
  const writtenAt = review.writtenDaysAgo.map((daysAgo, index) => dayAt(now, daysAgo, 10, 40 * index));
  const summaryAt = writtenAt[review.assessments.length]!;
  const publishedAt = dayAt(now, review.publishedDaysAgo, 14, 0);
  const dueOn = addDaysTo(plan.periodStart!, review.dueDaysAfterStart);

  const { id: reviewId } = await trx
    .insertInto("reviews")
    .values({
      planId,
      kind: review.kind,
      title: review.title,
      dueOn,
      status: "open",
      openedAt,
      snapshot: JSON.stringify(snapshot),
      summary: review.summary,
      summaryVersion: 1,
      createdBy: admin.userId,
      createdAt: scheduledAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("reviewFacilitators").values({ reviewId, userId: facilitator.userId }).execute();
  const actionIdOf = new Map(snapshot.actions.map((action) => [actionReference(action.objectiveNumber, action.number), action.actionId]));
  await trx
    .insertInto("reviewAssessments")
    .values(
      review.assessments.map((assessment, index) => ({
        reviewId,
        actionId: actionIdOf.get(assessment.reference)!,
        assessment: assessment.assessment,
        evidence: assessment.evidence,
        updatedBy: facilitator.userId,
        updatedAt: writtenAt[index]!,
      })),
    )
    .execute();
  const recommendationAt = (index: number) => writtenAt[review.assessments.length + 1 + index]!;
  const recommendations = await trx
    .insertInto("reviewRecommendations")
    .values(
      review.recommendations.map((body, index) => ({
        reviewId,
        body,
        createdAt: recommendationAt(index),
        updatedBy: facilitator.userId,
        updatedAt: recommendationAt(index),
      })),
    )
    .returning("id")
    .execute();
  // From here the database refuses any change to what the review says; answers are still added.
  await trx.updateTable("reviews").set({ status: "published", publishedAt }).where("id", "=", reviewId).execute();
  const responder = people.memberByEmail.get(review.response.by)!;
  const respondedAt = dayAt(now, review.response.daysAgo, 16, 0);
  await trx
    .insertInto("reviewResponses")
    .values({
      recommendationId: recommendations[review.response.recommendation - 1]!.id,
      response: review.response.response,
      body: review.response.body,
      authorId: responder.userId,
      createdAt: respondedAt,
    })
    .execute();

  const event = (member: typeof admin, at: Date, verb: string, changes: Record<string, unknown>, context: Record<string, unknown> = {}): AuditRow => ({
    occurredAt: at,
    actorUserId: member.userId,
    actorRole: member.role,
    actorSector: member.sector,
    partnershipId,
    planId,
    entityType: "review",
    entityId: reviewId,
    verb,
    changes: JSON.stringify(changes),
    context: JSON.stringify({ title: review.title, ...context }),
  });
  const facilitatorName = compactPeople.find((person) => person.email === review.facilitatorEmail)!.displayName;
  return [
    event(admin, scheduledAt, "scheduled", createdFields({ kind: review.kind, title: review.title, dueOn, facilitators: [facilitatorName] })),
    event(facilitator, openedAt, "opened", {}, { actions: snapshot.actions.length }),
    ...review.assessments.map((assessment, index) =>
      event(facilitator, writtenAt[index]!, "action_assessed", createdFields({ assessment: assessment.assessment, evidence: assessment.evidence }), {
        reference: assessment.reference,
        actionId: actionIdOf.get(assessment.reference),
      }),
    ),
    event(facilitator, summaryAt, "summary_written", changedFields({ summary: "" }, { summary: review.summary })),
    ...review.recommendations.map((body, index) => event(facilitator, recommendationAt(index), "recommendation_added", createdFields({ body }))),
    event(facilitator, publishedAt, "published", {}),
    event(responder, respondedAt, "recommendation_answered", createdFields({ response: review.response.response, body: review.response.body }), {
      recommendation: review.response.recommendation,
    }),
  ];
}

/**
 * The plan as it stood at `at`, from the snapshot of it now: each action's
 * status and confirmation replayed from its story up to then, and its latest
 * note from then. Nothing else in the Compact's story changes after it loads.
 */
async function snapshotAsItStood(trx: Trx, planId: string, current: ReviewSnapshot, story: readonly AuditRow[], at: Date): Promise<ReviewSnapshot> {
  const stateOf = new Map<string, { status: Status; confirmedDone: boolean }>();
  const before = story.filter((event) => event.entityType === "action" && (event.occurredAt as Date) <= at);
  for (const event of before.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime())) {
    const changes = JSON.parse(event.changes as string) as { status?: { after: Status } };
    if (changes.status) stateOf.set(event.actionId!, { status: changes.status.after, confirmedDone: false });
    else if (event.verb === "completion_confirmed") stateOf.set(event.actionId!, { ...stateOf.get(event.actionId!)!, confirmedDone: true });
  }
  const notes = await trx
    .selectFrom("progressNotes as n")
    .innerJoin("actions as a", "a.id", "n.actionId")
    .innerJoin("users as u", "u.id", "n.authorId")
    .distinctOn("n.actionId")
    .select(["n.actionId", "n.body", "n.createdAt", "u.displayName as author"])
    .where("a.planId", "=", planId)
    .where("n.createdAt", "<=", at)
    .orderBy("n.actionId")
    .orderBy("n.createdAt", "desc")
    .execute();
  const latestNote = new Map(notes.map((note) => [note.actionId, { body: note.body, author: note.author, at: note.createdAt.toISOString() }]));
  return {
    takenAt: at.toISOString(),
    actions: current.actions.map((action) => ({
      ...action,
      ...(stateOf.get(action.actionId) ?? { status: "not_started", confirmedDone: false }),
      latestNote: latestNote.get(action.actionId) ?? null,
    })),
    obstacles: current.obstacles,
  };
}

/** A time of day (UTC), some days before `now`. */
function dayAt(now: Date, daysAgo: number, hours: number, minutes: number): Date {
  const day = new Date(now.getTime() - daysAgo * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes));
}
