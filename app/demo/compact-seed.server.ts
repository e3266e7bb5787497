import { generateNKeysBetween } from "fractional-indexing";
import { sql, type Insertable } from "kysely";
import type { Database } from "../../db/schema";
import { addDaysTo, ukToday } from "../domain/dates";
import { actionReference } from "../domain/references";
import type { Status } from "../domain/vocabulary";
import {
  compactGroups,
  compactObjectives,
  compactPartnership,
  compactPeople,
  compactPlan,
  compactStewardGroupNames,
  type CompactAction,
} from "./compact-data.server";
import { publishFirstQuarterCheck } from "./compact-review.server";
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
import { accountWrite, recorded, unchanged, type Trx } from "../server/platform/write.server";

// The Hertfordshire Compact as a plan that runs now: dates set from the day
// it loads, and five months of work replayed into the rows and, backdated,
// into the audit trail, so the status page has a real shape to show.

const DAY = 86_400_000;

/** Loads the Compact demo, dated around `now`; changes nothing if it exists. */
export const seedCompactDemo = accountWrite("seedCompactDemo", async (trx, demoPasswordHash: string, now: Date) => {
  await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
  const existing = await trx.selectFrom("partnerships").select("id").where("slug", "=", compactPartnership.slug).executeTakeFirst();
  if (existing) return unchanged({ created: false });

  const today = ukToday(now);
  const { id: partnershipId } = await trx.insertInto("partnerships").values(compactPartnership).returning("id").executeTakeFirstOrThrow();
  const groupIdByName = await insertDemoGroups(trx, partnershipId, compactGroups);
  const people = await insertDemoPeople(trx, partnershipId, compactPeople, groupIdByName, demoPasswordHash);
  const periodStart = addDaysTo(today, -compactPlan.startedDaysAgo);
  const { id: planId } = await trx
    .insertInto("plans")
    .values({ partnershipId, title: compactPlan.title, periodStart, periodEnd: addDaysTo(periodStart, compactPlan.lengthInDays - 1) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("planStewards")
    .values(compactStewardGroupNames.map((name) => ({ planId, partnershipId, groupId: groupIdByName.get(name.toLowerCase())! })))
    .execute();

  const history: Array<Insertable<Database["auditEvents"]>> = [];
  const objectiveKeys = generateNKeysBetween(null, null, compactObjectives.length);
  for (const [objectiveIndex, demoObjective] of compactObjectives.entries()) {
    const { id: objectiveId } = await trx
      .insertInto("objectives")
      .values({
        planId,
        number: objectiveIndex + 1,
        title: demoObjective.title,
        orderKey: objectiveKeys[objectiveIndex]!,
        createdAt: startOf(now, compactPlan.startedDaysAgo),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const replayed = demoObjective.actions.map((action, actionIndex) => replay(action, actionIndex, now, people));
    const keysByStatus = orderKeysByStatus(replayed.map((action) => action.status));

    for (const [actionIndex, demoAction] of demoObjective.actions.entries()) {
      const story = replayed[actionIndex]!;
      const reference = actionReference(objectiveIndex + 1, actionIndex + 1);
      const { id: actionId } = await trx
        .insertInto("actions")
        .values({
          planId,
          objectiveId,
          number: actionIndex + 1,
          title: demoAction.title,
          description: demoAction.description,
          status: story.status,
          orderKey: keysByStatus.get(story.status)!.shift()!,
          dueOn: demoAction.dueInDays === null ? null : addDaysTo(today, demoAction.dueInDays),
          timescaleText: demoAction.timescale,
          createdAt: startOf(now, compactPlan.startedDaysAgo),
          updatedAt: story.updatedAt ?? startOf(now, compactPlan.startedDaysAgo),
          ...story.completion,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const leads = leadRowsOf(actionId, demoAction.leadWording, groupIdByName, people.userIdByName);
      if (leads.length > 0) await trx.insertInto("actionLeads").values(leads).execute();
      for (const note of story.notes) {
        const { id: noteId } = await trx
          .insertInto("progressNotes")
          .values({ actionId, authorId: note.authorId, body: note.body, createdAt: note.at })
          .returning("id")
          .executeTakeFirstOrThrow();
        note.event.entityId = noteId;
      }
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

  await scheduleSixMonthReview(trx, planId, periodStart, people);
  history.push(...(await publishFirstQuarterCheck(trx, partnershipId, planId, people, history, now)));
  await insertBackdatedHistory(trx, history);

  return recorded(seededEvent(partnershipId, planId, "Hertfordshire Compact (Three Rivers District Council, Appendix A), with a fictional history"), {
    created: true,
  });
});

/** An action's story, each step timed in the working day it happened, never after `now`. */
function replay(action: CompactAction, actionIndex: number, now: Date, people: DemoPeopleIds) {
  const steps = action.history.map(({ daysAgo, ...step }, eventIndex) => ({
    ...step,
    // Spread the day's events through the working day, in order, and never after `now`.
    at: new Date(
      Math.min(
        startOf(now, daysAgo).getTime() + (9 * 60 + ((actionIndex * 37) % 420) + eventIndex) * 60_000,
        now.getTime() - (action.history.length - eventIndex) * 60_000,
      ),
    ),
  }));
  return replayStory(steps, people);
}

/** Order keys for each column of a lane, in the order its actions come. */
function orderKeysByStatus(statuses: Status[]) {
  const keys = new Map<Status, string[]>();
  for (const status of new Set(statuses)) keys.set(status, generateNKeysBetween(null, null, statuses.filter((each) => each === status).length));
  return keys;
}

/** Midnight UTC, some days before `now`. */
function startOf(now: Date, daysAgo: number): Date {
  const day = new Date(now.getTime() - daysAgo * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
}

/** The plan's six-month review, scheduled by its admin, for the demo facilitator. */
async function scheduleSixMonthReview(trx: Trx, planId: string, periodStart: string, people: DemoPeopleIds) {
  const admin = compactPeople.find((person) => person.role === "admin")!;
  const { id: reviewId } = await trx
    .insertInto("reviews")
    .values({ planId, kind: "six_month", title: "Six-month review", dueOn: addDaysTo(periodStart, 182), createdBy: people.userIdByEmail.get(admin.email)! })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("reviewFacilitators")
    .values({ reviewId, userId: people.userIdByEmail.get("facilitator@demo.test")! })
    .execute();
}
