import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOf } from "../../app/server/platform/errors.server";
import { createGroup, setGroupMember } from "../../app/server/people/groups.server";
import { changeMembership, setMemberDisabled } from "../../app/server/people/members.server";
import { actorFor } from "./support/people";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

// Two admins clicking at the same moment. On PostgreSQL the two writes run
// as concurrent transactions, which is where these races lived; PGlite's
// driver runs one transaction at a time, so there the same tests show the
// rules hold when the writes come one after the other.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ from: "portsmouth" });
});
afterAll(() => database.close());

const ROUNDS = 8;
// The second admin's click is refused either way: by the rule, when both ran
// at once, or by the policy, when the first one's change had already made
// them a member (or disabled them) before their click was weighed.
const LAST_ADMIN_REFUSED = /^(409 A partnership needs at least one admin|403 You do not have permission)/;

async function userId(email: string) {
  return (await database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

/** What a person would be told for each of the writes run at once: "ok", or the status and message. */
async function answersOf(writes: Array<() => Promise<unknown>>) {
  const outcomes = await Promise.allSettled(writes.map((write) => write()));
  return outcomes.map((outcome) => {
    if (outcome.status === "fulfilled") return "ok";
    const failure = failureOf(outcome.reason);
    if (!failure) throw outcome.reason;
    return `${failure.status} ${failure.message}`;
  });
}

async function activeAdmins(partnershipId: string) {
  const rows = await database.db
    .selectFrom("partnershipMemberships")
    .select("userId")
    .where("partnershipId", "=", partnershipId)
    .where("role", "=", "admin")
    .where("disabledAt", "is", null)
    .execute();
  return rows.length;
}

describe(`two admins at once, on ${engine}`, () => {
  it("demoting each other leaves one of them an admin, and the other is told why", async () => {
    const admin = await actorFor(database.db, "admin@demo.test");
    const officerId = await userId("officer@demo.test");
    for (let round = 0; round < ROUNDS; round += 1) {
      await changeMembership(database.db, admin, officerId, { role: "admin", sector: "public" });
      const officer = await actorFor(database.db, "officer@demo.test");
      const answers = await answersOf([
        () => changeMembership(database.db, admin, officerId, { role: "member", sector: "public" }),
        () => changeMembership(database.db, officer, admin.userId, { role: "member", sector: "public" }),
      ]);
      expect(await activeAdmins(admin.partnershipId)).toBe(1);
      expect(answers.filter((answer) => answer !== "ok")).toEqual([expect.stringMatching(LAST_ADMIN_REFUSED)]);
      // Whoever is still the admin starts the next round.
      const remaining = await actorFor(database.db, "admin@demo.test");
      if (remaining.role !== "admin")
        await changeMembership(database.db, await actorFor(database.db, "officer@demo.test"), admin.userId, { role: "admin", sector: "public" });
    }
  });

  it("disabling each other leaves one of them an active admin", async () => {
    const adminId = await userId("admin@demo.test");
    const officerId = await userId("officer@demo.test");
    for (let round = 0; round < ROUNDS; round += 1) {
      const admin = await actorFor(database.db, "admin@demo.test");
      await changeMembership(database.db, admin, officerId, { role: "admin", sector: "public" });
      const officer = await actorFor(database.db, "officer@demo.test");
      const answers = await answersOf([
        () => setMemberDisabled(database.db, admin, officerId, true),
        () => setMemberDisabled(database.db, officer, adminId, true),
      ]);
      expect(await activeAdmins(admin.partnershipId)).toBe(1);
      expect(answers.filter((answer) => answer !== "ok")).toEqual([expect.stringMatching(LAST_ADMIN_REFUSED)]);
      // The one left enables the other again, as a member.
      const [left, other] = answers[0] === "ok" ? [admin, officerId] : [officer, adminId];
      await setMemberDisabled(database.db, left, other, false);
      if (left.userId === officerId) await changeMembership(database.db, left, adminId, { role: "admin", sector: "public" });
      await changeMembership(database.db, await actorFor(database.db, "admin@demo.test"), officerId, { role: "member", sector: "public" });
    }
  });

  it("making two people chair of one group at once leaves one chair, and neither click fails", async () => {
    const admin = await actorFor(database.db, "admin@demo.test");
    const people = await Promise.all(["leader@demo.test", "officer@demo.test", "councillor@demo.test", "facilitator@demo.test"].map(userId));
    for (let round = 0; round < ROUNDS; round += 1) {
      const groupId = await createGroup(database.db, admin, { name: `Chairs ${round}`, sector: "cross_sector", description: "" });
      const answers = await answersOf(people.map((person) => () => setGroupMember(database.db, admin, groupId!, person, "chair")));
      expect(answers).toEqual(people.map(() => "ok"));
      const chairs = await database.db.selectFrom("groupMemberships").select("userId").where("groupId", "=", groupId!).where("role", "=", "chair").execute();
      expect(chairs).toHaveLength(1);
    }
  });

  it("creating two groups of the same name at once, in any case, makes one and tells the other person it exists", async () => {
    const admin = await actorFor(database.db, "admin@demo.test");
    for (let round = 0; round < ROUNDS; round += 1) {
      const answers = await answersOf([
        () => createGroup(database.db, admin, { name: `Carers Forum ${round}`, sector: "voluntary_community", description: "" }),
        () => createGroup(database.db, admin, { name: `carers forum ${round}`, sector: "voluntary_community", description: "" }),
      ]);
      expect(answers.filter((answer) => answer === "ok")).toHaveLength(1);
      expect(answers.find((answer) => answer !== "ok")).toMatch(/^409 There is already a group (called carers forum \d|with that name)/i);
      const made = await database.db
        .selectFrom("groups")
        .select("name")
        .where((eb) => eb(eb.fn("lower", ["name"]), "=", `carers forum ${round}`))
        .execute();
      expect(made).toHaveLength(1);
    }
  });
});
