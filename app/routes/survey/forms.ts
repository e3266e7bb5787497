import { z } from "zod";
import { TEXT_LIMITS } from "~/domain/limits";
import { MAX_ORGANISATIONS_PER_FORM, MAX_QUESTIONS } from "~/domain/surveys";
import { SURVEY_QUESTION_KINDS, type SurveyQuestionKind } from "~/domain/vocabulary";
import { emailAddress } from "~/server/http/forms.server";

// The survey page's forms. The draft is one form without JavaScript: each
// question's text, kind and a "Remove" tick, named by its row, and one row
// for a new question; the indicator's question is named by row too.

const KINDS: ReadonlySet<string> = new Set(SURVEY_QUESTION_KINDS);

export const DraftForm = z
  .looseObject({
    title: z
      .string({ error: "Enter a title for the survey" })
      .trim()
      .min(1, "Enter a title for the survey")
      .max(TEXT_LIMITS.surveyTitle, `Title must be ${TEXT_LIMITS.surveyTitle} characters or fewer`),
    introduction: z
      .string({ error: "Enter the introduction as text" })
      .trim()
      .max(TEXT_LIMITS.surveyIntroduction, `Introduction must be ${TEXT_LIMITS.surveyIntroduction.toLocaleString("en-GB")} characters or fewer`)
      .default(""),
    indicatorId: z.union([z.literal(""), z.uuid()], { error: "Choose an indicator from the list, or none" }).default(""),
    resultQuestion: z.union([z.literal(""), z.literal("new"), z.string().regex(/^\d{1,2}$/)], { error: "Choose a question from the list" }).default(""),
  })
  .transform((input, context) => {
    const fields = input as Record<string, unknown>;
    const problem = (path: string, message: string) => {
      context.addIssue({ code: "custom", path: [path], message });
      return null;
    };
    const text = (name: string): string | null | undefined => {
      const value = fields[name];
      if (value === undefined) return undefined;
      if (typeof value !== "string") return problem(name, "Enter one question in each box");
      return value.trim();
    };
    const kind = (name: string, number: string): SurveyQuestionKind | null => {
      const value = fields[name];
      if (typeof value === "string" && KINDS.has(value)) return value as SurveyQuestionKind;
      return problem(name, `Choose how question ${number} is answered`);
    };
    const questions: Array<{ text: string; kind: SurveyQuestionKind }> = [];
    const positionOfRow = new Map<string, number>();
    for (let row = 1; row <= MAX_QUESTIONS; row++) {
      const typed = text(`question-${row}-text`);
      if (typed === undefined) continue;
      if (fields[`question-${row}-remove`] !== undefined) continue;
      if (typed === null) continue;
      if (!typed) problem(`question-${row}-text`, `Enter question ${row}, or tick “Remove this question”`);
      else if (typed.length > TEXT_LIMITS.surveyQuestion)
        problem(`question-${row}-text`, `Question ${row} must be ${TEXT_LIMITS.surveyQuestion} characters or fewer`);
      const chosen = kind(`question-${row}-kind`, String(row));
      if (typed && chosen) {
        positionOfRow.set(String(row), questions.length);
        questions.push({ text: typed, kind: chosen });
      }
    }
    const added = text("question-new-text");
    if (added) {
      if (added.length > TEXT_LIMITS.surveyQuestion) problem("question-new-text", `The new question must be ${TEXT_LIMITS.surveyQuestion} characters or fewer`);
      const chosen = kind("question-new-kind", "new");
      if (chosen && added.length <= TEXT_LIMITS.surveyQuestion) {
        positionOfRow.set("new", questions.length);
        questions.push({ text: added, kind: chosen });
      }
    }
    if (questions.length === 0) problem("question-1-text", "A survey needs at least one question");
    if (questions.length > MAX_QUESTIONS) problem("question-new-text", `A survey can have at most ${MAX_QUESTIONS} questions`);
    const indicatorId = input.indicatorId || null;
    let resultQuestionIndex: number | null = null;
    if (indicatorId) {
      resultQuestionIndex = positionOfRow.get(input.resultQuestion) ?? null;
      if (resultQuestionIndex === null) problem("resultQuestion", "Choose the question whose result becomes the indicator's reading (not one being removed)");
    }
    return { title: input.title, introduction: input.introduction, questions, indicatorId, resultQuestionIndex };
  });

const listOf = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const InviteForm = z.looseObject({}).transform((input, context) => {
  const fields = input as Record<string, unknown>;
  const names = listOf(fields.organisationName);
  const emails = listOf(fields.organisationEmail);
  const organisations: Array<{ name: string; email: string }> = [];
  const rows = Math.max(names.length, emails.length);
  if (rows > MAX_ORGANISATIONS_PER_FORM) {
    context.addIssue({ code: "custom", path: ["organisationName-0"], message: `Add at most ${MAX_ORGANISATIONS_PER_FORM} organisations at once` });
    return z.NEVER;
  }
  let problems = 0;
  const issue = (path: string, message: string) => {
    problems++;
    context.addIssue({ code: "custom", path: [path], message });
  };
  const seen = new Set<string>();
  for (let row = 0; row < rows; row++) {
    const name = names[row] ?? "";
    const email = emails[row] ?? "";
    if (typeof name !== "string" || typeof email !== "string") {
      issue(`organisationName-${row}`, "Enter the organisation's name and email as text");
      continue;
    }
    if (!name.trim() && !email.trim()) continue;
    if (!name.trim()) issue(`organisationName-${row}`, `Enter the name of the organisation at ${email.trim().slice(0, 60)}`);
    else if (name.trim().length > TEXT_LIMITS.organisationName)
      issue(`organisationName-${row}`, `Name must be ${TEXT_LIMITS.organisationName} characters or fewer`);
    else if (seen.has(name.trim().toLowerCase())) issue(`organisationName-${row}`, `“${name.trim()}” is in the list twice. Each organisation is invited once`);
    seen.add(name.trim().toLowerCase());
    const address = emailAddress().safeParse(email);
    if (!address.success)
      issue(
        `organisationEmail-${row}`,
        `${address.error.issues[0]?.message ?? "Enter an email address"} for ${name.trim().slice(0, 60) || "the organisation"}`,
      );
    else if (name.trim()) organisations.push({ name: name.trim(), email: address.data });
  }
  if (organisations.length === 0 && problems === 0) issue("organisationName-0", "Enter the name and email address of at least one organisation");
  return organisations;
});

export const RemoveOrganisationForm = z.object({ linkId: z.uuid({ error: "Choose an organisation. Reload the page, and try again" }) });
