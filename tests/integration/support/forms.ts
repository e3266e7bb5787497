import { sql } from "kysely";
import { unsubscribeToken } from "../../../app/server/mail/unsubscribe.server";
import { agreeSurvey, createSurvey, inviteOrganisations, proposeSurvey } from "../../../app/server/outcomes/surveys.server";
import { loadPlan } from "../../../app/server/platform/plan-data.server";
import type { TestApp } from "./app";
import { actorFor } from "./people";
import { client, type Client } from "./http";

// Every form the app takes, each as a browser would send it with good
// values, so that tests can spoil one field at a time or all of them at once.

export type Fields = Record<string, string | string[]>;

export interface FormCase {
  /** "board: move", "people: invite"… */
  name: string;
  path: string;
  fields: Fields;
  /** Fields that hold text a person types (the rest are ids and choices). */
  textFields: string[];
}

/** Ids from the demo data and a fresh invitation, for forms that name them. */
export async function formCases(app: TestApp, admin: Client): Promise<FormCase[]> {
  const db = app.db;
  const plan = await db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  const planPath = `/p/portsmouth/plans/${plan.id}`;
  const action = await db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.objectiveId", "a.version"])
    .where("o.number", "=", 1)
    .where("a.number", "=", 1)
    .executeTakeFirstOrThrow();
  const group = await db.selectFrom("groups").select("id").where("name", "=", "Compact Working Group").executeTakeFirstOrThrow();
  const member = await db.selectFrom("users").select("id").where("email", "=", "councillor@demo.test").executeTakeFirstOrThrow();
  // Named in the plan as a lead, with no password yet: People offers to invite her.
  const namedLead = await db.selectFrom("users").select("id").where("displayName", "=", "Mandy Lindley").executeTakeFirstOrThrow();
  const obstacle = async (name: string) =>
    (await db.selectFrom("obstacleCategories").select("id").where("planId", "=", plan.id).where("name", "=", name).executeTakeFirstOrThrow()).id;
  const [capacity, timescales, governance] = [await obstacle("Capacity"), await obstacle("Timescales"), await obstacle("Governance")];

  // An indicator the outcome forms can name, made as its steward would.
  const indicatorFields = {
    intent: "create-indicator",
    name: "Satisfaction with partnership working",
    measures: "Organisations rating it good",
    unit: "percent",
    better: "higher",
    baselineValue: "24",
    baselineOn: "2025-04-01",
    targetValue: "40",
    targetOn: "2027-04-01",
    source: "Annual VCS survey",
    comparisonValue: "16.3",
    comparisonLabel: "National average",
  };
  const indicatorTexts = ["name", "measures", "baselineValue", "baselineOn", "targetValue", "targetOn", "source", "comparisonValue", "comparisonLabel"];
  const steward = client(app.url);
  await steward.post("/login", { email: "leader@demo.test", password: "partnership-demo" });
  await steward.post(`${planPath}/outcomes`, { ...indicatorFields, name: "Volunteering" });
  const indicator = (await db.selectFrom("indicators").select("id").where("name", "=", "Volunteering").executeTakeFirstOrThrow()).id;

  const invited = await admin.post("/p/portsmouth/people", {
    intent: "invite",
    email: "hostile-forms@example.org",
    displayName: "Form Tester",
    role: "member",
    sector: "public",
  });
  const page = await invited.text();
  const token = /\/invitations\/([a-z2-7]+)/.exec(page)?.[1];
  if (!token) throw new Error(`No invitation link in the People page (${invited.status})`);
  const invitation = await db.selectFrom("invitations").select("id").where("email", "=", "hostile-forms@example.org").executeTakeFirstOrThrow();
  const resetPage = await (await admin.post("/p/portsmouth/people", { intent: "reset-link", userId: member.id })).text();
  const resetToken = /\/password-reset\/([a-z2-7]+)/.exec(resetPage)?.[1];
  if (!resetToken) throw new Error("No reset link in the People page");

  const partnership = await db.selectFrom("partnerships").select("id").where("slug", "=", "portsmouth").executeTakeFirstOrThrow();
  const failedEmail = await db
    .insertInto("emailOutbox")
    .values({
      userId: member.id,
      partnershipId: partnership.id,
      kind: "review_published",
      subject: "A review was published",
      textBody: "",
      htmlBody: "",
      status: "failed",
      lastError: "550 No such mailbox",
      claimedUntil: null,
      sentAt: null,
      dedupeKey: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const unsubscribe = await unsubscribeToken(db, member.id, "review_published");

  // A draft survey and an open one (its link read from the outbox), made through the writes as the steward Sam Patel and, for agreeing, Jordan Hughes.
  const surveys = await surveyCases(app, plan.id, planPath);

  const review = await db.selectFrom("reviews").select("id").where("planId", "=", plan.id).executeTakeFirstOrThrow();
  const reviewPath = `${planPath}/reviews/${review.id}`;
  const facilitator = await db.selectFrom("users").select("id").where("email", "=", "facilitator@demo.test").executeTakeFirstOrThrow();
  const scheduleFields = { kind: "annual", title: "Annual review", dueOn: "2011-03-31", facilitatorUserIds: [facilitator.id] };
  const planFields = { title: "A plan", periodStart: "2010-04-01", periodEnd: "2011-03-31", stewardGroupIds: [group.id], singleSectorSignoff: "on" };
  const groupFields = { name: "A group", sector: "public", description: "What it does" };
  return [
    {
      name: "sign in",
      path: "/login",
      fields: { email: "nobody@demo.test", password: "wrong password", redirectTo: "/" },
      textFields: ["email", "password", "redirectTo"],
    },
    {
      name: "account: change password",
      path: "/account",
      fields: { intent: "change-password", currentPassword: "wrong password", newPassword: "a new passphrase here" },
      textFields: ["currentPassword", "newPassword"],
    },
    { name: "account: end a session", path: "/account", fields: { intent: "end-session", sessionId: "abcdefabcdefabcdef" }, textFields: ["sessionId"] },
    {
      name: "account: email preferences",
      path: "/account",
      fields: { intent: "save-email-preferences", digestDay: "2", wanted: ["digest", "due_reminder"] },
      textFields: [],
    },
    { name: "account: name on public pages", path: "/account", fields: { intent: "set-public-name", nameShownPublicly: "yes" }, textFields: [] },
    { name: "account: create a calendar link", path: "/account", fields: { intent: "create-calendar-link" }, textFields: [] },
    { name: "account: reset the calendar link", path: "/account", fields: { intent: "reset-calendar-link" }, textFields: [] },
    { name: "account: turn off the calendar link", path: "/account", fields: { intent: "turn-off-calendar-link" }, textFields: [] },
    {
      name: "invitation: accept",
      path: `/invitations/${token}`,
      fields: { displayName: "Form Tester", password: "a long enough passphrase" },
      textFields: ["displayName", "password"],
    },
    { name: "password reset: request", path: "/password-reset", fields: { email: "nobody@demo.test" }, textFields: ["email"] },
    { name: "password reset: choose", path: `/password-reset/${resetToken}`, fields: { password: "a long enough passphrase" }, textFields: ["password"] },
    { name: "unsubscribe: one click", path: `/unsubscribe/${unsubscribe}`, fields: { "List-Unsubscribe": "One-Click" }, textFields: [] },
    { name: "emails: retry", path: "/p/portsmouth/emails", fields: { intent: "retry-email", emailId: failedEmail.id }, textFields: [] },
    { name: "people: reset link", path: "/p/portsmouth/people", fields: { intent: "reset-link", userId: member.id }, textFields: [] },
    {
      name: "people: invite",
      path: "/p/portsmouth/people",
      fields: { intent: "invite", email: "someone@example.org", displayName: "Someone", role: "member", sector: "public" },
      textFields: ["email", "displayName"],
    },
    {
      name: "people: invite a named lead",
      path: "/p/portsmouth/people",
      fields: { intent: "invite", existingUserId: namedLead.id, email: "mandy@example.org", displayName: "Mandy Lindley", role: "member", sector: "public" },
      textFields: ["email", "displayName"],
    },
    {
      name: "people: change",
      path: "/p/portsmouth/people",
      fields: { intent: "change", userId: member.id, role: "observer", sector: "public" },
      textFields: [],
    },
    { name: "people: disable", path: "/p/portsmouth/people", fields: { intent: "disable", userId: member.id }, textFields: [] },
    { name: "people: revoke", path: "/p/portsmouth/people", fields: { intent: "revoke", invitationId: invitation.id }, textFields: [] },
    { name: "groups: create", path: "/p/portsmouth/groups", fields: groupFields, textFields: ["name", "description"] },
    { name: "group: update", path: `/p/portsmouth/groups/${group.id}`, fields: { intent: "update", ...groupFields }, textFields: ["name", "description"] },
    {
      name: "group: add member",
      path: `/p/portsmouth/groups/${group.id}`,
      fields: { intent: "add-member", userId: member.id, role: "member" },
      textFields: [],
    },
    { name: "group: remove member", path: `/p/portsmouth/groups/${group.id}`, fields: { intent: "remove-member", userId: member.id }, textFields: [] },
    { name: "plans: create", path: "/p/portsmouth/plans/new", fields: { ...planFields, creatorJoinsStewards: "on" }, textFields: ["title"] },
    {
      name: "plans: import",
      path: "/p/portsmouth/plans/import",
      fields: { intent: "import", ...planFields, table: "Objective,Action,Lead\nAim,Do it,Providers Network\n" },
      textFields: ["title", "table"],
    },
    {
      name: "plans: preview an import",
      path: "/p/portsmouth/plans/import",
      fields: { intent: "preview", table: "Objective,Action\nAim,Do it\n" },
      textFields: ["table"],
    },
    { name: "plan settings", path: `${planPath}/settings`, fields: { intent: "update-plan", ...planFields }, textFields: ["title"] },
    {
      name: "obstacle categories: add",
      path: `${planPath}/settings`,
      fields: { intent: "add-obstacle", name: "Trust", description: "Old suspicions between sectors" },
      textFields: ["name", "description"],
    },
    {
      name: "obstacle categories: edit",
      path: `${planPath}/settings`,
      fields: { intent: "edit-obstacle", categoryId: capacity, name: "Capacity and resources", description: "Too little time and money" },
      textFields: ["name", "description"],
    },
    {
      name: "obstacle categories: move",
      path: `${planPath}/settings`,
      fields: { intent: "move-obstacle", categoryId: capacity, direction: "up" },
      textFields: [],
    },
    {
      name: "plan settings: due date reminders",
      path: `${planPath}/settings`,
      fields: { intent: "set-due-reminders", dueReminders: "on", dueReminderDays: "14" },
      textFields: ["dueReminderDays"],
    },
    { name: "obstacle categories: remove", path: `${planPath}/settings`, fields: { intent: "remove-obstacle", categoryId: governance }, textFields: [] },
    { name: "outcomes: add an indicator", path: `${planPath}/outcomes`, fields: indicatorFields, textFields: indicatorTexts },
    {
      name: "outcomes: edit an indicator",
      path: `${planPath}/outcomes`,
      fields: { ...indicatorFields, intent: "update-indicator", indicatorId: indicator },
      textFields: indicatorTexts,
    },
    {
      name: "outcomes: record a reading",
      path: `${planPath}/outcomes`,
      fields: { intent: "add-reading", indicatorId: indicator, value: "31", measuredOn: "2026-04-01", sourceNote: "Annual survey" },
      textFields: ["value", "measuredOn", "sourceNote"],
    },
    { name: "plan settings: propose publishing", path: `${planPath}/settings`, fields: { intent: "propose-publication" }, textFields: [] },
    { name: "plan settings: agree and publish", path: `${planPath}/settings`, fields: { intent: "agree-publication" }, textFields: [] },
    { name: "plan settings: withdraw publication", path: `${planPath}/settings`, fields: { intent: "withdraw-publication" }, textFields: [] },

    {
      name: "board: move",
      path: planPath,
      fields: {
        intent: "move",
        actionId: action.id,
        objectiveId: action.objectiveId,
        status: "at_risk",
        placement: "top",
        reason: "Because",
        redirectTo: planPath,
      },
      textFields: ["reason", "redirectTo"],
    },
    {
      name: "move page: move",
      path: `${planPath}/actions/${action.id}/move`,
      fields: {
        intent: "move",
        actionId: action.id,
        objectiveId: action.objectiveId,
        status: "in_progress",
        placement: "bottom",
        reason: "Because",
        back: "q=strategy",
      },
      textFields: ["reason", "back"],
    },
    {
      name: "board: add action",
      path: planPath,
      fields: { intent: "create-action", id: crypto.randomUUID(), objectiveId: action.objectiveId, title: "A new action" },
      textFields: ["title"],
    },
    {
      name: "board: add objective",
      path: planPath,
      fields: { intent: "create-objective", id: crypto.randomUUID(), title: "A new objective" },
      textFields: ["title"],
    },
    {
      name: "board: rename objective",
      path: planPath,
      fields: { intent: "rename-objective", objectiveId: action.objectiveId, title: "Renamed" },
      textFields: ["title"],
    },
    { name: "board: move objective", path: planPath, fields: { intent: "move-objective", objectiveId: action.objectiveId, direction: "down" }, textFields: [] },
    {
      name: "action: update",
      path: `${planPath}/actions/${action.id}`,
      fields: {
        intent: "update",
        version: String(action.version),
        title: "A title",
        description: "A description",
        dueOn: "2010-05-31",
        timescaleText: "End May 2010",
        leadUserIds: [member.id],
        leadGroupIds: [group.id],
        outsideBodies: "JSNA team",
      },
      textFields: ["title", "description", "timescaleText", "outsideBodies"],
    },
    { name: "action: add note", path: `${planPath}/actions/${action.id}`, fields: { intent: "add-note", body: "A note" }, textFields: ["body"] },
    { name: "action: return", path: `${planPath}/actions/${action.id}`, fields: { intent: "return", reason: "Not yet" }, textFields: ["reason"] },
    {
      name: "action: set obstacles",
      path: `${planPath}/actions/${action.id}`,
      fields: { intent: "set-obstacles", obstacleCategoryIds: [capacity, timescales] },
      textFields: [],
    },
    { name: "action: archive", path: `${planPath}/actions/${action.id}`, fields: { intent: "archive" }, textFields: [] },
    { name: "reviews: schedule", path: `${planPath}/reviews`, fields: { id: crypto.randomUUID(), ...scheduleFields }, textFields: ["title", "dueOn"] },
    { name: "review: reschedule", path: reviewPath, fields: { intent: "reschedule", ...scheduleFields }, textFields: ["title", "dueOn"] },
    { name: "review: open", path: reviewPath, fields: { intent: "open" }, textFields: [] },
    {
      name: "review: assess",
      path: reviewPath,
      fields: { intent: "assess", actionId: action.id, version: "0", assessment: "on_track", evidence: "Drafted in June" },
      textFields: ["evidence"],
    },
    {
      name: "review: find on an obstacle",
      path: reviewPath,
      fields: { intent: "find-obstacle", obstacleCategoryId: capacity, version: "0", rating: "addressed", commentary: "Well covered" },
      textFields: ["commentary"],
    },
    { name: "review: summary", path: reviewPath, fields: { intent: "save-summary", version: "0", summary: "Good progress" }, textFields: ["summary"] },
    {
      name: "review: add barrier",
      path: reviewPath,
      fields: { intent: "add-barrier", name: "Funding cuts", obstacleCategoryId: "new", description: "In-year" },
      textFields: ["name", "description"],
    },
    { name: "review: add recommendation", path: reviewPath, fields: { intent: "add-recommendation", body: "Name an owner" }, textFields: ["body"] },
    { name: "review: publish", path: reviewPath, fields: { intent: "publish" }, textFields: [] },
    { name: "review: add addendum", path: reviewPath, fields: { intent: "add-addendum", body: "Later news" }, textFields: ["body"] },
    ...surveys,
    {
      name: "review: respond",
      path: reviewPath,
      fields: { intent: "respond", recommendationId: crypto.randomUUID(), response: "accepted", body: "We will" },
      textFields: ["body"],
    },
  ];
}

async function surveyCases(app: TestApp, planId: string, planPath: string): Promise<FormCase[]> {
  const db = app.db;
  const group = await db.selectFrom("groups").select(["id", "partnershipId"]).where("name", "=", "Compact Working Group").executeTakeFirstOrThrow();
  await db
    .insertInto("planStewards")
    .values({ planId, groupId: group.id, partnershipId: group.partnershipId })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const plan = (await loadPlan(db, group.partnershipId, planId))!;
  const leader = await actorFor(db, "leader@demo.test");
  const question = { text: "How would you rate the influence your organisation has on local decisions?", kind: "scale" as const };
  const draft = await createSurvey(db, leader, plan, { title: "Draft survey", question });
  await inviteOrganisations(db, leader, plan, draft, [{ name: "Age UK Portsmouth", email: "age@example.org" }]);
  const link = await db.selectFrom("surveyLinks").select("id").where("surveyId", "=", draft).executeTakeFirstOrThrow();
  const open = await createSurvey(db, leader, plan, { title: "Open survey", question });
  await inviteOrganisations(db, leader, plan, open, [{ name: "Portsmouth Carers", email: "carers@example.org" }]);
  await proposeSurvey(db, leader, plan, open);
  await agreeSurvey(db, await actorFor(db, "officer@demo.test"), plan, open);
  const email = await db
    .selectFrom("emailOutbox")
    .select("textBody")
    .where("kind", "=", "survey_invitation")
    .where("subject", "like", "Open survey%")
    .executeTakeFirstOrThrow();
  const token = /\/survey\/([a-z2-7]{32})/.exec(email.textBody)![1]!;
  const draftPath = `${planPath}/surveys/${draft}`;
  const openPath = `${planPath}/surveys/${open}`;
  return [
    {
      name: "surveys: start",
      path: `${planPath}/surveys`,
      fields: { title: "Partner survey", questionText: question.text, questionKind: "scale" },
      textFields: ["title", "questionText"],
    },
    {
      name: "survey: save the draft",
      path: draftPath,
      fields: {
        intent: "update-survey",
        title: "Draft survey",
        introduction: "Why we ask",
        "question-1-text": question.text,
        "question-1-kind": "scale",
        "question-new-text": "Were you asked?",
        "question-new-kind": "yes_no",
        indicatorId: "",
        resultQuestion: "",
      },
      textFields: ["title", "introduction", "question-1-text", "question-new-text"],
    },
    {
      name: "survey: invite organisations",
      path: draftPath,
      fields: {
        intent: "invite-organisations",
        organisationName: ["Solent Mind", "Off The Record"],
        organisationEmail: ["mind@example.org", "otr@example.org"],
      },
      textFields: ["organisationName", "organisationEmail"],
    },
    { name: "survey: remove an organisation", path: draftPath, fields: { intent: "remove-organisation", linkId: link.id }, textFields: [] },
    { name: "survey: propose sending", path: draftPath, fields: { intent: "propose-survey" }, textFields: [] },
    { name: "survey: withdraw the proposal", path: draftPath, fields: { intent: "withdraw-survey" }, textFields: [] },
    { name: "survey: agree and send", path: draftPath, fields: { intent: "agree-survey" }, textFields: [] },
    { name: "survey: close", path: openPath, fields: { intent: "close-survey" }, textFields: [] },
    { name: "survey answer", path: `/survey/${token}`, fields: { q1: "4" }, textFields: ["q1"] },
  ];
}

/**
 * A fingerprint of everything a form can change, so a test can say "nothing
 * was written". Refusals and security events are left out: they are recorded
 * on purpose, as are sessions and sign-in counters.
 *
 * Per table, the row count and the newest row version's transaction id
 * (`xmin`): an insert or update leaves a row stamped with a transaction newer
 * than any before it, and a delete lowers the count, so the pair changes with
 * any committed write, even one that rewrites a value unchanged. One query for
 * all tables, not a hash of every row: the fuzz test reads it around each of
 * its requests.
 */
export async function dataFingerprint(app: TestApp): Promise<Record<string, string>> {
  const tables = [
    "users",
    "partnership_memberships",
    "groups",
    "group_memberships",
    "invitations",
    "plans",
    "plan_stewards",
    "objectives",
    "actions",
    "action_leads",
    "progress_notes",
    "obstacle_categories",
    "action_obstacles",
    "reviews",
    "review_facilitators",
    "review_assessments",
    "review_obstacle_findings",
    "review_barriers",
    "review_recommendations",
    "review_responses",
    "review_addenda",
    "email_preferences",
    "email_opt_outs",
    "email_outbox",
    "indicators",
    "indicator_objectives",
    "indicator_readings",
    "surveys",
    "survey_links",
    "survey_answers",
  ];
  const perTable = tables.map((table) => sql`${sql.lit(table)}, (select count(*) || '/' || coalesce(max(xmin::text::bigint), 0) from ${sql.table(table)})`);
  const { rows } = await sql<{ fingerprint: Record<string, string> }>`
    select json_build_object(
      ${sql.join(perTable)},
      'audit_events', (select count(*)::text from audit_events where verb != 'refused' and partnership_id is not null)
    ) as fingerprint
  `.execute(app.db);
  return rows[0]!.fingerprint;
}
