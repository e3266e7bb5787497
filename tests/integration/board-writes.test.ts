import { beforeEach, afterEach, describe, expect, it } from "vitest";
import { compareKeys } from "../../app/domain/ordering";
import { createAction, currentContent, updateActionContent } from "../../app/server/plans/action-content.server";
import { confirmCompletion, moveAction, returnCompletion } from "../../app/server/plans/moves.server";
import { loadBoard } from "../../app/server/plans/board.server";
import { ConflictError, ForbiddenError, InputError } from "../../app/server/platform/errors.server";
import { createObjective } from "../../app/server/plans/objectives.server";
import { loadPlan, type PlanContextData } from "../../app/server/platform/plan-data.server";
import { createPlan } from "../../app/server/plans/plans.server";
import { actorFor, portsmouthFixture } from "./support/people";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

let database: TestDatabase;
let plan: PlanContextData;
let ids: Record<string, string>;

let seededUpTo: number;

beforeEach(async () => {
  database = await createTestDatabase({ from: "portsmouth" });
  ({ plan, ids } = await portsmouthFixture(database.db));
  // The demo's own 2010 story is in the trail: the tests read what comes after it.
  seededUpTo = (
    await database.db
      .selectFrom("auditEvents")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow()
  ).id as number;
});
afterEach(() => database.close());

async function column(objective: string, status: string) {
  const board = await loadBoard(database.db, plan.id, plan.partnershipId);
  return board.cards
    .filter((card) => card.objectiveId === ids[`objective ${objective}`] && card.status === status)
    .sort((a, b) => compareKeys(a.orderKey, b.orderKey))
    .map((card) => `${objective}.${card.number}`);
}

async function eventsFor(actionId: string) {
  return database.db
    .selectFrom("auditEvents")
    .select(["verb", "actorSector", "changes", "context"])
    .where("actionId", "=", actionId)
    .where("id", ">", seededUpTo)
    .orderBy("id")
    .execute();
}

describe(`moving cards on ${engine}`, () => {
  it("moves to another column at the top, the bottom and after a chosen card", async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    // Sam is in the steward group, so may move every action of the plan.
    await moveAction(database.db, leader, plan, { actionId: ids["1.2"]!, objectiveId: ids["objective 1"]!, status: "in_progress", placement: { at: "top" } });
    expect(await column("1", "in_progress")).toEqual(["1.2", "1.1", "1.3"]);
    await moveAction(database.db, leader, plan, {
      actionId: ids["1.4"]!,
      objectiveId: ids["objective 1"]!,
      status: "in_progress",
      placement: { at: "after", anchorId: ids["1.2"]! },
    });
    expect(await column("1", "in_progress")).toEqual(["1.2", "1.4", "1.1", "1.3"]);
    await moveAction(database.db, leader, plan, {
      actionId: ids["1.2"]!,
      objectiveId: ids["objective 1"]!,
      status: "in_progress",
      placement: { at: "bottom" },
    });
    expect(await column("1", "in_progress")).toEqual(["1.4", "1.1", "1.3", "1.2"]);
    expect(await column("1", "not_started")).toEqual([]);

    const events = await eventsFor(ids["1.2"]!);
    expect(events.map((event) => [event.verb, event.actorSector])).toEqual([
      ["moved", "voluntary_community"],
      ["moved", "voluntary_community"],
    ]);
    expect(events[0]!.changes).toEqual({ status: { before: "not_started", after: "in_progress" } });
  });

  it("moves a card to another objective for a steward, renumbering it there", async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    await moveAction(database.db, leader, plan, { actionId: ids["1.4"]!, objectiveId: ids["objective 2"]!, status: "not_started", placement: { at: "top" } });
    expect(await column("2", "not_started")).toEqual(["2.4", "2.1"]);
    const [event] = await eventsFor(ids["1.4"]!);
    expect(event!.context).toMatchObject({ reference: "2.4" });
  });

  it("lets a lead move their action within its objective but not to another one", async () => {
    const officer = await actorFor(database.db, "officer@demo.test");
    await moveAction(database.db, officer, plan, { actionId: ids["1.1"]!, objectiveId: ids["objective 1"]!, status: "at_risk", placement: { at: "top" } });
    expect(await column("1", "at_risk")).toEqual(["1.1", "1.5"]);
    await expect(
      moveAction(database.db, officer, plan, { actionId: ids["1.1"]!, objectiveId: ids["objective 2"]!, status: "at_risk", placement: { at: "top" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await column("1", "at_risk")).toEqual(["1.1", "1.5"]);
  });

  it("refuses a move by someone without rights, writing nothing", async () => {
    for (const email of ["councillor@demo.test", "facilitator@demo.test", "admin@demo.test", "officer@demo.test"]) {
      const person = await actorFor(database.db, email);
      await expect(
        moveAction(database.db, person, plan, { actionId: ids["2.3"]!, objectiveId: ids["objective 2"]!, status: "done", placement: { at: "top" } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await column("2", "in_progress")).toEqual(["2.3"]);
    expect(await eventsFor(ids["2.3"]!)).toEqual([]);
  });
});

describe(`adding objectives and actions on ${engine}`, () => {
  // The browser chooses a new lane's or card's id, so that sending the form
  // twice adds it once. An id already used in another plan is refused, not
  // answered as if the repeat had been saved.
  it("refuses the id of another plan's objective or action, writing nothing", async () => {
    const admin = await actorFor(database.db, "admin@demo.test");
    const stewards = await database.db.selectFrom("planStewards").select("groupId").where("planId", "=", plan.id).execute();
    const otherPlanId = await createPlan(database.db, admin, {
      title: "Another plan",
      periodStart: null,
      periodEnd: null,
      stewardGroupIds: stewards.map((steward) => steward.groupId),
    });
    const otherPlan = (await loadPlan(database.db, plan.partnershipId, otherPlanId))!;
    const leader = await actorFor(database.db, "leader@demo.test");
    const eventsBefore = await database.db.selectFrom("auditEvents").select("id").execute();

    await expect(createObjective(database.db, leader, otherPlan, { id: ids["objective 1"]!, title: "Borrowed lane" })).rejects.toThrow(InputError);
    const lane = crypto.randomUUID();
    await createObjective(database.db, leader, otherPlan, { id: lane, title: "A lane of its own" });
    await expect(createAction(database.db, leader, otherPlan, { id: ids["1.1"]!, objectiveId: lane, title: "Borrowed card" })).rejects.toThrow(InputError);

    const objectives = await database.db.selectFrom("objectives").select(["title"]).where("planId", "=", otherPlanId).execute();
    expect(objectives).toEqual([{ title: "A lane of its own" }]);
    expect(await database.db.selectFrom("actions").select("id").where("planId", "=", otherPlanId).execute()).toEqual([]);
    expect(await database.db.selectFrom("auditEvents").select("id").execute()).toHaveLength(eventsBefore.length + 1);
  });

  it("adds a repeated objective once", async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    const lane = crypto.randomUUID();
    await createObjective(database.db, leader, plan, { id: lane, title: "Sent twice" });
    await createObjective(database.db, leader, plan, { id: lane, title: "Sent twice" });
    expect(await database.db.selectFrom("objectives").select("id").where("title", "=", "Sent twice").execute()).toHaveLength(1);
  });
});

describe(`editing actions on ${engine}`, () => {
  it("saves the edit with the version the editor saw, and refuses a stale one with the current content", async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    const officer = await actorFor(database.db, "officer@demo.test");
    const seen = (await currentContent(database.db, plan, ids["1.1"]!))!;

    const version = await updateActionContent(database.db, officer, plan, ids["1.1"]!, {
      ...seen,
      title: "Write the third sector strategy",
      dueOn: null,
      timescaleText: "Draft by end June 2010",
    });
    expect(version).toBe(seen.version + 1);

    const conflict = await updateActionContent(database.db, leader, plan, ids["1.1"]!, { ...seen, description: "Sam's rewrite" }).catch(
      (error: unknown) => error,
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError<typeof seen>).current).toMatchObject({
      version: seen.version + 1,
      title: "Write the third sector strategy",
      dueOn: "2010-06-30",
    });

    const now = (await currentContent(database.db, plan, ids["1.1"]!))!;
    expect(now).toMatchObject({
      title: "Write the third sector strategy",
      description: seen.description,
      timescaleText: "Draft by end June 2010",
      dueOn: "2010-06-30",
    });
    const events = await eventsFor(ids["1.1"]!);
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toMatchObject({
      title: { before: seen.title, after: "Write the third sector strategy" },
      dueOn: { before: "2010-05-31", after: "2010-06-30" },
    });
  });

  it("replaces the leads with people and groups of the partnership and outside bodies, and refuses strangers", async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    const seen = (await currentContent(database.db, plan, ids["1.4"]!))!;
    const group = await database.db.selectFrom("groups").select("id").where("name", "=", "Providers Network").executeTakeFirstOrThrow();
    await updateActionContent(database.db, leader, plan, ids["1.4"]!, {
      ...seen,
      leads: { userIds: [leader.userId], groupIds: [group.id], outsideBodies: ["JSNA team", " jsna team "] },
    });
    const board = await loadBoard(database.db, plan.id, plan.partnershipId);
    expect(board.cards.find((card) => card.id === ids["1.4"])!.leads.map((lead) => [lead.kind, lead.name, lead.sector])).toEqual([
      ["person", "Sam Patel", "voluntary_community"],
      ["group", "Providers Network", "voluntary_community"],
      ["outside", "JSNA team", null],
    ]);
    const stranger = await database.db
      .insertInto("users")
      .values({ email: "stranger@example.test", displayName: "Stranger" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const next = (await currentContent(database.db, plan, ids["1.4"]!))!;
    await expect(
      updateActionContent(database.db, leader, plan, ids["1.4"]!, { ...next, leads: { userIds: [stranger.id], groupIds: [], outsideBodies: [] } }),
    ).rejects.toBeInstanceOf(InputError);
  });
});

describe(`completion confirmed across sectors on ${engine}`, () => {
  const toDone = async (email: string, reference: string) =>
    moveAction(database.db, await actorFor(database.db, email), plan, {
      actionId: ids[reference]!,
      objectiveId: ids[`objective ${reference[0]}`]!,
      status: "done",
      placement: { at: "bottom" },
    });
  const completionOf = (reference: string) =>
    database.db
      .selectFrom("actions")
      .select(["status", "completionProposedSector", "completionConfirmedAt", "completionReturnsTo"])
      .where("id", "=", ids[reference]!)
      .executeTakeFirstOrThrow();

  it("proposes on a move to Done, refuses a same-sector confirmation, accepts one from the other sector", async () => {
    await toDone("leader@demo.test", "1.1");
    expect(await completionOf("1.1")).toMatchObject({
      status: "done",
      completionProposedSector: "voluntary_community",
      completionConfirmedAt: null,
      completionReturnsTo: "in_progress",
    });

    const sameSector = await actorFor(database.db, "leader@demo.test");
    const eventsBefore = await eventsFor(ids["1.1"]!);
    await expect(confirmCompletion(database.db, sameSector, plan, ids["1.1"]!)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await eventsFor(ids["1.1"]!)).toEqual(eventsBefore);

    await confirmCompletion(database.db, await actorFor(database.db, "officer@demo.test"), plan, ids["1.1"]!);
    expect((await completionOf("1.1")).completionConfirmedAt).not.toBeNull();
    expect((await eventsFor(ids["1.1"]!)).map((event) => [event.verb, event.actorSector])).toEqual([
      ["completion_proposed", "voluntary_community"],
      ["completion_confirmed", "public"],
    ]);
  });

  it("returns a proposal with a reason: back to its column, the reason a progress note", async () => {
    await toDone("leader@demo.test", "1.1");
    const officer = await actorFor(database.db, "officer@demo.test");
    await expect(returnCompletion(database.db, officer, plan, ids["1.1"]!, "  ")).rejects.toBeInstanceOf(InputError);
    await returnCompletion(database.db, officer, plan, ids["1.1"]!, "The draft has not gone to the PCT board yet");
    expect(await completionOf("1.1")).toMatchObject({ status: "in_progress", completionProposedSector: null });
    const notes = await database.db.selectFrom("progressNotes").select("body").where("actionId", "=", ids["1.1"]!).orderBy("createdAt", "desc").execute();
    expect(notes[0]!.body).toBe("Completion returned: The draft has not gone to the PCT board yet");
  });

  it("needs a reason to reopen a confirmed action, and records it", async () => {
    const leader = await actorFor(database.db, "leader@demo.test");
    const move = { actionId: ids["1.6"]!, objectiveId: ids["objective 1"]!, status: "at_risk" as const, placement: { at: "top" as const } };
    await expect(moveAction(database.db, leader, plan, move)).rejects.toBeInstanceOf(InputError);
    await moveAction(database.db, leader, plan, { ...move, reason: "The consortium bid failed" });
    expect(await completionOf("1.6")).toMatchObject({ status: "at_risk", completionConfirmedAt: null });
    const [event] = await eventsFor(ids["1.6"]!);
    expect(event).toMatchObject({ verb: "reopened", actorSector: "voluntary_community", context: { reason: "The consortium bid failed" } });
  });

  it("under single-sector sign-off, takes another person of the same sector but not the proposer", async () => {
    await database.db.updateTable("plans").set({ singleSectorSignoff: true }).where("id", "=", plan.id).execute();
    const singleSector = { ...plan, singleSectorSignoff: true };
    const nicola = await database.db.selectFrom("users").select("id").where("email", "like", "nicola%").executeTakeFirstOrThrow();
    await database.db.updateTable("users").set({ passwordHash: "x" }).where("id", "=", nicola.id).execute();
    const leader = await actorFor(database.db, "leader@demo.test");
    await moveAction(database.db, leader, singleSector, { actionId: ids["2.3"]!, objectiveId: ids["objective 2"]!, status: "done", placement: { at: "top" } });
    await expect(confirmCompletion(database.db, leader, singleSector, ids["2.3"]!)).rejects.toBeInstanceOf(ForbiddenError);
    const colleague = await actorFor(database.db, "nicola.youern@portsmouth.demo.test");
    await confirmCompletion(database.db, colleague, singleSector, ids["2.3"]!);
    expect((await completionOf("2.3")).completionConfirmedAt).not.toBeNull();
  });
});
