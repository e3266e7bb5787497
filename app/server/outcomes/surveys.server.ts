import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { ukToday } from "../../domain/dates";
import {
  MAX_ORGANISATIONS,
  MIN_ANSWERS_SHOWN,
  numberQuestions,
  parseAnswer,
  questionsProblem,
  readingNote,
  readingValueOf,
  surveyResults,
  surveyStateOf,
  type SurveyAnswer,
  type SurveyQuestion,
  type SurveyResults,
  type SurveyState,
} from "../../domain/surveys";
import type { Sector, SurveyQuestionKind } from "../../domain/vocabulary";
import { generateSecret, hashSecret } from "../auth/sessions.server";
import { surveyInvitationEmail } from "../mail/survey-emails.server";
import { createdFields, SYSTEM_ACTOR, changedFields } from "../platform/audit.server";
import { ConflictError, InputError, NotFoundError } from "../platform/errors.server";
import { accountWrite, planWrite, recorded, unchanged, type AccountEventFacts, type Outcome, type Trx } from "../platform/write.server";
import { insertReading, lockedIndicator } from "./indicators.server";

// Partner surveys. Stewards draft one, invite organisations (a name and an
// address each, no account), and one proposes sending it; a steward of the
// other sector agrees, which opens it: each organisation's link gets a random
// token, of which only the hash is kept, and its email is queued in the same
// transaction. An answer is written with no person and no time, and with
// nothing that names its link (db/migrations/0014); the link is only marked
// answered, once. Closing records the result as a reading of the chosen
// indicator when MIN_ANSWERS_SHOWN organisations or more answered.
//
// A draft changes only while it is a draft: a proposal is agreed as it was
// proposed, so a change needs the proposal withdrawn first (ConflictError).

export const SURVEY_PROPOSED_NO_CHANGES =
  "This survey is proposed for sending, so it cannot change now: withdraw the proposal to change it, then propose it again.";
export const SURVEY_SENT_NO_CHANGES = "This survey has been sent, so it cannot change now.";
export const SURVEY_CLOSED = "This survey is closed: it takes no more answers.";
export const SURVEY_ALREADY_ANSWERED = "This link has already been used to answer the survey. Each organisation's link answers once.";

export interface NewSurvey {
  title: string;
  question: { text: string; kind: SurveyQuestionKind };
}

export interface SurveyDraft {
  title: string;
  introduction: string;
  questions: ReadonlyArray<{ text: string; kind: SurveyQuestionKind }>;
  /** The indicator the result becomes a reading of (a percentage), or null. */
  indicatorId: string | null;
  /** Which of `questions` (from 0) measures it; null exactly when indicatorId is. */
  resultQuestionIndex: number | null;
}

export interface InvitedOrganisation {
  name: string;
  email: string;
}

/** The survey, locked, if it is this plan's: a proposal, an agreement, an edit and a closing queue rather than race. */
async function lockedSurvey(trx: Trx, planId: string, surveyId: string) {
  if (!isUuidLike(surveyId)) throw new NotFoundError("That survey");
  const survey = await trx.selectFrom("surveys").selectAll().where("id", "=", surveyId).where("planId", "=", planId).forUpdate().executeTakeFirst();
  if (!survey) throw new NotFoundError("That survey");
  return { ...survey, state: surveyStateOf(survey) };
}

function isUuidLike(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** Refuses a change to anything but a draft, saying why. */
function requireDraft(state: SurveyState) {
  if (state === "proposed") throw new ConflictError(SURVEY_PROPOSED_NO_CHANGES);
  if (state !== "draft") throw new ConflictError(SURVEY_SENT_NO_CHANGES);
}

/**
 * A link's token before the survey opens: random and never sent, so nobody
 * can answer a draft. Agreeing to send replaces it with the token emailed.
 */
function unusableTokenHash(): Uint8Array {
  return hashSecret(`unsent:${generateSecret()}`);
}

export const createSurvey = planWrite("createSurvey", async ({ trx, actor, plan, authorize }, fields: NewSurvey) => {
  authorize("survey.manage");
  const questions = numberQuestions([fields.question]);
  const problem = questionsProblem(questions);
  if (problem) throw new InputError("questionText", problem);
  const survey = await trx
    .insertInto("surveys")
    .values({ planId: plan.id, title: fields.title, questions: JSON.stringify(questions), createdBy: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return recorded(
    {
      entityType: "survey",
      entityId: survey.id,
      verb: "created",
      changes: createdFields({ title: fields.title, questions }),
      context: { title: fields.title },
    },
    survey.id,
  );
});

export const updateSurvey = planWrite("updateSurvey", async ({ trx, plan, authorize }, surveyId: string, draft: SurveyDraft) => {
  authorize("survey.manage");
  const before = await lockedSurvey(trx, plan.id, surveyId);
  requireDraft(before.state);
  const questions = numberQuestions(draft.questions);
  const problem = questionsProblem(questions);
  if (problem) throw new InputError("questions", problem);
  let resultQuestionId: string | null = null;
  if (draft.indicatorId) {
    const indicator = await trx.selectFrom("indicators").select(["unit"]).where("id", "=", draft.indicatorId).where("planId", "=", plan.id).executeTakeFirst();
    if (!indicator) throw new InputError("indicatorId", "That indicator is not one of this plan's. Reload the page, and try again");
    if (indicator.unit !== "percent") throw new InputError("indicatorId", "Choose an indicator counted in percent: a survey's result is a percentage");
    resultQuestionId = draft.resultQuestionIndex === null ? null : (questions[draft.resultQuestionIndex]?.id ?? null);
    if (!resultQuestionId) throw new InputError("resultQuestion", "Choose the question whose result becomes the indicator's reading");
  }
  const after = { title: draft.title, introduction: draft.introduction, questions, indicatorId: draft.indicatorId, resultQuestionId };
  const changes = changedFields({ ...before }, after);
  if (Object.keys(changes).length === 0) return unchanged();
  await trx
    .updateTable("surveys")
    .set({ ...after, questions: JSON.stringify(questions) })
    .where("id", "=", surveyId)
    .execute();
  return recorded({ entityType: "survey", entityId: surveyId, verb: "updated", changes, context: { title: draft.title } });
});

/** Adds organisations to a draft; a name already invited (in any case) is refused, the whole form with it. */
export const inviteOrganisations = planWrite(
  "inviteOrganisations",
  async ({ trx, plan, authorize }, surveyId: string, organisations: readonly InvitedOrganisation[]) => {
    authorize("survey.manage");
    const survey = await lockedSurvey(trx, plan.id, surveyId);
    requireDraft(survey.state);
    if (organisations.length === 0) throw new InputError("organisationName-0", "Enter the name and email address of at least one organisation");
    const existing = await trx.selectFrom("surveyLinks").select("organisationName").where("surveyId", "=", surveyId).execute();
    const taken = new Map(existing.map((link) => [link.organisationName.toLowerCase(), link.organisationName]));
    for (const [index, organisation] of organisations.entries()) {
      const already = taken.get(organisation.name.toLowerCase());
      if (already) throw new InputError(`organisationName-${index}`, `“${already}” is invited already. Each organisation is invited once`);
      taken.set(organisation.name.toLowerCase(), organisation.name);
    }
    if (taken.size > MAX_ORGANISATIONS) throw new InputError("organisationName-0", `A survey can invite at most ${MAX_ORGANISATIONS} organisations`);
    await trx
      .insertInto("surveyLinks")
      .values(
        organisations.map((organisation) => ({ surveyId, organisationName: organisation.name, email: organisation.email, tokenHash: unusableTokenHash() })),
      )
      .execute();
    return recorded({
      entityType: "survey",
      entityId: surveyId,
      verb: "updated",
      changes: { organisations: { before: existing.length, after: existing.length + organisations.length } },
      // Names, not addresses: the history is read more widely than the survey's own page.
      context: { title: survey.title, added: organisations.map((organisation) => organisation.name) },
    });
  },
);

export const removeOrganisation = planWrite("removeOrganisation", async ({ trx, plan, authorize }, surveyId: string, linkId: string) => {
  authorize("survey.manage");
  const survey = await lockedSurvey(trx, plan.id, surveyId);
  requireDraft(survey.state);
  if (!isUuidLike(linkId)) throw new NotFoundError("That organisation");
  const removed = await trx
    .deleteFrom("surveyLinks")
    .where("id", "=", linkId)
    .where("surveyId", "=", surveyId)
    .returning("organisationName")
    .executeTakeFirst();
  if (!removed) throw new NotFoundError("That organisation");
  const left = await trx
    .selectFrom("surveyLinks")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("surveyId", "=", surveyId)
    .executeTakeFirstOrThrow();
  return recorded({
    entityType: "survey",
    entityId: surveyId,
    verb: "updated",
    changes: { organisations: { before: Number(left.count) + 1, after: Number(left.count) } },
    context: { title: survey.title, removed: removed.organisationName },
  });
});

export const proposeSurvey = planWrite("proposeSurvey", async ({ trx, actor, plan, authorize }, surveyId: string) => {
  authorize("survey.manage");
  const survey = await lockedSurvey(trx, plan.id, surveyId);
  // Proposed already (by anyone): a second press changes nothing.
  if (survey.state === "proposed") return unchanged();
  requireDraft(survey.state);
  const invited = await trx.selectFrom("surveyLinks").select("id").where("surveyId", "=", surveyId).limit(1).executeTakeFirst();
  if (!invited) throw new ConflictError("Invite at least one organisation before proposing to send the survey.");
  await trx.updateTable("surveys").set({ proposedBy: actor.userId, proposedSector: actor.sector }).where("id", "=", surveyId).execute();
  return recorded({
    entityType: "survey",
    entityId: surveyId,
    verb: "proposed",
    changes: { proposedSector: { before: null, after: actor.sector } },
    context: { title: survey.title },
  });
});

export const NO_STANDING_SURVEY_PROPOSAL = "Nobody has proposed sending this survey, or the proposal was withdrawn. Reload the page.";

/** Opens the survey: a token per organisation, only its hash kept, and its email queued with the change. Returns how many were sent. */
export const agreeSurvey = planWrite("agreeSurvey", async ({ trx, actor, plan, authorize }, surveyId: string) => {
  const survey = await lockedSurvey(trx, plan.id, surveyId);
  if (survey.state !== "proposed") {
    // Only someone who may take part learns where it stands.
    authorize("survey.manage");
    if (survey.state === "open") return unchanged(0);
    throw new ConflictError(survey.state === "closed" ? SURVEY_CLOSED : NO_STANDING_SURVEY_PROPOSAL);
  }
  authorize("survey.agree", { survey: { proposerUserId: survey.proposedBy, proposerSector: survey.proposedSector } });
  const links = await trx
    .selectFrom("surveyLinks")
    .select(["id", "organisationName", "email"])
    .where("surveyId", "=", surveyId)
    .orderBy("organisationName")
    .execute();
  if (links.length === 0) throw new ConflictError("No organisations are invited: withdraw the proposal and invite some first.");
  const [partnership, proposer, agreer] = await Promise.all([
    trx.selectFrom("partnerships").select(["id", "name"]).where("id", "=", plan.partnershipId).executeTakeFirstOrThrow(),
    trx.selectFrom("users").select("displayName").where("id", "=", survey.proposedBy!).executeTakeFirstOrThrow(),
    trx.selectFrom("users").select("displayName").where("id", "=", actor.userId).executeTakeFirstOrThrow(),
  ]);
  const facts = {
    partnership,
    plan: { title: plan.title },
    survey: { title: survey.title, introduction: survey.introduction, questionCount: survey.questions.length },
    proposer: { name: proposer.displayName, sector: survey.proposedSector! },
    agreer: { name: agreer.displayName, sector: actor.sector },
  };
  const emails = [];
  for (const link of links) {
    const token = generateSecret();
    await trx
      .updateTable("surveyLinks")
      .set({ tokenHash: hashSecret(token) })
      .where("id", "=", link.id)
      .execute();
    emails.push(surveyInvitationEmail(facts, { name: link.organisationName, email: link.email }, token));
  }
  await trx.updateTable("surveys").set({ agreedBy: actor.userId, agreedSector: actor.sector, openedAt: new Date() }).where("id", "=", surveyId).execute();
  return recorded(
    {
      entityType: "survey",
      entityId: surveyId,
      verb: "sent",
      changes: { agreedSector: { before: null, after: actor.sector } },
      context: { title: survey.title, proposedSector: survey.proposedSector, organisations: links.length },
      emails,
    },
    links.length,
  );
});

/** Withdraws a proposal not yet agreed: the survey is a draft again. Returns whether there was one. */
export const withdrawSurvey = planWrite("withdrawSurvey", async ({ trx, plan, authorize }, surveyId: string) => {
  authorize("survey.manage");
  const survey = await lockedSurvey(trx, plan.id, surveyId);
  if (survey.state === "draft") return unchanged(false);
  if (survey.state !== "proposed") throw new ConflictError(`${SURVEY_SENT_NO_CHANGES} Close it instead.`);
  await trx.updateTable("surveys").set({ proposedBy: null, proposedSector: null }).where("id", "=", surveyId).execute();
  return recorded(
    {
      entityType: "survey",
      entityId: surveyId,
      verb: "withdrawn",
      changes: { proposedSector: { before: survey.proposedSector, after: null } },
      context: { title: survey.title },
    },
    true,
  );
});

export interface ClosedSurvey {
  answers: number;
  /** The reading's note when one was recorded, else null. */
  reading: { note: string; indicatorName: string } | null;
}

/**
 * Closes an open survey. With MIN_ANSWERS_SHOWN answers or more and an
 * indicator chosen, its result is recorded as a reading of the indicator,
 * dated today, in the same transaction; with fewer, it closes with no result.
 */
export const closeSurvey = planWrite("closeSurvey", async ({ trx, actor, plan, authorize }, surveyId: string) => {
  authorize("survey.manage");
  const survey = await lockedSurvey(trx, plan.id, surveyId);
  // Closed already (a second press): -1 answers says so.
  if (survey.state === "closed") return unchanged<ClosedSurvey>({ answers: -1, reading: null });
  if (survey.state !== "open") throw new ConflictError("Only a survey that has been sent can be closed. A draft or a proposal can simply be left.");
  const [answers, invited] = await Promise.all([answersOf(trx, surveyId), invitedCount(trx, surveyId)]);
  const results = surveyResults(survey.questions, answers);
  await trx.updateTable("surveys").set({ closedAt: new Date() }).where("id", "=", surveyId).execute();
  const result = results?.questions.find((question) => question.question.id === survey.resultQuestionId);
  let reading: ClosedSurvey["reading"] = null;
  let readingFacts: Record<string, unknown> = {};
  if (result && survey.indicatorId) {
    const indicator = await lockedIndicator(trx, plan.id, survey.indicatorId);
    const note = readingNote(survey.title, result, invited);
    const facts = await insertReading(
      trx,
      indicator,
      { value: readingValueOf(result), measuredOn: ukToday(), sourceNote: note, correctsReadingId: null, surveyId },
      actor.userId,
    );
    reading = { note, indicatorName: indicator.name };
    readingFacts = { indicator: indicator.name, indicatorId: indicator.id, readingId: facts.context.readingId, valueWords: facts.context.valueWords };
  }
  const resultWords = reading
    ? `${reading.note}; recorded as a reading of “${reading.indicatorName}”`
    : results
      ? `${answers.length} organisations answered`
      : `${answers.length} answer${answers.length === 1 ? "" : "s"}, fewer than ${MIN_ANSWERS_SHOWN}, so no result`;
  return recorded(
    {
      entityType: "survey",
      entityId: surveyId,
      verb: "closed",
      changes: { closedAt: { before: null, after: "closed" } },
      context: { title: survey.title, answers: answers.length, invited, result: resultWords, ...readingFacts },
    },
    { answers: answers.length, reading },
  );
});

export interface AnswerPage {
  state: "open";
  title: string;
  introduction: string;
  questions: SurveyQuestion[];
  organisationName: string;
  partnershipName: string;
  planTitle: string;
}

export type SurveyLinkState =
  | { state: "not_found" }
  | { state: "answered"; title: string; partnershipName: string }
  | { state: "closed"; title: string; partnershipName: string }
  | AnswerPage;

/** Where an organisation's link stands, for its answer page. */
export async function surveyLinkState(db: Kysely<Database>, token: string): Promise<SurveyLinkState> {
  if (!isToken(token)) return { state: "not_found" };
  const link = await db
    .selectFrom("surveyLinks as l")
    .innerJoin("surveys as s", "s.id", "l.surveyId")
    .innerJoin("plans as p", "p.id", "s.planId")
    .innerJoin("partnerships as pa", "pa.id", "p.partnershipId")
    .select([
      "l.organisationName",
      "l.answered",
      "s.title",
      "s.introduction",
      "s.questions",
      "s.openedAt",
      "s.closedAt",
      "p.title as planTitle",
      "pa.name as partnershipName",
    ])
    .where("l.tokenHash", "=", hashSecret(token))
    .where("p.archivedAt", "is", null)
    .executeTakeFirst();
  if (!link?.openedAt) return { state: "not_found" };
  if (link.closedAt) return { state: "closed", title: link.title, partnershipName: link.partnershipName };
  if (link.answered) return { state: "answered", title: link.title, partnershipName: link.partnershipName };
  return {
    state: "open",
    title: link.title,
    introduction: link.introduction,
    questions: link.questions,
    organisationName: link.organisationName,
    partnershipName: link.partnershipName,
    planTitle: link.planTitle,
  };
}

/** Tokens as generateSecret() writes them; anything else is no link of ours. */
function isToken(token: string): boolean {
  return /^[a-z2-7]{32}$/.test(token);
}

/**
 * One organisation's answer, by its link's token, with nobody signed in: the
 * link is marked answered only if it was not (`where answered = false`), and
 * the answer inserted in the same transaction, so of two submissions at once
 * exactly one counts. The answer row holds neither the link nor a time, and
 * the event names the survey alone, as the system's. A database dump shows no
 * more: each answer rewrites all of its survey's links, so the row versions'
 * transaction ids, which the answer row shares, point at every link or none.
 */
export const answerSurvey = accountWrite(
  "answerSurvey",
  async (trx, token: string, fields: Readonly<Record<string, unknown>>): Promise<Outcome<void, AccountEventFacts>> => {
    if (!isToken(token)) throw new NotFoundError("That survey link");
    const link = await trx.selectFrom("surveyLinks").select(["id", "surveyId"]).where("tokenHash", "=", hashSecret(token)).executeTakeFirst();
    if (!link) throw new NotFoundError("That survey link");
    // Locked: one answer to a survey at a time, and none while it closes (see the rewrite of every link below).
    const survey = await trx
      .selectFrom("surveys as s")
      .innerJoin("plans as p", "p.id", "s.planId")
      .select(["s.id", "s.planId", "s.title", "s.questions", "s.openedAt", "s.closedAt", "p.partnershipId"])
      .where("s.id", "=", link.surveyId)
      .forUpdate("s")
      .executeTakeFirstOrThrow();
    if (!survey.openedAt) throw new NotFoundError("That survey link");
    if (survey.closedAt) throw new ConflictError(SURVEY_CLOSED);
    const parsed = parseAnswer(survey.questions, fields);
    if (!parsed.ok) {
      const [field, message] = Object.entries(parsed.errors)[0]!;
      throw new InputError(field, message);
    }
    const marked = await trx.updateTable("surveyLinks").set({ answered: true }).where("id", "=", link.id).where("answered", "=", false).executeTakeFirst();
    if (marked.numUpdatedRows === 0n) throw new ConflictError(SURVEY_ALREADY_ANSWERED);
    // Every link of the survey rewritten too, so that all carry this transaction's id (xmin), as the answer row does: no row version tells which link answered.
    await trx
      .updateTable("surveyLinks")
      .set((eb) => ({ answered: eb.ref("answered") }))
      .where("surveyId", "=", survey.id)
      .execute();
    await trx
      .insertInto("surveyAnswers")
      .values({ surveyId: survey.id, answers: JSON.stringify(parsed.answer) })
      .execute();
    return recorded({
      actor: SYSTEM_ACTOR,
      partnershipId: survey.partnershipId,
      planId: survey.planId,
      entityType: "survey",
      entityId: survey.id,
      verb: "answered",
      context: { title: survey.title },
    });
  },
);

// ── Reads ────────────────────────────────────────────────────────────────

async function answersOf(db: Kysely<Database>, surveyId: string): Promise<SurveyAnswer[]> {
  const rows = await db.selectFrom("surveyAnswers").select("answers").where("surveyId", "=", surveyId).execute();
  return rows.map((row) => row.answers);
}

async function invitedCount(db: Kysely<Database>, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom("surveyLinks")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("surveyId", "=", surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface SurveySummary {
  id: string;
  title: string;
  state: SurveyState;
  invited: number;
  answered: number;
  createdAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
}

/** The plan's surveys, newest first, with how many organisations are invited and have answered. */
export async function surveysOf(db: Kysely<Database>, planId: string): Promise<SurveySummary[]> {
  const rows = await db
    .selectFrom("surveys as s")
    .select(["s.id", "s.title", "s.proposedBy", "s.openedAt", "s.closedAt", "s.createdAt"])
    .select((eb) => [
      eb
        .selectFrom("surveyLinks as l")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("l.surveyId", "=", "s.id")
        .as("invited"),
      eb
        .selectFrom("surveyAnswers as a")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("a.surveyId", "=", "s.id")
        .as("answered"),
    ])
    .where("s.planId", "=", planId)
    .orderBy("s.createdAt", "desc")
    .orderBy("s.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    state: surveyStateOf(row),
    invited: Number(row.invited ?? 0),
    answered: Number(row.answered ?? 0),
    createdAt: row.createdAt,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
  }));
}

export interface SurveyDetail {
  id: string;
  title: string;
  introduction: string;
  questions: SurveyQuestion[];
  indicatorId: string | null;
  resultQuestionId: string | null;
  state: SurveyState;
  proposed: { userId: string; name: string; sector: Sector } | null;
  agreed: { name: string; sector: Sector; at: Date } | null;
  closedAt: Date | null;
  /** Names and addresses: for those who may manage the survey only (the caller decides). */
  organisations: Array<{ id: string; name: string; email: string }>;
  invited: number;
  answered: number;
  /** Totals, once the survey is closed with MIN_ANSWERS_SHOWN answers or more; null otherwise. */
  results: SurveyResults | null;
}

/**
 * A survey of the plan, or null. Results are given only once it is closed,
 * and then only from MIN_ANSWERS_SHOWN answers (surveyResults): totals that
 * change while it is open would let someone who sees them before and after
 * one organisation answers read that organisation's answer.
 */
export async function surveyOf(db: Kysely<Database>, planId: string, surveyId: string): Promise<SurveyDetail | null> {
  if (!isUuidLike(surveyId)) return null;
  const survey = await db
    .selectFrom("surveys as s")
    .leftJoin("users as proposer", "proposer.id", "s.proposedBy")
    .leftJoin("users as agreer", "agreer.id", "s.agreedBy")
    .selectAll("s")
    .select(["proposer.displayName as proposerName", "agreer.displayName as agreerName"])
    .where("s.id", "=", surveyId)
    .where("s.planId", "=", planId)
    .executeTakeFirst();
  if (!survey) return null;
  const state = surveyStateOf(survey);
  const [organisations, answered, answers] = await Promise.all([
    db
      .selectFrom("surveyLinks")
      .select(["id", "organisationName as name", "email"])
      .where("surveyId", "=", surveyId)
      .orderBy("createdAt")
      .orderBy("organisationName")
      .execute(),
    db
      .selectFrom("surveyLinks")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("surveyId", "=", surveyId)
      .where("answered", "=", true)
      .executeTakeFirstOrThrow(),
    state === "closed" ? answersOf(db, surveyId) : Promise.resolve([]),
  ]);
  return {
    id: survey.id,
    title: survey.title,
    introduction: survey.introduction,
    questions: survey.questions,
    indicatorId: survey.indicatorId,
    resultQuestionId: survey.resultQuestionId,
    state,
    proposed:
      survey.proposedBy && survey.proposedSector ? { userId: survey.proposedBy, name: survey.proposerName ?? "Someone", sector: survey.proposedSector } : null,
    agreed: survey.agreedSector && survey.openedAt ? { name: survey.agreerName ?? "Someone", sector: survey.agreedSector, at: survey.openedAt } : null,
    closedAt: survey.closedAt,
    organisations,
    invited: organisations.length,
    answered: Number(answered.n),
    results: state === "closed" ? surveyResults(survey.questions, answers) : null,
  };
}

/** The plan's indicators a survey can feed: those counted in percent. */
export async function percentIndicatorsOf(db: Kysely<Database>, planId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom("indicators")
    .select(["id", "name"])
    .where("planId", "=", planId)
    .where("unit", "=", "percent")
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
}
