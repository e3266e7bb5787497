import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as contentWrites from "../../app/server/plans/action-content.server";
import * as authWrites from "../../app/server/auth/sign-in.server";
import * as calendarWrites from "../../app/server/calendar/calendar-feeds.server";
import * as groupWrites from "../../app/server/people/groups.server";
import * as moveWrites from "../../app/server/plans/moves.server";
import * as objectiveWrites from "../../app/server/plans/objectives.server";
import * as passwordResetWrites from "../../app/server/auth/password-resets.server";
import * as retentionWrites from "../../app/server/auth/security-log-retention.server";
import * as erasureWrites from "../../app/server/people/erasure.server";
import * as obstacleWrites from "../../app/server/plans/obstacles.server";
import * as firstAdminWrites from "../../app/server/people/first-admin.server";
import * as invitationWrites from "../../app/server/people/invitations.server";
import * as memberWrites from "../../app/server/people/members.server";
import * as personalDataWrites from "../../app/server/people/personal-data.server";
import * as emailPreferenceWrites from "../../app/server/mail/preferences.server";
import * as outboxWrites from "../../app/server/mail/outbox-admin.server";
import { unsubscribeToken } from "../../app/server/mail/unsubscribe.server";
import * as reminderWrites from "../../app/server/plans/due-reminders.server";
import * as publicationWrites from "../../app/server/plans/publication.server";
import * as publicNameWrites from "../../app/server/people/public-name.server";
import { loadPlan, type PlanContextData } from "../../app/server/platform/plan-data.server";
import * as importWrites from "../../app/server/exchange/plan-import.server";
import { readPlanTable } from "../../app/domain/plan-table";
import * as planWrites from "../../app/server/plans/plans.server";
import * as reviewWrites from "../../app/server/reviews/reviews.server";
import * as reviewWriting from "../../app/server/reviews/review-writing.server";
import * as indicatorWrites from "../../app/server/outcomes/indicators.server";
import * as surveyWrites from "../../app/server/outcomes/surveys.server";
import { DEMO_PASSWORD } from "../../app/demo/portsmouth-data.server";
import { seedCompactDemo } from "../../app/demo/compact-seed.server";
import { seedPortsmouthDemo } from "../../app/demo/seed.server";
import { hashPassword } from "../../app/server/auth/passwords.server";
import { registeredWrites } from "../../app/server/platform/write.server";
import { actorFor, portsmouthFixture } from "./support/people";
import { createTestDatabase, engine, type TestDatabase } from "./support/test-database";

// Every write is made with a helper of app/server/platform/write.server.ts, which keeps
// a list of them by name: each one must be run here and append exactly the
// events it should (one, unless it says otherwise), carrying the actor and,
// inside a partnership, their role and sector at that moment. Loading every
// server module fills the list, so a new write without a run here fails.
import.meta.glob(["../../app/server/**/*.server.ts", "../../app/demo/*.server.ts", "!../../app/server/app.server.ts"], { eager: true });

let database: TestDatabase;
let plan: PlanContextData;
let ids: Record<string, string>;

beforeEach(async () => {
  database = await createTestDatabase({ from: "portsmouth" });
  ({ plan, ids } = await portsmouthFixture(database.db));
});
afterEach(() => database.close());

const as = (email: string) => actorFor(database.db, email);
const userId = async (email: string) => (await database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const groupId = async (name: string) => (await database.db.selectFrom("groups").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
const obstacleId = async (name: string) =>
  (await database.db.selectFrom("obstacleCategories").select("id").where("planId", "=", plan.id).where("name", "=", name).executeTakeFirstOrThrow()).id;
const browser = { address: "192.0.2.1", userAgent: "test" };
const newPlan = { title: "Imported plan", periodStart: null, periodEnd: null, stewardGroupIds: [] };
const aTable = () => ({ ...readPlanTable("Objective,Action,Lead\nAim,Do it,Providers Network\n"), source: { kind: "table" as const, fileName: null } });
const demoReviewId = async () => (await database.db.selectFrom("reviews").select("id").where("planId", "=", plan.id).executeTakeFirstOrThrow()).id;
const facilitator = () => as("facilitator@demo.test");
const FACILITATOR: Expected = { email: "facilitator@demo.test", sector: "independent" };
/** The demo review with a summary and one recommendation, published; the events from here on are counted. */
async function publishedDemoReview() {
  const reviewId = await demoReviewId();
  await reviewWriting.saveSummary(database.db, await facilitator(), plan, reviewId, { version: 0, summary: "Steady progress." });
  const recommendationId = await reviewWriting.addRecommendation(database.db, await facilitator(), plan, reviewId, "Name an owner for the website.");
  await reviewWrites.publishReview(database.db, await facilitator(), plan, reviewId);
  await marker();
  return { reviewId, recommendationId };
}

const STEWARD: Expected = { email: "leader@demo.test", sector: "voluntary_community" };
const PUBLIC_STEWARD: Expected = { email: "officer@demo.test", sector: "public" };
const anIndicator = {
  name: "Organisations rating their influence good",
  measures: "",
  unit: "percent" as const,
  better: "higher" as const,
  baselineValue: 20,
  baselineOn: "2010-01-01",
  targetValue: 50,
  targetOn: "2030-01-01",
  source: "",
  comparisonValue: null,
  comparisonLabel: "",
  objectiveIds: [],
};
/** The Compact Working Group stewards the plan too, so Jordan Hughes (public sector) may agree to what Sam Patel proposes. */
async function withPublicSteward() {
  const group = await database.db.selectFrom("groups").select(["id", "partnershipId"]).where("name", "=", "Compact Working Group").executeTakeFirstOrThrow();
  await database.db.insertInto("planStewards").values({ planId: plan.id, groupId: group.id, partnershipId: group.partnershipId }).execute();
  plan = (await loadPlan(database.db, plan.partnershipId, plan.id))!;
}
/** A survey by Sam Patel, in the state asked for, with `answers` answers given; events are counted from after it. */
async function aSurvey(state: "draft" | "proposed" | "open", answers = 0) {
  const leader = await as("leader@demo.test");
  const surveyId = await surveyWrites.createSurvey(database.db, leader, plan, {
    title: "Partner survey",
    question: { text: "How would you rate it?", kind: "scale" },
  });
  const organisations = Array.from({ length: Math.max(1, answers) }, (_, index) => ({ name: `Organisation ${index}`, email: `org${index}@example.org` }));
  await surveyWrites.inviteOrganisations(database.db, leader, plan, surveyId, organisations);
  if (state !== "draft") await surveyWrites.proposeSurvey(database.db, leader, plan, surveyId);
  if (state === "open") {
    await withPublicSteward();
    await surveyWrites.agreeSurvey(database.db, await as("officer@demo.test"), plan, surveyId);
  }
  const tokens = (await database.db.selectFrom("emailOutbox").select("textBody").where("kind", "=", "survey_invitation").execute()).map(
    (email) => /\/survey\/([a-z2-7]{32})/.exec(email.textBody)![1]!,
  );
  for (const token of tokens.slice(0, answers)) await surveyWrites.answerSurvey(database.db, token, { q1: "4" });
  await marker();
  return { surveyId, tokens };
}

interface Expected {
  /** null for the system (the command line). */
  email: string | null;
  /** null for a person's own security events, which belong to no partnership. */
  sector: string | null;
}

const WRITES: Record<string, { run: () => Promise<unknown>; by: Expected; verbs?: string[]; backdatedHistory?: boolean }> = {
  moveAction: {
    run: async () =>
      moveWrites.moveAction(database.db, await as("leader@demo.test"), plan, {
        actionId: ids["1.2"]!,
        objectiveId: ids["objective 1"]!,
        status: "at_risk",
        placement: { at: "top" },
      }),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  updateActionContent: {
    run: async () =>
      contentWrites.updateActionContent(database.db, await as("officer@demo.test"), plan, ids["1.1"]!, {
        ...(await contentWrites.currentContent(database.db, plan, ids["1.1"]!))!,
        title: "Edited",
      }),
    by: { email: "officer@demo.test", sector: "public" },
  },
  addProgressNote: {
    run: async () => contentWrites.addProgressNote(database.db, await as("officer@demo.test"), plan, ids["1.1"]!, "Met the PCT"),
    by: { email: "officer@demo.test", sector: "public" },
  },
  createAction: {
    run: async () =>
      contentWrites.createAction(database.db, await as("leader@demo.test"), plan, {
        id: crypto.randomUUID(),
        objectiveId: ids["objective 2"]!,
        title: "Hold a follow-up event",
      }),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  archiveAction: {
    run: async () => contentWrites.archiveAction(database.db, await as("leader@demo.test"), plan, ids["1.4"]!),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  createObjective: {
    run: async () =>
      objectiveWrites.createObjective(database.db, await as("leader@demo.test"), plan, { id: crypto.randomUUID(), title: "Review what we learnt" }),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  renameObjective: {
    run: async () =>
      objectiveWrites.renameObjective(database.db, await as("leader@demo.test"), plan, ids["objective 2"]!, "Culture, behaviours and structures"),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  moveObjective: {
    run: async () => objectiveWrites.moveObjective(database.db, await as("leader@demo.test"), plan, ids["objective 2"]!, "up"),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  createObstacleCategory: {
    run: async () => obstacleWrites.createObstacleCategory(database.db, await as("leader@demo.test"), plan, { name: "Trust", description: "" }),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  updateObstacleCategory: {
    run: async () =>
      obstacleWrites.updateObstacleCategory(database.db, await as("leader@demo.test"), plan, await obstacleId("Capacity"), {
        name: "Capacity",
        description: "Too little time",
      }),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  moveObstacleCategory: {
    run: async () => obstacleWrites.moveObstacleCategory(database.db, await as("leader@demo.test"), plan, await obstacleId("Capacity"), "up"),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  removeObstacleCategory: {
    run: async () => {
      // The demo's own categories are in its open review's snapshot, and stay.
      await obstacleWrites.createObstacleCategory(database.db, await as("leader@demo.test"), plan, { name: "Trust", description: "" });
      await marker();
      return obstacleWrites.removeObstacleCategory(database.db, await as("leader@demo.test"), plan, await obstacleId("Trust"));
    },
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  setActionObstacles: {
    run: async () => obstacleWrites.setActionObstacles(database.db, await as("leader@demo.test"), plan, ids["1.1"]!, [await obstacleId("Timescales")]),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  scheduleReview: {
    run: async () =>
      reviewWrites.scheduleReview(database.db, await as("leader@demo.test"), plan, {
        id: crypto.randomUUID(),
        kind: "annual",
        title: "Annual review",
        dueOn: "2011-03-31",
        facilitatorUserIds: [await userId("facilitator@demo.test")],
      }),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  updateReviewSchedule: {
    run: async () =>
      reviewWrites.updateReviewSchedule(database.db, await as("admin@demo.test"), plan, await demoReviewId(), {
        kind: "six_month",
        title: "Six-month review",
        dueOn: "2010-10-15",
        facilitatorUserIds: [await userId("facilitator@demo.test")],
      }),
    by: { email: "admin@demo.test", sector: "public" },
  },
  openReview: {
    run: async () => {
      const id = crypto.randomUUID();
      await reviewWrites.scheduleReview(database.db, await as("leader@demo.test"), plan, {
        id,
        kind: "annual",
        title: "Annual review",
        dueOn: "2011-03-31",
        facilitatorUserIds: [await userId("facilitator@demo.test")],
      });
      await marker();
      return reviewWrites.openReview(database.db, await facilitator(), plan, id);
    },
    by: FACILITATOR,
  },
  publishReview: {
    run: async () => {
      const reviewId = await demoReviewId();
      await reviewWriting.saveSummary(database.db, await facilitator(), plan, reviewId, { version: 0, summary: "Steady progress." });
      await marker();
      return reviewWrites.publishReview(database.db, await facilitator(), plan, reviewId);
    },
    by: FACILITATOR,
  },
  addAddendum: {
    run: async () =>
      reviewWrites.addAddendum(database.db, await facilitator(), plan, (await publishedDemoReview()).reviewId, "The owner was named in October."),
    by: FACILITATOR,
  },
  respondToRecommendation: {
    run: async () => {
      const { reviewId, recommendationId } = await publishedDemoReview();
      return reviewWrites.respondToRecommendation(database.db, await as("leader@demo.test"), plan, reviewId, recommendationId, {
        response: "accepted",
        body: "We will.",
      });
    },
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  saveAssessment: {
    run: async () =>
      reviewWriting.saveAssessment(database.db, await facilitator(), plan, await demoReviewId(), ids["1.2"]!, {
        version: 0,
        assessment: "on_track",
        evidence: "Listed in July.",
      }),
    by: FACILITATOR,
  },
  saveObstacleFinding: {
    run: async () =>
      reviewWriting.saveObstacleFinding(database.db, await facilitator(), plan, await demoReviewId(), await obstacleId("Structure"), {
        version: 0,
        rating: "addressed",
        commentary: "",
      }),
    by: FACILITATOR,
  },
  saveReviewSummary: {
    run: async () => reviewWriting.saveSummary(database.db, await facilitator(), plan, await demoReviewId(), { version: 0, summary: "Steady progress." }),
    by: FACILITATOR,
  },
  addReviewBarrier: {
    run: async () =>
      reviewWriting.addBarrier(database.db, await facilitator(), plan, await demoReviewId(), {
        name: "Funding cuts",
        obstacleCategoryId: null,
        description: "",
      }),
    by: FACILITATOR,
  },
  updateReviewBarrier: {
    run: async () => {
      const reviewId = await demoReviewId();
      const barrierId = await reviewWriting.addBarrier(database.db, await facilitator(), plan, reviewId, {
        name: "Funding cuts",
        obstacleCategoryId: null,
        description: "",
      });
      await marker();
      return reviewWriting.updateBarrier(database.db, await facilitator(), plan, reviewId, barrierId, {
        version: 1,
        name: "In-year funding cuts",
        obstacleCategoryId: await obstacleId("Capacity"),
        description: "",
      });
    },
    by: FACILITATOR,
  },
  removeReviewBarrier: {
    run: async () => {
      const reviewId = await demoReviewId();
      const barrierId = await reviewWriting.addBarrier(database.db, await facilitator(), plan, reviewId, {
        name: "Funding cuts",
        obstacleCategoryId: null,
        description: "",
      });
      await marker();
      return reviewWriting.removeBarrier(database.db, await facilitator(), plan, reviewId, barrierId);
    },
    by: FACILITATOR,
  },
  addReviewRecommendation: {
    run: async () => reviewWriting.addRecommendation(database.db, await facilitator(), plan, await demoReviewId(), "Name an owner."),
    by: FACILITATOR,
  },
  updateReviewRecommendation: {
    run: async () => {
      const reviewId = await demoReviewId();
      const recommendationId = await reviewWriting.addRecommendation(database.db, await facilitator(), plan, reviewId, "Name an owner.");
      await marker();
      return reviewWriting.updateRecommendation(database.db, await facilitator(), plan, reviewId, recommendationId, {
        version: 1,
        body: "Name an owner by October.",
      });
    },
    by: FACILITATOR,
  },
  removeReviewRecommendation: {
    run: async () => {
      const reviewId = await demoReviewId();
      const recommendationId = await reviewWriting.addRecommendation(database.db, await facilitator(), plan, reviewId, "Name an owner.");
      await marker();
      return reviewWriting.removeRecommendation(database.db, await facilitator(), plan, reviewId, recommendationId);
    },
    by: FACILITATOR,
  },
  // 2.2 awaits confirmation, proposed by Mandy Lindley (public sector).
  confirmCompletion: {
    run: async () => moveWrites.confirmCompletion(database.db, await as("leader@demo.test"), plan, ids["2.2"]!),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  returnCompletion: {
    run: async () => moveWrites.returnCompletion(database.db, await as("leader@demo.test"), plan, ids["2.2"]!, "Not yet"),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
  },
  changeMembership: {
    run: async () =>
      memberWrites.changeMembership(database.db, await as("admin@demo.test"), await userId("councillor@demo.test"), { role: "member", sector: "public" }),
    by: { email: "admin@demo.test", sector: "public" },
  },
  setMemberDisabled: {
    run: async () => memberWrites.setMemberDisabled(database.db, await as("admin@demo.test"), await userId("councillor@demo.test"), true),
    by: { email: "admin@demo.test", sector: "public" },
  },
  downloadMemberData: {
    run: async () => personalDataWrites.downloadMemberData(database.db, await as("admin@demo.test"), await userId("leader@demo.test")),
    by: { email: "admin@demo.test", sector: "public" },
    verbs: ["personal_data_downloaded"],
  },
  createInvitation: {
    run: async () =>
      invitationWrites.createInvitation(database.db, await as("admin@demo.test"), {
        email: "new@demo.test",
        displayName: "New",
        role: "member",
        sector: "public",
      }),
    by: { email: "admin@demo.test", sector: "public" },
  },
  revokeInvitation: {
    run: async () => {
      await invitationWrites.createInvitation(database.db, await as("admin@demo.test"), {
        email: "new@demo.test",
        displayName: "New",
        role: "member",
        sector: "public",
      });
      const invitation = await database.db.selectFrom("invitations").select("id").executeTakeFirstOrThrow();
      await marker();
      return invitationWrites.revokeInvitation(database.db, await as("admin@demo.test"), invitation.id);
    },
    by: { email: "admin@demo.test", sector: "public" },
  },
  acceptInvitation: {
    run: async () => {
      const { token } = await invitationWrites.createInvitation(database.db, await as("admin@demo.test"), {
        email: "new@demo.test",
        displayName: "New",
        role: "member",
        sector: "independent",
      });
      await marker();
      return invitationWrites.acceptInvitation(
        database.db,
        token,
        { displayName: "New Person", password: "a long enough passphrase", signedInUserId: null },
        browser,
      );
    },
    by: { email: "new@demo.test", sector: "independent" },
  },
  seedPortsmouthDemo: {
    run: async () => {
      // On a database of its own: this file's is seeded already, and seeding twice changes nothing.
      await database.close();
      database = await createTestDatabase();
      await marker();
      return seedPortsmouthDemo(database.db, await hashPassword(DEMO_PASSWORD));
    },
    by: { email: null, sector: null },
    verbs: ["seeded"],
    // Its 2010 story is written too, backdated; only "seeded" is this write's own.
    backdatedHistory: true,
  },
  seedCompactDemo: {
    run: () => seedCompactDemo(database.db, "not a real hash", new Date()),
    by: { email: null, sector: null },
    verbs: ["seeded"],
    // Its story's events are written too, backdated to when they happened; only "seeded" is this write's own.
    backdatedHistory: true,
  },
  bootstrapAdmin: {
    run: () =>
      firstAdminWrites.bootstrapAdmin(database.db, {
        partnershipSlug: "southsea",
        partnershipName: "Southsea",
        email: "first.admin@demo.test",
        displayName: "First Admin",
        sector: "public",
      }),
    by: { email: null, sector: null },
  },
  createGroup: {
    run: async () => groupWrites.createGroup(database.db, await as("admin@demo.test"), { name: "Faith Forum", sector: "voluntary_community", description: "" }),
    by: { email: "admin@demo.test", sector: "public" },
  },
  updateGroup: {
    run: async () =>
      groupWrites.updateGroup(database.db, await as("admin@demo.test"), await groupId("Providers Network"), {
        name: "Providers' Network",
        sector: "voluntary_community",
        description: "",
      }),
    by: { email: "admin@demo.test", sector: "public" },
  },
  setGroupMember: {
    run: async () =>
      groupWrites.setGroupMember(database.db, await as("admin@demo.test"), await groupId("Providers Network"), await userId("leader@demo.test"), "chair"),
    by: { email: "admin@demo.test", sector: "public" },
  },
  removeGroupMember: {
    run: async () =>
      groupWrites.removeGroupMember(database.db, await as("admin@demo.test"), await groupId("Compact Working Group"), await userId("officer@demo.test")),
    by: { email: "admin@demo.test", sector: "public" },
  },
  createPlan: {
    run: async () =>
      planWrites.createPlan(database.db, await as("admin@demo.test"), {
        title: "Plan 2011",
        periodStart: null,
        periodEnd: null,
        stewardGroupIds: [await groupId("Compact Working Group")],
      }),
    by: { email: "admin@demo.test", sector: "public" },
  },
  importPlan: {
    run: async () => importWrites.importPlan(database.db, await as("admin@demo.test"), newPlan, aTable()),
    by: { email: "admin@demo.test", sector: "public" },
    verbs: ["imported"],
  },
  importIntoPlan: {
    run: async () => {
      const planId = await planWrites.createPlan(database.db, await as("admin@demo.test"), {
        ...newPlan,
        stewardGroupIds: [await groupId("Third Sector Leadership Group")],
      });
      await marker();
      const empty = (await loadPlan(database.db, plan.partnershipId, planId))!;
      return importWrites.importIntoPlan(database.db, await as("leader@demo.test"), empty, aTable());
    },
    by: { email: "leader@demo.test", sector: "voluntary_community" },
    verbs: ["imported"],
  },
  importPlanAsOperator: {
    run: () => importWrites.importPlanAsOperator(database.db, plan.partnershipId, newPlan, aTable()),
    by: { email: null, sector: null },
    verbs: ["imported"],
  },
  updatePlan: {
    run: async () =>
      planWrites.updatePlan(database.db, await as("admin@demo.test"), plan.id, {
        title: "Action Plan 2010",
        periodStart: null,
        periodEnd: null,
        stewardGroupIds: plan.stewardGroupIds,
        singleSectorSignoff: true,
      }),
    by: { email: "admin@demo.test", sector: "public" },
  },
  startSession: {
    run: () => authWrites.signIn(database.db, { email: "leader@demo.test", password: "partnership-demo" }, browser),
    by: { email: "leader@demo.test", sector: null },
    verbs: ["signed_in"],
  },
  recordFailedCheck: {
    run: () => authWrites.signIn(database.db, { email: "leader@demo.test", password: "a wrong guess" }, browser),
    by: { email: "leader@demo.test", sector: null },
    verbs: ["sign_in_failed"],
  },
  admitPasswordCheck: {
    run: async () => {
      for (let attempt = 0; attempt < 5; attempt++) await authWrites.signIn(database.db, { email: "leader@demo.test", password: `guess ${attempt}` }, browser);
      await marker();
      // The sixth failure starts a block: one event for the block, one for the failure.
      return authWrites.signIn(database.db, { email: "leader@demo.test", password: "guess 6" }, browser);
    },
    by: { email: "leader@demo.test", sector: null },
    verbs: ["sign_in_blocked", "sign_in_failed"],
  },
  signOut: {
    run: async () => {
      await authWrites.signIn(database.db, { email: "leader@demo.test", password: "partnership-demo" }, browser);
      const session = await database.db.selectFrom("sessions").select("id").executeTakeFirstOrThrow();
      await marker();
      return authWrites.signOut(database.db, await userId("leader@demo.test"), session.id);
    },
    by: { email: "leader@demo.test", sector: null },
  },
  setPassword: {
    run: async () =>
      authWrites.changePassword(
        database.db,
        await userId("leader@demo.test"),
        "none",
        { currentPassword: "partnership-demo", newPassword: "a fresh passphrase for Sam" },
        browser,
      ),
    by: { email: "leader@demo.test", sector: null },
  },
  requestPasswordReset: {
    run: () => passwordResetWrites.requestPasswordReset(database.db, "leader@demo.test", browser),
    by: { email: "leader@demo.test", sector: null },
    verbs: ["password_reset_requested"],
  },
  issuePasswordResetLink: {
    run: async () => passwordResetWrites.issuePasswordResetLink(database.db, await as("admin@demo.test"), await userId("officer@demo.test")),
    by: { email: "admin@demo.test", sector: "public" },
  },
  issueOperatorResetLink: { run: () => passwordResetWrites.issueOperatorResetLink(database.db, "officer@demo.test"), by: { email: null, sector: null } },
  // The operator's: one event in each of the person's partnerships (Jordan Hughes has one).
  erasePerson: { run: () => erasureWrites.erasePerson(database.db, "officer@demo.test"), by: { email: null, sector: null }, verbs: ["erased"] },
  setErasurePolicy: {
    run: () => erasureWrites.setErasurePolicy(database.db, "portsmouth", true),
    by: { email: null, sector: null },
    verbs: ["erasure_policy_changed"],
  },
  erasePersonAsAdmin: {
    run: async () => erasureWrites.erasePersonAsAdmin(database.db, await as("admin@demo.test"), await userId("officer@demo.test"), "officer@demo.test"),
    by: { email: "admin@demo.test", sector: "public" },
    verbs: ["erased"],
  },
  purgeSecurityLog: {
    run: async () => {
      await database.db
        .insertInto("auditEvents")
        .values({
          occurredAt: new Date(Date.now() - 500 * 86_400_000),
          partnershipId: plan.partnershipId,
          entityType: "request",
          entityId: "/p/portsmouth/people",
          verb: "refused",
          changes: "{}",
          context: JSON.stringify({ method: "GET" }),
        })
        .execute();
      await marker();
      return retentionWrites.purgeSecurityLog(database.db);
    },
    by: { email: null, sector: null },
    verbs: ["purged"],
  },
  completePasswordReset: {
    run: async () => {
      const { token } = await passwordResetWrites.issuePasswordResetLink(database.db, await as("admin@demo.test"), await userId("officer@demo.test"));
      await marker();
      return passwordResetWrites.resetPassword(database.db, token, "a fresh passphrase for Jordan");
    },
    by: { email: "officer@demo.test", sector: null },
    verbs: ["password_reset"],
  },
  createCalendarFeed: {
    run: async () => calendarWrites.createCalendarFeed(database.db, await userId("leader@demo.test")),
    by: { email: "leader@demo.test", sector: null },
    verbs: ["calendar_feed_created"],
  },
  resetCalendarFeed: {
    run: async () => {
      await calendarWrites.createCalendarFeed(database.db, await userId("leader@demo.test"));
      await marker();
      return calendarWrites.resetCalendarFeed(database.db, await userId("leader@demo.test"));
    },
    by: { email: "leader@demo.test", sector: null },
    verbs: ["calendar_feed_reset"],
  },
  turnOffCalendarFeed: {
    run: async () => {
      await calendarWrites.createCalendarFeed(database.db, await userId("leader@demo.test"));
      await marker();
      return calendarWrites.turnOffCalendarFeed(database.db, await userId("leader@demo.test"));
    },
    by: { email: "leader@demo.test", sector: null },
    verbs: ["calendar_feed_turned_off"],
  },
  setEmailPreferences: {
    run: async () => emailPreferenceWrites.setEmailPreferences(database.db, await userId("leader@demo.test"), { digestDay: 2, wanted: ["digest"] }),
    by: { email: "leader@demo.test", sector: null },
    verbs: ["email_preferences_changed"],
  },
  unsubscribeByLink: {
    run: async () => emailPreferenceWrites.unsubscribeByLink(database.db, await unsubscribeToken(database.db, await userId("leader@demo.test"), "digest")),
    by: { email: "leader@demo.test", sector: null },
    verbs: ["email_turned_off"],
  },
  retryEmail: {
    run: async () => {
      const email = await database.db
        .insertInto("emailOutbox")
        .values({
          userId: await userId("officer@demo.test"),
          partnershipId: plan.partnershipId,
          kind: "completion_proposed",
          subject: "1.1 awaits your confirmation",
          textBody: "",
          htmlBody: "",
          status: "failed",
          attempts: 8,
          lastError: "550 No such mailbox",
          sentAt: null,
          claimedUntil: null,
          dedupeKey: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return outboxWrites.retryEmail(database.db, await as("admin@demo.test"), email.id);
    },
    by: { email: "admin@demo.test", sector: "public" },
    verbs: ["email_retried"],
  },
  setDueReminderDays: {
    run: async () => reminderWrites.setDueReminderDays(database.db, await as("leader@demo.test"), plan, 14),
    by: { email: "leader@demo.test", sector: "voluntary_community" },
    verbs: ["due_reminders_changed"],
  },
  proposePublication: {
    run: async () => publicationWrites.proposePublication(database.db, await as("admin@demo.test"), plan),
    by: { email: "admin@demo.test", sector: "public" },
    verbs: ["publication_proposed"],
  },
  agreePublication: {
    run: async () => {
      await publicationWrites.proposePublication(database.db, await as("admin@demo.test"), plan);
      await marker();
      return publicationWrites.agreePublication(database.db, await as("leader@demo.test"), plan);
    },
    by: { email: "leader@demo.test", sector: "voluntary_community" },
    verbs: ["published"],
  },
  withdrawPublication: {
    run: async () => {
      await publicationWrites.proposePublication(database.db, await as("leader@demo.test"), plan);
      await marker();
      return publicationWrites.withdrawPublication(database.db, await as("admin@demo.test"), plan);
    },
    by: { email: "admin@demo.test", sector: "public" },
    verbs: ["publication_withdrawn"],
  },
  setNameShownPublicly: {
    run: async () => publicNameWrites.setNameShownPublicly(database.db, await userId("leader@demo.test"), true),
    by: { email: "leader@demo.test", sector: null },
    verbs: ["public_name_changed"],
  },
  endOwnSession: {
    run: async () => {
      await authWrites.signIn(database.db, { email: "leader@demo.test", password: "partnership-demo" }, browser);
      const session = await database.db.selectFrom("sessions").select("id").executeTakeFirstOrThrow();
      await marker();
      return authWrites.endOwnSession(database.db, await userId("leader@demo.test"), session.id);
    },
    by: { email: "leader@demo.test", sector: null },
  },
  createIndicator: {
    run: async () => indicatorWrites.createIndicator(database.db, await as("leader@demo.test"), plan, anIndicator),
    by: STEWARD,
  },
  updateIndicator: {
    run: async () => {
      const id = await indicatorWrites.createIndicator(database.db, await as("leader@demo.test"), plan, anIndicator);
      await marker();
      return indicatorWrites.updateIndicator(database.db, await as("leader@demo.test"), plan, id, { ...anIndicator, targetValue: 60 });
    },
    by: STEWARD,
  },
  addReading: {
    run: async () => {
      const id = await indicatorWrites.createIndicator(database.db, await as("leader@demo.test"), plan, anIndicator);
      await marker();
      return indicatorWrites.addReading(database.db, await as("leader@demo.test"), plan, id, {
        value: 30,
        measuredOn: "2011-01-01",
        sourceNote: "",
        correctsReadingId: null,
      });
    },
    by: STEWARD,
  },
  createSurvey: {
    run: async () =>
      surveyWrites.createSurvey(database.db, await as("leader@demo.test"), plan, {
        title: "Partner survey",
        question: { text: "How would you rate it?", kind: "scale" },
      }),
    by: STEWARD,
    verbs: ["created"],
  },
  updateSurvey: {
    run: async () => {
      const { surveyId } = await aSurvey("draft");
      return surveyWrites.updateSurvey(database.db, await as("leader@demo.test"), plan, surveyId, {
        title: "Partner survey 2011",
        introduction: "Why we ask",
        questions: [{ text: "How would you rate it?", kind: "scale" }],
        indicatorId: null,
        resultQuestionIndex: null,
      });
    },
    by: STEWARD,
    verbs: ["updated"],
  },
  inviteOrganisations: {
    run: async () => {
      const { surveyId } = await aSurvey("draft");
      return surveyWrites.inviteOrganisations(database.db, await as("leader@demo.test"), plan, surveyId, [{ name: "Age UK", email: "age@example.org" }]);
    },
    by: STEWARD,
    verbs: ["updated"],
  },
  removeOrganisation: {
    run: async () => {
      const { surveyId } = await aSurvey("draft");
      const link = await database.db.selectFrom("surveyLinks").select("id").where("surveyId", "=", surveyId).executeTakeFirstOrThrow();
      return surveyWrites.removeOrganisation(database.db, await as("leader@demo.test"), plan, surveyId, link.id);
    },
    by: STEWARD,
    verbs: ["updated"],
  },
  proposeSurvey: {
    run: async () => surveyWrites.proposeSurvey(database.db, await as("leader@demo.test"), plan, (await aSurvey("draft")).surveyId),
    by: STEWARD,
    verbs: ["proposed"],
  },
  agreeSurvey: {
    run: async () => {
      const { surveyId } = await aSurvey("proposed");
      await withPublicSteward();
      return surveyWrites.agreeSurvey(database.db, await as("officer@demo.test"), plan, surveyId);
    },
    by: PUBLIC_STEWARD,
    verbs: ["sent"],
  },
  withdrawSurvey: {
    run: async () => surveyWrites.withdrawSurvey(database.db, await as("leader@demo.test"), plan, (await aSurvey("proposed")).surveyId),
    by: STEWARD,
    verbs: ["withdrawn"],
  },
  closeSurvey: {
    run: async () => surveyWrites.closeSurvey(database.db, await as("leader@demo.test"), plan, (await aSurvey("open", 5)).surveyId),
    by: STEWARD,
    verbs: ["closed"],
  },
  answerSurvey: {
    run: async () => {
      const { tokens } = await aSurvey("open", 0);
      return surveyWrites.answerSurvey(database.db, tokens[0]!, { q1: "5" });
    },
    // The system's: an answer is anonymous.
    by: { email: null, sector: null },
    verbs: ["answered"],
  },
};

// Writes that need a setup write first call marker() after it: events are counted from there.
let countFrom = 0;
async function marker() {
  const last = await database.db
    .selectFrom("auditEvents")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirstOrThrow();
  countFrom = Number(last.last ?? 0);
}

describe(`the audit trail covers every write, on ${engine}`, () => {
  it("runs every write the write helpers know of", () => {
    expect(registeredWrites()).toEqual(Object.keys(WRITES).sort());
  });

  it.each(Object.keys(WRITES))("%s appends its event, with who acted and in which sector", async (name) => {
    const { run, by, verbs, backdatedHistory } = WRITES[name]!;
    await marker();
    const startedAt = new Date(Date.now() - 1000);
    await run();
    const written = await database.db
      .selectFrom("auditEvents as e")
      .leftJoin("users as u", "u.id", "e.actorUserId")
      .select(["u.email", "e.actorSector", "e.actorRole", "e.verb", "e.occurredAt"])
      .where("e.id", ">", countFrom)
      .orderBy("e.id")
      .execute();
    if (backdatedHistory) expect(written.filter((event) => event.occurredAt < startedAt).length).toBeGreaterThan(0);
    const events = backdatedHistory ? written.filter((event) => event.occurredAt >= startedAt) : written;
    if (verbs) expect(events.map((event) => event.verb)).toEqual(verbs);
    else expect(events).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ email: by.email ?? null, actorSector: by.sector });
    if (by.sector) expect(events[0]!.actorRole).not.toBeNull();
  });

  it("records a failed sign-in without the password", async () => {
    await marker();
    await authWrites.signIn(database.db, { email: "leader@demo.test", password: "my secret guess" }, browser);
    const events = await database.db.selectFrom("auditEvents").selectAll().where("id", ">", countFrom).execute();
    expect(events.map((event) => event.verb)).toEqual(["sign_in_failed"]);
    expect(JSON.stringify(events)).not.toContain("my secret guess");
  });
});
