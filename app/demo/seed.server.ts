import { generateNKeysBetween } from "fractional-indexing";
import { sql, type Insertable, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { actionReference } from "../domain/references";
import { parseTimescale } from "../domain/timescale";
import { createdFields } from "../server/platform/audit.server";
import { hashPassword } from "../server/auth/passwords.server";
import { accountWrite, recorded, unchanged, type Trx } from "../server/platform/write.server";
import {
  DEMO_PASSWORD,
  demoGroups,
  demoObjectives,
  demoObstacles,
  demoPartnership,
  demoPeople,
  demoPlan,
  demoPlanLoadedAt,
  demoReview,
  stewardGroupNames,
} from "./portsmouth-data.server";
import { compactPartnership, compactPlan, compactPublication } from "./compact-data.server";
import { loadActor } from "../server/platform/actors.server";
import { agreePublication, proposePublication } from "../server/plans/publication.server";
import { setNameShownPublicly } from "../server/people/public-name.server";
import { seedCompactDemo } from "./compact-seed.server";
import { seedPortsmouthOutcomes } from "./portsmouth-outcomes.server";
import {
  insertBackdatedHistory,
  insertDemoGroups,
  insertDemoPeople,
  leadRowsOf,
  replayStory,
  SEED_LOCK_KEY,
  seededEvent,
  type DemoPeopleIds,
} from "./seed-rows.server";
import { loadPlan } from "../server/platform/plan-data.server";
import { snapshotOfPlan } from "../server/reviews/review-snapshot.server";

/** The demo partnerships' addresses, Portsmouth's first. */
export const DEMO_SLUGS: readonly string[] = [demoPartnership.slug, compactPartnership.slug];

/**
 * Loads the demo partnerships, Portsmouth (2010) and the Hertfordshire Compact
 * (running now), each in one transaction. Running it again changes nothing:
 * it returns `created: false` once both exist.
 */
export async function seedDemoData(db: Kysely<Database>): Promise<{ created: boolean }> {
  // Hash outside the transactions: argon2 is deliberately slow.
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);
  const portsmouth = await seedPortsmouthDemo(db, demoPasswordHash);
  if (portsmouth.created) await seedPortsmouthOutcomes(db, new Date());
  const compact = await seedCompactDemo(db, demoPasswordHash, new Date());
  if (compact.created) await publishCompactPlan(db);
  return { created: portsmouth.created || compact.created };
}

/**
 * The Hertfordshire Compact's partners agreed to publish their plan: its
 * admin (public sector) proposed, a VCS steward agreed, through the writes
 * people use, so its history tells it. One VCS lead said yes to her name on
 * public pages. Portsmouth's plan stays private.
 */
async function publishCompactPlan(db: Kysely<Database>) {
  const partnership = await db.selectFrom("partnerships").select("id").where("slug", "=", compactPartnership.slug).executeTakeFirstOrThrow();
  const planRow = await db
    .selectFrom("plans")
    .select("id")
    .where("partnershipId", "=", partnership.id)
    .where("title", "=", compactPlan.title)
    .executeTakeFirstOrThrow();
  const plan = (await loadPlan(db, partnership.id, planRow.id))!;
  const actorOf = async (email: string) => {
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    return (await loadActor(db, user.id, partnership.id))!;
  };
  await proposePublication(db, await actorOf(compactPublication.proposedBy), plan);
  await agreePublication(db, await actorOf(compactPublication.agreedBy), plan);
  const lead = await db.selectFrom("users").select("id").where("email", "=", compactPublication.nameShownBy).executeTakeFirstOrThrow();
  await setNameShownPublicly(db, lead.id, true);
}

/** Portsmouth's 2010 plan, with its open six-month review: the data most tests start from. */
export const seedPortsmouthDemo = accountWrite("seedPortsmouthDemo", async (trx, demoPasswordHash: string) => {
  await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
  const existing = await trx.selectFrom("partnerships").select("id").where("slug", "=", demoPartnership.slug).executeTakeFirst();
  if (existing) return unchanged({ created: false });

  const partnership = await trx.insertInto("partnerships").values(demoPartnership).returning("id").executeTakeFirstOrThrow();
  const partnershipId = partnership.id;
  const groupIdByName = await insertDemoGroups(trx, partnershipId, demoGroups);
  const people = await insertDemoPeople(trx, partnershipId, demoPeople, groupIdByName, demoPasswordHash);
  const { userIdByName } = people;

  const loadedAt = new Date(demoPlanLoadedAt);
  // Minutes after the plan was loaded: its objectives and actions were added one by one.
  const minutesLater = (minutes: number) => new Date(loadedAt.getTime() + minutes * 60_000);
  const admin = people.memberByEmail.get(demoReview.scheduledBy)!;
  const steward = people.memberByEmail.get("leader@demo.test")!;
  const by = (member: typeof admin, at: Date) => ({ occurredAt: at, actorUserId: member.userId, actorRole: member.role, actorSector: member.sector });

  const plan = await trx
    .insertInto("plans")
    .values({ ...demoPlan, partnershipId, createdAt: loadedAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  const planId = plan.id;
  await trx
    .insertInto("planStewards")
    .values(stewardGroupNames.map((name) => ({ planId, partnershipId, groupId: groupIdByName.get(name.toLowerCase())! })))
    .execute();
  const history: Array<Insertable<Database["auditEvents"]>> = [
    {
      ...by(admin, loadedAt),
      partnershipId,
      planId,
      entityType: "plan",
      entityId: planId,
      verb: "created",
      changes: JSON.stringify(createdFields({ title: demoPlan.title, periodStart: demoPlan.periodStart, periodEnd: demoPlan.periodEnd })),
      context: "{}",
    },
  ];

  const obstacles = await trx
    .insertInto("obstacleCategories")
    .values(demoObstacles.map((obstacle, position) => ({ ...obstacle, planId, position })))
    .returning(["id", "name"])
    .execute();
  const obstacleIdByName = new Map(obstacles.map((obstacle) => [obstacle.name, obstacle.id]));

  const objectiveKeys = generateNKeysBetween(null, null, demoObjectives.length);
  let minutes = 5;
  for (const [objectiveIndex, demoObjective] of demoObjectives.entries()) {
    const objectiveAt = minutesLater((minutes += 1));
    const objective = await trx
      .insertInto("objectives")
      .values({ planId, number: objectiveIndex + 1, title: demoObjective.title, orderKey: objectiveKeys[objectiveIndex]!, createdAt: objectiveAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    history.push({
      ...by(steward, objectiveAt),
      partnershipId,
      planId,
      entityType: "objective",
      entityId: objective.id,
      verb: "created",
      changes: JSON.stringify(createdFields({ number: objectiveIndex + 1, title: demoObjective.title })),
      context: "{}",
    });

    // Each action's 2010, played forward: its column, completion and notes come from its story.
    const stories = demoObjective.actions.map((action) =>
      replayStory(
        action.history.map(({ at, ...step }) => ({ ...step, at: new Date(at) })),
        people,
      ),
    );
    const keysByStatus = new Map<string, string[]>();
    for (const status of new Set(stories.map((story) => story.status))) {
      keysByStatus.set(status, generateNKeysBetween(null, null, stories.filter((story) => story.status === status).length));
    }

    for (const [actionIndex, demoAction] of demoObjective.actions.entries()) {
      const story = stories[actionIndex]!;
      const reference = actionReference(objectiveIndex + 1, actionIndex + 1);
      const createdAt = minutesLater((minutes += 2));
      const timescale = parseTimescale(demoAction.timescale);
      const action = await trx
        .insertInto("actions")
        .values({
          planId,
          objectiveId: objective.id,
          number: actionIndex + 1,
          title: demoAction.title,
          description: demoAction.description,
          status: story.status,
          orderKey: keysByStatus.get(story.status)!.shift()!,
          dueOn: timescale.dueOn,
          timescaleText: timescale.text,
          createdAt,
          updatedAt: story.updatedAt ?? createdAt,
          ...story.completion,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const actionId = action.id;

      const leads = leadRowsOf(actionId, demoAction.leadWording, groupIdByName, userIdByName);
      if (leads.length > 0) await trx.insertInto("actionLeads").values(leads).execute();

      await trx
        .insertInto("actionObstacles")
        .values(demoAction.obstacles.map((name) => ({ actionId, obstacleCategoryId: obstacleIdByName.get(name)! })))
        .execute();

      for (const note of story.notes) {
        const { id: noteId } = await trx
          .insertInto("progressNotes")
          .values({ actionId, authorId: note.authorId, body: note.body, createdAt: note.at })
          .returning("id")
          .executeTakeFirstOrThrow();
        note.event.entityId = noteId;
      }
      history.push({
        ...by(steward, createdAt),
        partnershipId,
        planId,
        actionId,
        entityType: "action",
        entityId: actionId,
        verb: "created",
        changes: JSON.stringify(createdFields({ title: demoAction.title, status: "not_started" })),
        context: JSON.stringify({ reference }),
      });
      for (const { contextFacts, ...event } of story.events) {
        history.push({
          ...event,
          partnershipId,
          planId,
          actionId,
          entityId: event.entityId || actionId,
          context: JSON.stringify({ ...contextFacts, reference }),
        });
      }
    }
  }

  history.push(...(await openDemoReview(trx, partnershipId, planId, people)));
  await insertBackdatedHistory(trx, history);

  return recorded(seededEvent(partnershipId, planId, "Portsmouth Partnership Improvement Action Plan, March 2010 (Appendix A)"), { created: true });
});

/**
 * The six-month review: scheduled in March, opened in September (its snapshot
 * is the plan as the story leaves it), partly written in the days after.
 * Returns its backdated events.
 */
async function openDemoReview(trx: Trx, partnershipId: string, planId: string, people: DemoPeopleIds) {
  const plan = await loadPlan(trx, partnershipId, planId);
  const openedAt = new Date(demoReview.openedAt);
  const snapshot = { ...(await snapshotOfPlan(trx, plan!)), takenAt: openedAt.toISOString() };
  const admin = people.memberByEmail.get(demoReview.scheduledBy)!;
  const facilitator = people.memberByEmail.get(demoReview.facilitatorEmail)!;
  const review = await trx
    .insertInto("reviews")
    .values({
      planId,
      kind: demoReview.kind,
      title: demoReview.title,
      dueOn: demoReview.dueOn,
      status: "open",
      openedAt,
      snapshot: JSON.stringify(snapshot),
      createdBy: admin.userId,
      createdAt: new Date(demoReview.scheduledAt),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("reviewFacilitators").values({ reviewId: review.id, userId: facilitator.userId }).execute();
  const actionIdOf = new Map(snapshot.actions.map((action) => [actionReference(action.objectiveNumber, action.number), action.actionId]));
  const writtenAt = demoReview.writtenAt.map((at) => new Date(at));
  await trx
    .insertInto("reviewAssessments")
    .values(
      demoReview.assessments.map((assessment, index) => ({
        reviewId: review.id,
        actionId: actionIdOf.get(assessment.reference)!,
        assessment: assessment.assessment,
        evidence: assessment.evidence,
        updatedBy: facilitator.userId,
        updatedAt: writtenAt[index]!,
      })),
    )
    .execute();
  await trx
    .insertInto("reviewObstacleFindings")
    .values({
      reviewId: review.id,
      obstacleCategoryId: snapshot.obstacles.find((obstacle) => obstacle.name === demoReview.finding.obstacle)!.id,
      rating: demoReview.finding.rating,
      commentary: demoReview.finding.commentary,
      updatedBy: facilitator.userId,
      updatedAt: writtenAt[demoReview.assessments.length]!,
    })
    .execute();

  const event = (
    member: typeof admin,
    at: Date,
    verb: string,
    changes: Record<string, unknown>,
    context: Record<string, unknown>,
  ): Insertable<Database["auditEvents"]> => ({
    occurredAt: at,
    actorUserId: member.userId,
    actorRole: member.role,
    actorSector: member.sector,
    partnershipId,
    planId,
    entityType: "review",
    entityId: review.id,
    verb,
    changes: JSON.stringify(changes),
    context: JSON.stringify({ title: demoReview.title, ...context }),
  });
  const facilitatorName = demoPeople.find((person) => person.email === demoReview.facilitatorEmail)!.displayName;
  return [
    event(
      admin,
      new Date(demoReview.scheduledAt),
      "scheduled",
      createdFields({ kind: demoReview.kind, title: demoReview.title, dueOn: demoReview.dueOn, facilitators: [facilitatorName] }),
      {},
    ),
    event(facilitator, openedAt, "opened", {}, { actions: snapshot.actions.length }),
    ...demoReview.assessments.map((assessment, index) =>
      event(facilitator, writtenAt[index]!, "action_assessed", createdFields({ assessment: assessment.assessment, evidence: assessment.evidence }), {
        reference: assessment.reference,
        actionId: actionIdOf.get(assessment.reference),
      }),
    ),
    event(
      facilitator,
      writtenAt[demoReview.assessments.length]!,
      "obstacle_found",
      createdFields({ rating: demoReview.finding.rating, commentary: demoReview.finding.commentary }),
      { obstacle: demoReview.finding.obstacle },
    ),
  ];
}
