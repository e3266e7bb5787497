import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { addDaysTo, startOfUkDay, ukToday } from "../../domain/dates";
import { PLAN_UPDATE_ENTITIES, UPDATE_WINDOW_DAYS, type BurnUpEvent } from "../../domain/plan-status";
import type { Sector, Status } from "../../domain/vocabulary";
import { latestPublishedReviewOf, loadBoard } from "../plans/board.server";
import type { PlanContextData } from "../platform/plan-data.server";
import { nextReviewOf, reviewOf } from "../reviews/review-data.server";
import { outcomesOf } from "../outcomes/indicators.server";

// What a plan's status page reads, in a fixed number of queries however large
// the plan or its history: the board's read model, the sectors of group
// members, and the audit trail counted by the database (never loaded whole).

/** Notes quoted under "since the last meeting". */
const QUOTED_NOTES = 5;

export async function loadPlanStatus(db: Kysely<Database>, plan: PlanContextData, options: { since: string; now: Date }) {
  const today = ukToday(options.now);
  const [board, groupMembers, updates, changes, latestNotes, burnUpEvents, nextReview, latestReview, outcomes] = await Promise.all([
    loadBoard(db, plan.id, plan.partnershipId),
    memberSectorsByGroup(db, plan.partnershipId),
    updatesBySector(db, plan.id, startOfUkDay(addDaysTo(today, -UPDATE_WINDOW_DAYS))),
    changesSince(db, plan.id, startOfUkDay(options.since)),
    notesSince(db, plan.id, startOfUkDay(options.since)),
    burnUpEventsOf(db, plan.id),
    nextReviewOf(db, plan.id),
    latestPublishedReviewOf(db, plan.id).then((latest) => (latest ? reviewOf(db, plan, latest.id) : null)),
    outcomesOf(db, plan.id, today),
  ]);
  return { today, board, groupMembers, updates, changes, latestNotes, burnUpEvents, nextReview, latestReview, outcomes };
}

/** The plan's outcomes on `today`, with the objectives they serve by number: what indicators.csv lists. */
export async function planOutcomesOf(db: Kysely<Database>, planId: string, today: string) {
  const [outcomes, objectives] = await Promise.all([
    outcomesOf(db, planId, today),
    db.selectFrom("objectives").select(["id", "number", "title"]).where("planId", "=", planId).where("archivedAt", "is", null).orderBy("number").execute(),
  ]);
  return { outcomes, objectives };
}

export type PlanStatusData = Awaited<ReturnType<typeof loadPlanStatus>>;

/** The sectors of each group's active members, for groups that lead. */
async function memberSectorsByGroup(db: Kysely<Database>, partnershipId: string) {
  const rows = await db
    .selectFrom("groupMemberships as g")
    .innerJoin("partnershipMemberships as m", (join) => join.onRef("m.userId", "=", "g.userId").onRef("m.partnershipId", "=", "g.partnershipId"))
    .select(["g.groupId", "m.sector"])
    .where("g.partnershipId", "=", partnershipId)
    .where("m.disabledAt", "is", null)
    .execute();
  const byGroup = new Map<string, Sector[]>();
  for (const row of rows) {
    const sectors = byGroup.get(row.groupId) ?? [];
    sectors.push(row.sector);
    byGroup.set(row.groupId, sectors);
  }
  return byGroup;
}

/** The partners' updates to the plan since a moment (as the domain counts them), by the sector they acted in. */
async function updatesBySector(db: Kysely<Database>, planId: string, since: Date) {
  const rows = await db
    .selectFrom("auditEvents")
    .select(["actorSector", (eb) => eb.fn.countAll<string>().as("count")])
    .where("planId", "=", planId)
    .where("entityType", "in", PLAN_UPDATE_ENTITIES)
    .where("occurredAt", ">=", since)
    .where("actorUserId", "is not", null)
    .where("verb", "!=", "refused")
    .groupBy("actorSector")
    .execute();
  return new Map<Sector | null, number>(rows.map((row) => [row.actorSector, Number(row.count)]));
}

/** The plan's changes since a moment, counted by what they were. */
async function changesSince(db: Kysely<Database>, planId: string, since: Date) {
  const rows = await db
    .selectFrom("auditEvents")
    .select(["entityType", "verb", (eb) => eb.fn.countAll<string>().as("count")])
    .where("planId", "=", planId)
    .where("occurredAt", ">=", since)
    .where("verb", "!=", "refused")
    .groupBy(["entityType", "verb"])
    .execute();
  return rows.map((row) => ({ entityType: row.entityType, verb: row.verb, count: Number(row.count) }));
}

/** The latest progress notes since a moment, with their action's reference. */
function notesSince(db: Kysely<Database>, planId: string, since: Date) {
  return db
    .selectFrom("progressNotes as n")
    .innerJoin("actions as a", "a.id", "n.actionId")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .innerJoin("users as u", "u.id", "n.authorId")
    .select(["n.id", "n.actionId", "n.body", "n.createdAt", "u.displayName as author", "a.number", "a.title", "o.number as objectiveNumber"])
    .where("a.planId", "=", planId)
    .where("a.archivedAt", "is", null)
    .where("n.createdAt", ">=", since)
    .orderBy("n.createdAt", "desc")
    .limit(QUOTED_NOTES)
    .execute();
}

/** The events that change the burn-up: actions created and archived, completions confirmed and reopened. */
async function burnUpEventsOf(db: Kysely<Database>, planId: string): Promise<BurnUpEvent[]> {
  const rows = await db
    .selectFrom("auditEvents as e")
    .leftJoin("actions as a", "a.id", "e.actionId")
    .select([
      "e.verb",
      sql<string>`to_char(e.occurred_at at time zone 'Europe/London', 'YYYY-MM-DD')`.as("on"),
      sql<boolean>`coalesce(a.status = 'done' and a.completion_confirmed_at is not null, false)`.as("wasConfirmed"),
    ])
    .where("e.planId", "=", planId)
    .where("e.entityType", "=", "action")
    .where("e.verb", "in", ["created", "archived", "completion_confirmed", "reopened"])
    .execute();
  const kinds = { created: "created", archived: "archived", completion_confirmed: "confirmed", reopened: "reopened" } as const;
  return rows.map((row) => ({ on: row.on, kind: kinds[row.verb as keyof typeof kinds], wasConfirmed: row.wasConfirmed }));
}

/** The moment of a plan's ("plans as p") latest change, refusals aside: the overview's and the public page's "last updated". */
export function lastPlanChange(eb: ExpressionBuilder<Database & { p: Database["plans"] }, "p">) {
  return eb
    .selectFrom("auditEvents as e")
    .select("e.occurredAt")
    .whereRef("e.planId", "=", "p.id")
    .where("e.verb", "!=", "refused")
    .orderBy("e.occurredAt", "desc")
    .limit(1)
    .as("lastChangeAt");
}

/**
 * Every plan of a partnership with its actions' facts, its next review and
 * its last change, for the partnership's overview: three queries however many
 * plans and actions there are, and each plan's outcomes as on `today` (the one
 * read of outcomes, three queries a plan: a partnership has a handful of plans).
 */
export async function planOverviewsOf(db: Kysely<Database>, partnershipId: string, today = ukToday()) {
  const plans = await db
    .selectFrom("plans as p")
    .select(["p.id", "p.title", lastPlanChange])
    .where("p.partnershipId", "=", partnershipId)
    .where("p.archivedAt", "is", null)
    .orderBy("p.createdAt")
    .execute();
  if (plans.length === 0) return [];
  const planIds = plans.map((plan) => plan.id);
  const [actions, reviews, outcomes] = await Promise.all([
    db
      .selectFrom("actions")
      .select(["planId", "status", "dueOn", "completionConfirmedAt"])
      .where("planId", "in", planIds)
      .where("archivedAt", "is", null)
      .execute(),
    db
      .selectFrom("reviews")
      .select(["planId", "kind", "title", "status", "dueOn"])
      .where("planId", "in", planIds)
      .where("status", "!=", "published")
      .orderBy("dueOn")
      .orderBy("createdAt")
      .execute(),
    Promise.all(planIds.map((planId) => outcomesOf(db, planId, today))),
  ]);
  const actionsByPlan = new Map<string, Array<{ status: Status; dueOn: string | null; confirmedDone: boolean }>>();
  for (const action of actions) {
    const facts = { status: action.status, dueOn: action.dueOn, confirmedDone: action.status === "done" && action.completionConfirmedAt !== null };
    const list = actionsByPlan.get(action.planId) ?? [];
    list.push(facts);
    actionsByPlan.set(action.planId, list);
  }
  return plans.map((plan, index) => ({
    ...plan,
    actions: actionsByPlan.get(plan.id) ?? [],
    outcomes: outcomes[index]!,
    // Reviews come by due date: the first of a plan's is its next.
    nextReview: reviews.find((review) => review.planId === plan.id) ?? null,
  }));
}
