import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { addDaysTo, ukToday } from "../domain/dates";
import { demoPartnership, demoPlan } from "./portsmouth-data.server";
import { loadActor } from "../server/platform/actors.server";
import { loadPlan } from "../server/platform/plan-data.server";
import { addReading, createIndicator } from "../server/outcomes/indicators.server";
import { agreeSurvey, answerSurvey, closeSurvey, createSurvey, inviteOrganisations, proposeSurvey, updateSurvey } from "../server/outcomes/surveys.server";
import { NI7_QUESTION } from "../domain/surveys";

// Portsmouth's outcome: the sector's satisfaction with partnership working,
// which the plan exists to raise. The plan gives no figure for it, so the
// figures are illustrative and say so; the national comparison is NI 7's
// 2008 average as Thurrock's plan quotes it. The dates count from the day the
// demo loads, so the indicator is read as current: a baseline a year ago, a
// target a year on, a reading six months ago, and a partner survey agreed by
// both sectors, answered by nine of twelve invited organisations and closed
// today, whose result is the latest reading.

export const demoIndicator = {
  name: "Third sector satisfaction with partnership working",
  measures:
    "Share of the city's voluntary and community organisations rating partnership working with the public sector good or very good. " +
    "Illustrative figures: Portsmouth's plan gives no baseline or target for it.",
  source: "Annual VCS survey (illustrative)",
  comparisonLabel: "National average, NI 7 (2008 national survey)",
  stewardEmail: "leader@demo.test",
};

export const demoSurvey = {
  title: "Annual survey of partners (illustrative)",
  introduction: "Five minutes, once a year: how partnership working with the public sector feels from your organisation.",
  /** Sam Patel (voluntary and community sector) proposes; Priya Shah, the admin, agrees for the public sector: the plan's stewards are all of one sector. */
  agreedBy: "admin@demo.test",
  /** Twelve organisations invited; nine answer. Question 2 feeds the indicator: three of nine rate it good or very good (33.3%). */
  invited: 12,
  answers: [
    { q1: "2", q2: "4", q3: "yes" },
    { q1: "3", q2: "5", q3: "yes" },
    { q1: "4", q2: "4", q3: "no" },
    { q1: "2", q2: "3", q3: "no" },
    { q1: "1", q2: "2", q3: "no" },
    { q1: "3", q2: "3", q3: "yes" },
    { q1: "2", q2: "2", q3: "no" },
    { q1: "3", q2: "3", q3: "no" },
    { q1: "2", q2: "1", q3: "yes" },
  ],
};

/** The indicator and its first reading, made through the writes stewards use, so the history tells it. */
export async function seedPortsmouthOutcomes(db: Kysely<Database>, now: Date) {
  const today = ukToday(now);
  const partnership = await db.selectFrom("partnerships").select("id").where("slug", "=", demoPartnership.slug).executeTakeFirstOrThrow();
  const planRow = await db
    .selectFrom("plans")
    .select("id")
    .where("partnershipId", "=", partnership.id)
    .where("title", "=", demoPlan.title)
    .executeTakeFirstOrThrow();
  const plan = (await loadPlan(db, partnership.id, planRow.id))!;
  const steward = await db.selectFrom("users").select("id").where("email", "=", demoIndicator.stewardEmail).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, steward.id, partnership.id))!;
  const objectives = await db.selectFrom("objectives").select(["id", "number"]).where("planId", "=", plan.id).orderBy("number").execute();

  const baselineOn = addDaysTo(today, -365);
  const indicatorId = await createIndicator(db, actor, plan, {
    name: demoIndicator.name,
    measures: demoIndicator.measures,
    unit: "percent",
    better: "higher",
    baselineValue: 24,
    baselineOn,
    targetValue: 40,
    targetOn: addDaysTo(today, 365),
    source: demoIndicator.source,
    comparisonValue: 16.3,
    comparisonLabel: demoIndicator.comparisonLabel,
    // Objective 2: the culture, behaviours and structures of partnership working.
    objectiveIds: objectives.filter((objective) => objective.number === 2).map((objective) => objective.id),
  });
  await addReading(db, actor, plan, indicatorId, {
    value: 27,
    measuredOn: addDaysTo(today, -180),
    sourceNote: "Annual VCS survey, 36 organisations (illustrative)",
    correctsReadingId: null,
  });
  await runDemoSurvey(db, plan, indicatorId);
  return { plan, indicatorId };
}

/** The partner survey, through the writes people use; its links are read back from the outbox, as the organisations would from their email. */
async function runDemoSurvey(db: Kysely<Database>, plan: NonNullable<Awaited<ReturnType<typeof loadPlan>>>, indicatorId: string) {
  const actorOf = async (email: string) => {
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    return (await loadActor(db, user.id, plan.partnershipId))!;
  };
  const steward = await actorOf(demoIndicator.stewardEmail);
  const surveyId = await createSurvey(db, steward, plan, { title: demoSurvey.title, question: NI7_QUESTION });
  await updateSurvey(db, steward, plan, surveyId, {
    title: demoSurvey.title,
    introduction: demoSurvey.introduction,
    questions: [
      NI7_QUESTION,
      { text: "How would you rate partnership working between your organisation and the public sector?", kind: "scale" },
      { text: "Has the public sector consulted your organisation on a decision that affected it this year?", kind: "yes_no" },
    ],
    indicatorId,
    resultQuestionIndex: 1,
  });
  const organisations = Array.from({ length: demoSurvey.invited }, (_, index) => ({
    name: `Demo organisation ${index + 1}`,
    email: `partner-organisation-${index + 1}@demo.test`,
  }));
  await inviteOrganisations(db, steward, plan, surveyId, organisations);
  await proposeSurvey(db, steward, plan, surveyId);
  await agreeSurvey(db, await actorOf(demoSurvey.agreedBy), plan, surveyId);
  const invitations = await db
    .selectFrom("emailOutbox")
    .select("textBody")
    .where("kind", "=", "survey_invitation")
    .where("partnershipId", "=", plan.partnershipId)
    .execute();
  const tokens = invitations.map((email) => /\/survey\/([a-z2-7]+)/.exec(email.textBody)?.[1]).filter((token): token is string => Boolean(token));
  for (const [index, answer] of demoSurvey.answers.entries()) await answerSurvey(db, tokens[index]!, answer);
  await closeSurvey(db, steward, plan, surveyId);
}
