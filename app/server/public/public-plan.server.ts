import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { compareKeys } from "../../domain/ordering";
import { isUuid } from "../../domain/ids";
import type { PublicLead } from "../../domain/public-pages";
import { lastPlanChange } from "../status/status.server";
import { outcomesOf } from "../outcomes/indicators.server";
import type { FindingRating, RecommendationResponse, ReviewKind, Status } from "../../domain/vocabulary";

// What the public may read of a published plan, and nothing else: each query
// names the columns a public page shows, so a note, a draft, an email address
// or a history entry cannot reach one by accident. A plan that is not
// published (or not in that partnership, or archived) reads as nothing at
// all, the same as one that never existed.

/** The most completions and published reviews a plan's feed carries. */
const FEED_ENTRIES = 50;

export interface PublicPartnership {
  name: string;
  slug: string;
}

export interface PublicPlanSummary {
  id: string;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  publishedAt: Date;
}

/** A partnership's published plans; null when it has none (or does not exist): the same answer either way. */
export async function publishedPlansOf(db: Kysely<Database>, slug: string): Promise<{ partnership: PublicPartnership; plans: PublicPlanSummary[] } | null> {
  const rows = await db
    .selectFrom("plans as p")
    .innerJoin("partnerships as w", "w.id", "p.partnershipId")
    .select(["w.name as partnershipName", "w.slug", "p.id", "p.title", "p.periodStart", "p.periodEnd", "p.publishedAt"])
    .where("w.slug", "=", slug)
    .where("p.publishedAt", "is not", null)
    .where("p.archivedAt", "is", null)
    .orderBy("p.createdAt")
    .execute();
  const first = rows[0];
  if (!first) return null;
  return {
    partnership: { name: first.partnershipName, slug: first.slug },
    plans: rows.map((row) => ({ id: row.id, title: row.title, periodStart: row.periodStart, periodEnd: row.periodEnd, publishedAt: row.publishedAt! })),
  };
}

/** The published plan's head: enough to know it is public, and when it last changed. */
async function publishedPlanHead(db: Kysely<Database>, slug: string, planId: string) {
  if (!isUuid(planId)) return null;
  const plan = await db
    .selectFrom("plans as p")
    .innerJoin("partnerships as w", "w.id", "p.partnershipId")
    .select(["p.id", "p.title", "p.periodStart", "p.periodEnd", "p.publishedAt", "w.name as partnershipName", "w.slug", lastPlanChange])
    .where("p.id", "=", planId)
    .where("w.slug", "=", slug)
    .where("p.publishedAt", "is not", null)
    .where("p.archivedAt", "is", null)
    .executeTakeFirst();
  if (!plan) return null;
  return {
    partnership: { name: plan.partnershipName, slug: plan.slug },
    plan: {
      id: plan.id,
      title: plan.title,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      publishedAt: plan.publishedAt!,
      lastChangeAt: plan.lastChangeAt ?? plan.publishedAt!,
    },
  };
}

export interface PublicAction {
  id: string;
  objectiveId: string;
  number: number;
  title: string;
  status: Status;
  confirmedDone: boolean;
  dueOn: string | null;
  timescaleText: string;
  leads: PublicLead[];
}

export interface PublicReview {
  id: string;
  kind: ReviewKind;
  title: string;
  publishedAt: Date;
  summary: string;
  findings: Array<{ obstacle: string; rating: FindingRating; commentary: string }>;
  recommendations: Array<{ number: number; body: string; responses: Array<{ response: RecommendationResponse; body: string; at: Date }> }>;
}

/** The published plan as on the UK date `today` (its outcomes' states turn with it); null unless it is published. */
export async function publicPlanOf(db: Kysely<Database>, slug: string, planId: string, today: string) {
  const head = await publishedPlanHead(db, slug, planId);
  if (!head) return null;
  const [objectives, actions, leads, reviews, outcomes] = await Promise.all([
    db.selectFrom("objectives").select(["id", "number", "title", "orderKey"]).where("planId", "=", planId).where("archivedAt", "is", null).execute(),
    db
      .selectFrom("actions")
      .select(["id", "objectiveId", "number", "title", "status", "orderKey", "dueOn", "timescaleText", "completionConfirmedAt"])
      .where("planId", "=", planId)
      .where("archivedAt", "is", null)
      .execute(),
    publicLeadsOf(db, planId),
    publishedReviewsOf(db, planId),
    outcomesOf(db, planId, today),
  ]);
  // Who recorded a reading is the partners' business: the name goes no further than here.
  const anonymous = <Reading extends { recordedByName: string | null }>(reading: Reading): Reading => ({ ...reading, recordedByName: null });
  return {
    ...head,
    outcomes: outcomes.map((outcome) => ({ ...outcome, readings: outcome.readings.map(anonymous), standing: outcome.standing.map(anonymous) })),
    objectives: objectives.sort((a, b) => compareKeys(a.orderKey, b.orderKey)).map(({ orderKey: _orderKey, ...objective }) => objective),
    actions: actions
      .sort((a, b) => compareKeys(a.orderKey, b.orderKey))
      .map((action): PublicAction => ({
        id: action.id,
        objectiveId: action.objectiveId,
        number: action.number,
        title: action.title,
        status: action.status,
        confirmedDone: action.status === "done" && action.completionConfirmedAt !== null,
        dueOn: action.dueOn,
        timescaleText: action.timescaleText,
        leads: leads.get(action.id) ?? [],
      })),
    reviews,
  };
}

export type PublicPlanData = NonNullable<Awaited<ReturnType<typeof publicPlanOf>>>;

/** Each action's leads as the public reads them: a person's name only where they said yes. */
async function publicLeadsOf(db: Kysely<Database>, planId: string): Promise<Map<string, PublicLead[]>> {
  const rows = await db
    .selectFrom("actionLeads as l")
    .innerJoin("actions as a", "a.id", "l.actionId")
    .leftJoin("users as u", "u.id", "l.userId")
    .innerJoin("plans as p", "p.id", "a.planId")
    .leftJoin("groups as g", "g.id", "l.groupId")
    .select([
      "l.actionId",
      "l.position",
      "l.userId",
      "l.groupId",
      "l.outsideBody",
      // The name leaves the database only for someone who said yes to it.
      sql<string | null>`case when u.name_shown_publicly then u.display_name end`.as("consentedName"),
      "g.name as groupName",
      "g.sector as groupSector",
    ])
    .select((eb) =>
      eb
        .selectFrom("partnershipMemberships as pm")
        .select("pm.sector")
        .whereRef("pm.userId", "=", "l.userId")
        .whereRef("pm.partnershipId", "=", "p.partnershipId")
        .as("personSector"),
    )
    .where("a.planId", "=", planId)
    .where("a.archivedAt", "is", null)
    .orderBy("l.position")
    .execute();
  const byAction = new Map<string, PublicLead[]>();
  for (const row of rows) {
    const lead: PublicLead = row.userId
      ? { kind: "person", name: row.consentedName, sector: row.personSector ?? null }
      : row.groupId
        ? { kind: "group", name: row.groupName ?? "A group", sector: row.groupSector ?? null }
        : { kind: "outside", name: row.outsideBody ?? "" };
    const list = byAction.get(row.actionId) ?? [];
    list.push(lead);
    byAction.set(row.actionId, list);
  }
  return byAction;
}

/** Every published review, newest first, with its findings, recommendations and the partnership's responses (no authors). */
async function publishedReviewsOf(db: Kysely<Database>, planId: string): Promise<PublicReview[]> {
  const reviews = await db
    .selectFrom("reviews")
    .select(["id", "kind", "title", "publishedAt", "summary", "snapshot"])
    .where("planId", "=", planId)
    .where("status", "=", "published")
    .orderBy("publishedAt", "desc")
    .execute();
  if (reviews.length === 0) return [];
  const reviewIds = reviews.map((review) => review.id);
  const [findings, recommendations] = await Promise.all([
    db.selectFrom("reviewObstacleFindings").select(["reviewId", "obstacleCategoryId", "rating", "commentary"]).where("reviewId", "in", reviewIds).execute(),
    db.selectFrom("reviewRecommendations").select(["id", "reviewId", "body"]).where("reviewId", "in", reviewIds).orderBy("createdAt").orderBy("id").execute(),
  ]);
  const responses = recommendations.length
    ? await db
        .selectFrom("reviewResponses")
        .select(["recommendationId", "response", "body", "createdAt"])
        .where(
          "recommendationId",
          "in",
          recommendations.map((recommendation) => recommendation.id),
        )
        .orderBy("createdAt")
        .execute()
    : [];
  return reviews.map((review) => {
    // Findings follow the obstacle categories as the review froze them.
    const obstacles = review.snapshot?.obstacles ?? [];
    const ownRecommendations = recommendations.filter((recommendation) => recommendation.reviewId === review.id);
    return {
      id: review.id,
      kind: review.kind,
      title: review.title,
      publishedAt: review.publishedAt!,
      summary: review.summary,
      findings: obstacles.flatMap((obstacle) => {
        const finding = findings.find((row) => row.reviewId === review.id && row.obstacleCategoryId === obstacle.id);
        return finding ? [{ obstacle: obstacle.name, rating: finding.rating, commentary: finding.commentary }] : [];
      }),
      recommendations: ownRecommendations.map((recommendation, index) => ({
        number: index + 1,
        body: recommendation.body,
        responses: responses
          .filter((response) => response.recommendationId === recommendation.id)
          .map((response) => ({ response: response.response, body: response.body, at: response.createdAt })),
      })),
    };
  });
}

/** The plan's feed: completions confirmed and reviews published, newest first; null unless the plan is published. */
export async function publicFeedOf(db: Kysely<Database>, slug: string, planId: string) {
  const head = await publishedPlanHead(db, slug, planId);
  if (!head) return null;
  const [completions, reviews] = await Promise.all([
    db
      .selectFrom("auditEvents as e")
      .innerJoin("actions as a", "a.id", "e.actionId")
      .innerJoin("objectives as o", "o.id", "a.objectiveId")
      .select(["e.id", "e.occurredAt", "a.id as actionId", "a.number", "a.title", "o.number as objectiveNumber"])
      .where("e.planId", "=", planId)
      .where("e.entityType", "=", "action")
      .where("e.verb", "=", "completion_confirmed")
      .where("a.archivedAt", "is", null)
      .orderBy("e.occurredAt", "desc")
      .limit(FEED_ENTRIES)
      .execute(),
    db
      .selectFrom("reviews")
      .select(["id", "title", "summary", "publishedAt"])
      .where("planId", "=", planId)
      .where("status", "=", "published")
      .orderBy("publishedAt", "desc")
      .limit(FEED_ENTRIES)
      .execute(),
  ]);
  return {
    ...head,
    completions: completions.map((row) => ({ ...row, id: String(row.id) })),
    reviews: reviews.map((review) => ({ ...review, publishedAt: review.publishedAt! })),
  };
}

export type PublicFeedData = NonNullable<Awaited<ReturnType<typeof publicFeedOf>>>;
