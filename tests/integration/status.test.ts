import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCounts, sectorBalance } from "../../app/domain/plan-status";
import { addProgressNote, createAction, currentContent, updateActionContent } from "../../app/server/plans/action-content.server";
import { setGroupMember } from "../../app/server/people/groups.server";
import { createObjective } from "../../app/server/plans/objectives.server";
import { loadPlan, type PlanContextData } from "../../app/server/platform/plan-data.server";
import { createPlan } from "../../app/server/plans/plans.server";
import { saveSummary } from "../../app/server/reviews/review-writing.server";
import { publishReview } from "../../app/server/reviews/reviews.server";
import { loadPlanStatus, planOverviewsOf } from "../../app/server/status/status.server";
import { actorFor, portsmouthFixture } from "./support/people";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

// The status page's figures on a data set whose answers are worked out by
// hand: who leads (people, groups by their members' sectors, outside bodies),
// who updated in the last 90 days, and what changed since a date, with the
// date turning at midnight in London.

let database: TestDatabase;
let demo: PlanContextData;
let queries = 0;

beforeAll(async () => {
  database = await createTestDatabase({ from: "portsmouth", onQuery: () => (queries += 1) });
  ({ plan: demo } = await portsmouthFixture(database.db));
});
afterAll(() => database.close());

const as = (email: string) => actorFor(database.db, email);
const userId = async (email: string) => (await database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const groupId = async (name: string) => (await database.db.selectFrom("groups").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

/** A new plan of the demo partnership, stewarded by the Third Sector Leadership Group. */
async function newPlan(title: string): Promise<PlanContextData> {
  const planId = await createPlan(database.db, await as("admin@demo.test"), {
    title,
    periodStart: null,
    periodEnd: null,
    stewardGroupIds: [await groupId("Third Sector Leadership Group")],
  });
  return (await loadPlan(database.db, demo.partnershipId, planId))!;
}

/** An audit event as if it had happened at `at`: the trail is the status page's only source of the past. */
async function pastEvent(
  plan: PlanContextData,
  at: string,
  event: { verb: string; entityType?: string; by?: string | null; sector?: "public" | "voluntary_community" },
) {
  const actorId = event.by === null ? null : await userId(event.by ?? "leader@demo.test");
  await database.db
    .insertInto("auditEvents")
    .values({
      occurredAt: new Date(at),
      partnershipId: plan.partnershipId,
      planId: plan.id,
      actorUserId: actorId,
      actorRole: actorId ? "member" : "system",
      actorSector: actorId ? (event.sector ?? "voluntary_community") : null,
      entityType: event.entityType ?? "action",
      entityId: crypto.randomUUID(),
      verb: event.verb,
      changes: "{}",
      context: "{}",
    })
    .execute();
}

describe(`the status page's figures on ${engine}`, () => {
  it("splits leadership by sector: people by theirs, groups by their members', outside bodies apart", async () => {
    const plan = await newPlan("Leadership plan");
    const leader = await as("leader@demo.test");
    const objectiveId = crypto.randomUUID();
    await createObjective(database.db, leader, plan, { id: objectiveId, title: "Work together" });
    // A mixed group: David Williams (public) and, from now, Sam Patel (voluntary sector).
    const efficiencies = await groupId("PCC Efficiencies Board");
    await setGroupMember(database.db, await as("admin@demo.test"), efficiencies, await userId("leader@demo.test"), "member");
    const leads = {
      officer: { userIds: [await userId("officer@demo.test")], groupIds: [], outsideBodies: [] },
      leadership: { userIds: [], groupIds: [await groupId("Third Sector Leadership Group")], outsideBodies: [] },
      // The Compact Working Group is cross-sector by name, but its members are both public sector.
      compactAndColleges: { userIds: [], groupIds: [await groupId("Compact Working Group")], outsideBodies: ["Local colleges"] },
      nobody: { userIds: [], groupIds: [], outsideBodies: [] },
      efficiencies: { userIds: [], groupIds: [efficiencies], outsideBodies: [] },
    };
    for (const [title, choice] of Object.entries(leads)) {
      const id = crypto.randomUUID();
      await createAction(database.db, leader, plan, { id, objectiveId, title });
      if (choice.userIds.length + choice.groupIds.length + choice.outsideBodies.length === 0) continue;
      const content = (await currentContent(database.db, plan, id))!;
      await updateActionContent(database.db, leader, plan, id, { ...content, leads: choice });
    }

    const status = await loadPlanStatus(database.db, plan, { since: "2026-01-01", now: new Date() });
    const shares = sectorBalance(status.board.cards, status.groupMembers, status.updates);
    const bySector = Object.fromEntries(shares.map((share) => [share.sector, { lead: share.leadShare, led: share.actionsLed }]));
    // Five actions: public 1 + ½ + ½ = 2, voluntary 1 + ½ = 1.5, outside ½, unassigned 1.
    expect(bySector).toEqual({
      public: { lead: 0.4, led: 3 },
      voluntary_community: { lead: 0.3, led: 2 },
      outside: { lead: 0.1, led: 1 },
      unassigned: { lead: 0.2, led: 1 },
    });
  });

  it("counts the partners' updates by sector over the last 90 days: people's only, refusals, review writing and settings left out", async () => {
    const plan = await newPlan("Updates plan");
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    await pastEvent(plan, daysAgo(10), { verb: "moved", by: "officer@demo.test", sector: "public" });
    await pastEvent(plan, daysAgo(20), { verb: "added", entityType: "progress_note", by: "leader@demo.test" });
    await pastEvent(plan, daysAgo(30), { verb: "moved", by: "leader@demo.test" });
    await pastEvent(plan, daysAgo(89), { verb: "moved", by: "leader@demo.test" });
    await pastEvent(plan, daysAgo(95), { verb: "moved", by: "leader@demo.test" });
    await pastEvent(plan, daysAgo(5), { verb: "refused", entityType: "request", by: "leader@demo.test" });
    await pastEvent(plan, daysAgo(5), { verb: "seeded", entityType: "partnership", by: null });
    await pastEvent(plan, daysAgo(15), { verb: "completion_confirmed", by: "officer@demo.test", sector: "public" });
    await pastEvent(plan, daysAgo(12), { verb: "updated", entityType: "objective", by: "officer@demo.test", sector: "public" });
    // Hertfordshire's facilitator once outweighed both sectors by writing the review: not a sector's update.
    const facilitator = await userId("facilitator@demo.test");
    for (const verb of ["action_assessed", "obstacle_found", "summary_written", "recommendation_added"]) {
      await database.db
        .insertInto("auditEvents")
        .values({
          occurredAt: new Date(daysAgo(3)),
          partnershipId: plan.partnershipId,
          planId: plan.id,
          actorUserId: facilitator,
          actorRole: "facilitator",
          actorSector: "independent",
          entityType: "review",
          entityId: crypto.randomUUID(),
          verb,
          changes: "{}",
          context: "{}",
        })
        .execute();
    }

    const status = await loadPlanStatus(database.db, plan, { since: "2026-01-01", now });
    // The admin created the plan just now: a plan event, not an update to its actions.
    expect(Object.fromEntries(status.updates)).toEqual({ public: 3, voluntary_community: 3 });
    const shares = sectorBalance(status.board.cards, status.groupMembers, status.updates);
    expect(shares.find((share) => share.sector === "voluntary_community")).toMatchObject({ updates: 3, updateShare: 0.5 });
    expect(shares.find((share) => share.sector === "public")).toMatchObject({ updates: 3, updateShare: 0.5 });
    expect(shares.find((share) => share.sector === "independent")).toBeUndefined();
  });

  it("counts what changed since a UK date, from its first minute in London, and quotes the latest notes", async () => {
    const plan = await newPlan("Since plan");
    // 1 October 2026 begins at 23:00 UTC on 30 September (British Summer Time).
    await pastEvent(plan, "2026-09-30T22:59:59Z", { verb: "moved" });
    await pastEvent(plan, "2026-09-30T23:00:00Z", { verb: "moved" });
    await pastEvent(plan, "2026-10-02T09:00:00Z", { verb: "completion_proposed" });
    await pastEvent(plan, "2026-10-03T09:00:00Z", { verb: "completion_confirmed" });
    await pastEvent(plan, "2026-10-04T09:00:00Z", { verb: "created" });
    await pastEvent(plan, "2026-10-05T09:00:00Z", { verb: "added", entityType: "progress_note" });
    await pastEvent(plan, "2026-10-06T09:00:00Z", { verb: "refused", entityType: "request" });

    const status = await loadPlanStatus(database.db, plan, { since: "2026-10-01", now: new Date("2026-10-10T12:00:00Z") });
    // Creating the plan (today, after all of these) is the one other change.
    expect(changeCounts(status.changes)).toEqual({ moves: 2, confirmations: 1, newActions: 1, notes: 1, other: 1 });

    // In winter London keeps UTC: 1 December begins at midnight UTC.
    await pastEvent(plan, "2026-11-30T23:59:59Z", { verb: "moved" });
    await pastEvent(plan, "2026-12-01T00:00:00Z", { verb: "moved" });
    const winter = await loadPlanStatus(database.db, plan, { since: "2026-12-01", now: new Date("2026-12-10T12:00:00Z") });
    expect(changeCounts(winter.changes).moves).toBe(1);
  });

  it("quotes the newest notes since the date, at most five", async () => {
    const leader = await as("leader@demo.test");
    const ids = (await database.db.selectFrom("actions").select("id").where("planId", "=", demo.id).orderBy("number").execute()).map((row) => row.id);
    for (const [index, body] of ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"].entries()) {
      await addProgressNote(database.db, leader, demo, ids[index % 2]!, body);
    }
    const status = await loadPlanStatus(database.db, demo, { since: "2026-01-01", now: new Date() });
    expect(status.latestNotes.map((note) => note.body)).toEqual(["Sixth", "Fifth", "Fourth", "Third", "Second"]);
  });

  it("carries the latest published review, with its summary and findings, once one is published", async () => {
    const before = await loadPlanStatus(database.db, demo, { since: "2026-01-01", now: new Date() });
    expect(before.latestReview).toBeNull();
    expect(before.nextReview).toMatchObject({ title: "Six-month review", dueOn: "2010-09-30" });
    const facilitator = await as("facilitator@demo.test");
    const review = await database.db.selectFrom("reviews").select("id").where("planId", "=", demo.id).executeTakeFirstOrThrow();
    await saveSummary(database.db, facilitator, demo, review.id, { version: 0, summary: "Steady progress on commissioning." });
    await publishReview(database.db, facilitator, demo, review.id);
    const { latestReview } = await loadPlanStatus(database.db, demo, { since: "2026-01-01", now: new Date() });
    expect(latestReview).toMatchObject({ id: review.id, status: "published", summary: "Steady progress on commissioning." });
    // The demo review's one finding, on Communications.
    expect(latestReview!.findings).toEqual([expect.objectContaining({ rating: "partly_addressed" })]);
  });

  it("reads a plan's status in the same number of queries at 9 actions and at 300", async () => {
    queries = 0;
    const few = await loadPlanStatus(database.db, demo, { since: "2026-01-01", now: new Date() });
    const withFew = queries;
    const leader = await as("leader@demo.test");
    const objectiveId = few.board.objectives[0]!.id;
    for (let index = few.board.cards.length; index < 300; index += 1) {
      await createAction(database.db, leader, demo, { id: crypto.randomUUID(), objectiveId, title: `Action ${index}` });
    }
    queries = 0;
    const many = await loadPlanStatus(database.db, demo, { since: "2026-01-01", now: new Date() });
    expect(many.board.cards).toHaveLength(300);
    expect(queries).toBe(withFew);
    // The board's 7, one each for group members, updates, changes, notes, the burn-up and the next
    // review, the latest published review read whole (published above), and the outcomes' 3.
    expect(withFew).toBe(25);
  });

  it("gives the partnership overview in three queries, each plan with its actions and next review, and three a plan for its outcomes", async () => {
    queries = 0;
    const overviews = await planOverviewsOf(database.db, demo.partnershipId);
    // Outcomes come through the one read of them, outcomesOf(), a plan at a time.
    expect(queries).toBe(3 + 3 * overviews.length);
    const portsmouth = overviews.find((overview) => overview.id === demo.id)!;
    expect(portsmouth.actions).toHaveLength(300);
    // Its six-month review was published above: nothing is due until the next is scheduled.
    expect(portsmouth.nextReview).toBeNull();
    expect(portsmouth.lastChangeAt).toBeInstanceOf(Date);
  });
});
