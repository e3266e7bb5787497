import { confirmingSector } from "./words";
import { formatIndicatorValue } from "./indicators";
import { TEXT_LIMITS } from "./limits";
import type { Sector, SurveyQuestionKind } from "./vocabulary";

// A partner survey: a few questions, each a 1–5 scale or yes/no, sent as one
// link per invited organisation. What it may show is decided here, once:
// results only from MIN_ANSWERS_SHOWN answers up, as totals, never per
// organisation; every page, CSV and reading reads them through surveyResults().

export const MIN_QUESTIONS = 1;
export const MAX_QUESTIONS = 10;
/** Below this many answers nothing is shown: with fewer, a total can give away one organisation's answer. */
export const MIN_ANSWERS_SHOWN = 5;
/** How many organisations one survey may invite: each is an email. */
export const MAX_ORGANISATIONS = 300;
/** How many organisations one form may add at once. */
export const MAX_ORGANISATIONS_PER_FORM = 50;

/** Where an organisation answers: no session is read there (app/server/auth/current-user.server.ts). */
export const SURVEY_ANSWER_PATH = "/survey";

export function surveyAnswerPath(token: string): string {
  return `${SURVEY_ANSWER_PATH}/${token}`;
}

/** True for the answer page's addresses, which read no session, so nothing ties an answer to a signed-in person. */
export function isSurveyAnswerPath(pathname: string): boolean {
  return pathname === SURVEY_ANSWER_PATH || pathname.startsWith(`${SURVEY_ANSWER_PATH}/`);
}

export interface SurveyQuestion {
  id: string;
  text: string;
  kind: SurveyQuestionKind;
}

/** The NI7 question of the old National Indicator set, offered as the first question of a new survey. */
export const NI7_QUESTION = {
  text: "How would you rate the influence your organisation has on local decisions?",
  kind: "scale",
} as const satisfies Omit<SurveyQuestion, "id">;

export const SCALE_VALUES = [1, 2, 3, 4, 5] as const;
export type ScaleValue = (typeof SCALE_VALUES)[number];
/** On a scale, these count as "good or very good". */
export const FAVOURABLE_SCALE_VALUES: readonly number[] = [4, 5];

export type SurveyAnswer = Record<string, number | boolean>;

// ── State ────────────────────────────────────────────────────────────────

export const SURVEY_STATES = ["draft", "proposed", "open", "closed"] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

export interface SurveyStateColumns {
  proposedBy: string | null;
  openedAt: Date | string | null;
  closedAt: Date | string | null;
}

/** Where a survey stands, from its columns (the database's checks keep them whole). */
export function surveyStateOf(columns: SurveyStateColumns): SurveyState {
  if (columns.closedAt) return "closed";
  if (columns.openedAt) return "open";
  if (columns.proposedBy) return "proposed";
  return "draft";
}

/** Who must agree to send a survey proposed by someone of `proposerSector`. */
export function whoMustAgreeToSend(proposerSector: Sector, singleSectorSignoff: boolean): string {
  if (singleSectorSignoff) return "Another admin or steward of this plan, not the person who proposed it, must agree to send it.";
  const sector = confirmingSector(proposerSector, false);
  return `${sector === "another sector" ? "Someone of another sector" : `Someone of ${sector}`} who is an admin or steward of this plan must agree to send it.`;
}

// ── Questions ────────────────────────────────────────────────────────────

/** Questions numbered afresh q1, q2…: a draft's questions change only before anyone answers. */
export function numberQuestions(questions: ReadonlyArray<Omit<SurveyQuestion, "id">>): SurveyQuestion[] {
  return questions.map((question, index) => ({ id: `q${index + 1}`, text: question.text, kind: question.kind }));
}

/** What is wrong with a survey's questions, or null: one to ten, each with text within the limit and a known kind. */
export function questionsProblem(questions: readonly SurveyQuestion[]): string | null {
  if (questions.length < MIN_QUESTIONS) return "Add at least one question";
  if (questions.length > MAX_QUESTIONS) return `A survey can have at most ${MAX_QUESTIONS} questions`;
  const ids = new Set<string>();
  for (const [index, question] of questions.entries()) {
    const text = question.text.trim();
    if (!text) return `Enter question ${index + 1}`;
    if (text.length > TEXT_LIMITS.surveyQuestion) return `Question ${index + 1} must be ${TEXT_LIMITS.surveyQuestion} characters or fewer`;
    if (question.kind !== "scale" && question.kind !== "yes_no") return `Choose how question ${index + 1} is answered`;
    if (ids.has(question.id)) return "Two questions have the same id";
    ids.add(question.id);
  }
  return null;
}

// ── Answers ──────────────────────────────────────────────────────────────

export type AnswerParse = { ok: true; answer: SurveyAnswer } | { ok: false; errors: Record<string, string> };

/**
 * One organisation's answers from the form's fields, named by question id:
 * every question answered, once, with a value its kind allows ("1"–"5", or
 * "yes"/"no"). Other fields are not ours to read and are left alone.
 */
export function parseAnswer(questions: readonly SurveyQuestion[], fields: Readonly<Record<string, unknown>>): AnswerParse {
  const answer: SurveyAnswer = {};
  const errors: Record<string, string> = {};
  for (const [index, question] of questions.entries()) {
    const value = Object.hasOwn(fields, question.id) ? fields[question.id] : undefined;
    const number = index + 1;
    if (value === undefined || value === "") {
      errors[question.id] = `Answer question ${number}`;
    } else if (typeof value !== "string") {
      errors[question.id] = `Choose one answer to question ${number}`;
    } else if (question.kind === "scale") {
      if (/^[1-5]$/.test(value)) answer[question.id] = Number(value);
      else errors[question.id] = `Choose an answer from 1 to 5 for question ${number}`;
    } else if (value === "yes" || value === "no") {
      answer[question.id] = value === "yes";
    } else {
      errors[question.id] = `Choose yes or no for question ${number}`;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answer };
}

// ── Results ──────────────────────────────────────────────────────────────

export interface QuestionResult {
  question: SurveyQuestion;
  /** How many organisations answered it. */
  answered: number;
  /** Scale: how many chose 1, 2, 3, 4, 5. Yes/no: how many said yes, then no. */
  counts: number[];
  /** How many chose 4 or 5 (scale), or yes. */
  favourable: number;
  /** favourable / answered, 0 to 1. */
  share: number;
}

export interface SurveyResults {
  answers: number;
  questions: QuestionResult[];
}

/** The results, or null under MIN_ANSWERS_SHOWN answers: then nothing about the answers is shown, not even per question. */
export function surveyResults(questions: readonly SurveyQuestion[], answers: readonly SurveyAnswer[]): SurveyResults | null {
  if (answers.length < MIN_ANSWERS_SHOWN) return null;
  return { answers: answers.length, questions: questions.map((question) => questionResult(question, answers)) };
}

function questionResult(question: SurveyQuestion, answers: readonly SurveyAnswer[]): QuestionResult {
  const values = answers.map((answer) => answer[question.id]).filter((value) => value !== undefined);
  const counts =
    question.kind === "scale"
      ? SCALE_VALUES.map((scale) => values.filter((value) => value === scale).length)
      : [values.filter((value) => value === true).length, values.filter((value) => value === false).length];
  const favourable =
    question.kind === "scale" ? values.filter((value) => typeof value === "number" && FAVOURABLE_SCALE_VALUES.includes(value)).length : counts[0]!;
  return { question, answered: values.length, counts, favourable, share: values.length ? favourable / values.length : 0 };
}

/** The share as an indicator's reading holds it: a percentage to one decimal place. */
export function readingValueOf(result: QuestionResult): number {
  return Math.round(result.share * 1000) / 10;
}

/** "56.1% rated it good or very good", "40% answered yes": the same figure the reading holds. */
export function favourableWords(result: QuestionResult): string {
  const share = formatIndicatorValue("percent", readingValueOf(result));
  return result.question.kind === "scale" ? `${share} rated it good or very good` : `${share} answered yes`;
}

/**
 * The reading's note in words: "56.1% rated it good or very good, 23 of 41
 * organisations that answered (45 invited)". Within the reading note's limit
 * whatever the survey's title.
 */
export function readingNote(title: string, result: QuestionResult, invited: number): string {
  const figures = `${favourableWords(result)}, ${result.favourable} of ${result.answered} organisation${result.answered === 1 ? "" : "s"} that answered (${invited} invited)`;
  const room = TEXT_LIMITS.readingNote - figures.length - "Partner survey “”: ".length;
  const shortTitle = title.length > room ? `${title.slice(0, Math.max(0, room - 1))}…` : title;
  return `Partner survey “${shortTitle}”: ${figures}`;
}

/** "12 of 41 organisations have answered". */
export function responseWords(answered: number, invited: number): string {
  if (invited === 0) return "No organisations are invited yet";
  return `${answered} of ${invited} organisation${invited === 1 ? " has" : "s have"} answered`;
}

/** Why no results show, in words, under MIN_ANSWERS_SHOWN answers. */
export function tooFewAnswersWords(answered: number): string {
  return `Results are shown only once at least ${MIN_ANSWERS_SHOWN} organisations have answered, so that no organisation's answer can be told from the totals. ${answered === 0 ? "None has" : `${answered} ${answered === 1 ? "has" : "have"}`} so far.`;
}
