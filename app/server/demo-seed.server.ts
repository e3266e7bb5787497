import { generateNKeysBetween } from "fractional-indexing";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { actionReference } from "../domain/references";
import { parseTimescale } from "../domain/timescale";
import type { Sector } from "../domain/vocabulary";
import { hashPassword } from "./passwords.server";
import { accountWrite, recorded, unchanged, type Trx } from "./write.server";
import {
  DEMO_PASSWORD,
  type DemoAction,
  demoGroups,
  demoObjectives,
  demoObstacles,
  demoPartnership,
  demoPeople,
  demoPlan,
  demoReview,
  stewardGroupNames,
} from "./demo-data.server";
import { compactPartnership } from "./demo-compact-data.server";
import { seedCompactDemo } from "./demo-compact-seed.server";
import { insertDemoGroups, insertDemoPeople, leadRowsOf, SEED_LOCK_KEY, seededEvent } from "./demo-seed-rows.server";
import { loadPlan } from "./plan-data.server";
import { snapshotOfPlan } from "./review-snapshot.server";

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
  const compact = await seedCompactDemo(db, demoPasswordHash, new Date());
  return { created: portsmouth.created || compact.created };
}

/** Portsmouth's 2010 plan, with its open six-month review: the data most tests start from. */
export const seedPortsmouthDemo = accountWrite("seedPortsmouthDemo", async (trx, demoPasswordHash: string) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    const existing = await trx
      .selectFrom("partnerships")
      .select("id")
      .where("slug", "=", demoPartnership.slug)
      .executeTakeFirst();
    if (existing) return unchanged({ created: false });

    const partnership = await trx
      .insertInto("partnerships")
      .values(demoPartnership)
      .returning("id")
      .executeTakeFirstOrThrow();
    const partnershipId = partnership.id;
    const groupIdByName = await insertDemoGroups(trx, partnershipId, demoGroups);
    const { userIdByName, userIdByEmail } = await insertDemoPeople(trx, partnershipId, demoPeople, groupIdByName, demoPasswordHash);
    const sectorByEmail = new Map(demoPeople.map((person) => [person.email, person.sector]));

    const plan = await trx
      .insertInto("plans")
      .values({ ...demoPlan, partnershipId })
      .returning("id")
      .executeTakeFirstOrThrow();
    const planId = plan.id;
    await trx
      .insertInto("planStewards")
      .values(stewardGroupNames.map((name) => ({ planId, partnershipId, groupId: groupIdByName.get(name.toLowerCase())! })))
      .execute();

    const obstacles = await trx
      .insertInto("obstacleCategories")
      .values(demoObstacles.map((obstacle, position) => ({ ...obstacle, planId, position })))
      .returning(["id", "name"])
      .execute();
    const obstacleIdByName = new Map(obstacles.map((obstacle) => [obstacle.name, obstacle.id]));

    const objectiveKeys = generateNKeysBetween(null, null, demoObjectives.length);
    for (const [objectiveIndex, demoObjective] of demoObjectives.entries()) {
      const objective = await trx
        .insertInto("objectives")
        .values({ planId, number: objectiveIndex + 1, title: demoObjective.title, orderKey: objectiveKeys[objectiveIndex]! })
        .returning("id")
        .executeTakeFirstOrThrow();

      // Each column of a lane gets its own run of order keys.
      const keysByStatus = new Map<string, string[]>();
      for (const action of demoObjective.actions) {
        const keys = keysByStatus.get(action.status) ?? [];
        keys.push("");
        keysByStatus.set(action.status, keys);
      }
      for (const [status, keys] of keysByStatus) {
        keysByStatus.set(status, generateNKeysBetween(null, null, keys.length));
      }

      for (const [actionIndex, demoAction] of demoObjective.actions.entries()) {
        const timescale = parseTimescale(demoAction.timescale);
        const action = await trx
          .insertInto("actions")
          .values({
            planId,
            objectiveId: objective.id,
            number: actionIndex + 1,
            title: demoAction.title,
            description: demoAction.description,
            status: demoAction.status,
            orderKey: keysByStatus.get(demoAction.status)!.shift()!,
            dueOn: timescale.dueOn,
            timescaleText: timescale.text,
            ...completionOf(demoAction, userIdByEmail, sectorByEmail),
          })
          .returning("id")
          .executeTakeFirstOrThrow();

        const leads = leadRowsOf(action.id, demoAction.leadWording, groupIdByName, userIdByName);
        if (leads.length > 0) await trx.insertInto("actionLeads").values(leads).execute();

        await trx
          .insertInto("actionObstacles")
          .values(demoAction.obstacles.map((name) => ({ actionId: action.id, obstacleCategoryId: obstacleIdByName.get(name)! })))
          .execute();

        for (const note of demoAction.notes ?? []) {
          await trx
            .insertInto("progressNotes")
            .values({ actionId: action.id, authorId: userIdByEmail.get(note.authorEmail)!, body: note.body })
            .execute();
        }
      }
    }

    await openDemoReview(trx, partnershipId, planId, userIdByEmail);

    return recorded(
      seededEvent(partnershipId, planId, "Portsmouth Partnership Improvement Action Plan, March 2010 (Appendix A)"),
      { created: true },
    );
});

/** The six-month review, open, its snapshot taken from the plan just loaded, partly written. */
async function openDemoReview(trx: Trx, partnershipId: string, planId: string, userIdByEmail: Map<string, string>) {
  const plan = await loadPlan(trx, partnershipId, planId);
  const snapshot = await snapshotOfPlan(trx, plan!);
  const facilitatorId = userIdByEmail.get(demoReview.facilitatorEmail)!;
  const review = await trx
    .insertInto("reviews")
    .values({
      planId,
      kind: demoReview.kind,
      title: demoReview.title,
      dueOn: demoReview.dueOn,
      status: "open",
      openedAt: new Date(snapshot.takenAt),
      snapshot: JSON.stringify(snapshot),
      createdBy: userIdByEmail.get(demoReview.scheduledBy)!,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("reviewFacilitators").values({ reviewId: review.id, userId: facilitatorId }).execute();
  const actionIdOf = new Map(snapshot.actions.map((action) => [actionReference(action.objectiveNumber, action.number), action.actionId]));
  await trx
    .insertInto("reviewAssessments")
    .values(
      demoReview.assessments.map((assessment) => ({
        reviewId: review.id,
        actionId: actionIdOf.get(assessment.reference)!,
        assessment: assessment.assessment,
        evidence: assessment.evidence,
        updatedBy: facilitatorId,
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
      updatedBy: facilitatorId,
    })
    .execute();
}

/** Demo actions in Done carry their completion: proposed, and perhaps confirmed from the other sector. */
function completionOf(action: DemoAction, userIdByEmail: Map<string, string>, sectorByEmail: Map<string, Sector>) {
  if (!action.completion) return {};
  const { proposedBy, returnsTo, confirmedBy } = action.completion;
  const now = new Date();
  return {
    completionProposedBy: userIdByEmail.get(proposedBy)!,
    completionProposedSector: sectorByEmail.get(proposedBy)!,
    completionProposedAt: now,
    completionReturnsTo: returnsTo,
    completionConfirmedBy: confirmedBy ? userIdByEmail.get(confirmedBy)! : null,
    completionConfirmedAt: confirmedBy ? now : null,
  };
}
