import { describe, expect, it } from "vitest";
import { TEXT_LIMITS } from "./limits";
import {
  isSurveyAnswerPath,
  MIN_ANSWERS_SHOWN,
  NI7_QUESTION,
  numberQuestions,
  parseAnswer,
  questionsProblem,
  readingNote,
  readingValueOf,
  responseWords,
  surveyResults,
  surveyStateOf,
  type SurveyAnswer,
} from "./surveys";

const QUESTIONS = numberQuestions([NI7_QUESTION, { text: "Were you asked before the budget?", kind: "yes_no" }]);

describe("a survey's state from its columns", () => {
  it.each([
    [{ proposedBy: null, openedAt: null, closedAt: null }, "draft"],
    [{ proposedBy: "u", openedAt: null, closedAt: null }, "proposed"],
    [{ proposedBy: "u", openedAt: new Date(), closedAt: null }, "open"],
    [{ proposedBy: "u", openedAt: new Date(), closedAt: new Date() }, "closed"],
  ] as const)("%o is %s", (columns, state) => {
    expect(surveyStateOf(columns)).toBe(state);
  });
});

describe("questions", () => {
  it("takes one to ten, each with text within the limit", () => {
    expect(questionsProblem(QUESTIONS)).toBeNull();
    expect(questionsProblem([])).toBe("Add at least one question");
    expect(questionsProblem(numberQuestions(Array.from({ length: 11 }, () => NI7_QUESTION)))).toMatch(/at most 10/);
    expect(questionsProblem(numberQuestions([{ text: "x".repeat(TEXT_LIMITS.surveyQuestion + 1), kind: "scale" }]))).toMatch(/characters or fewer/);
    expect(questionsProblem(numberQuestions([{ text: "  ", kind: "scale" }]))).toBe("Enter question 1");
  });
});

describe("an answer from the form", () => {
  it("takes 1–5 and yes/no, once each", () => {
    expect(parseAnswer(QUESTIONS, { q1: "4", q2: "no", intent: "x" })).toEqual({ ok: true, answer: { q1: 4, q2: false } });
  });
  it.each([
    [{ q2: "yes" }, "q1", "Answer question 1"],
    [{ q1: "6", q2: "yes" }, "q1", "Choose an answer from 1 to 5 for question 1"],
    [{ q1: "4.0", q2: "yes" }, "q1", "Choose an answer from 1 to 5 for question 1"],
    [{ q1: ["4", "5"], q2: "yes" }, "q1", "Choose one answer to question 1"],
    [{ q1: "4", q2: "true" }, "q2", "Choose yes or no for question 2"],
  ])("refuses %o", (fields, field, message) => {
    const parsed = parseAnswer(QUESTIONS, fields);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]).toBe(message);
  });
});

describe("results", () => {
  const answers = (values: Array<[number, boolean]>): SurveyAnswer[] => values.map(([q1, q2]) => ({ q1, q2 }));

  it(`shows nothing under ${MIN_ANSWERS_SHOWN} answers`, () => {
    expect(
      surveyResults(
        QUESTIONS,
        answers([
          [5, true],
          [4, true],
          [1, false],
          [2, false],
        ]),
      ),
    ).toBeNull();
  });

  it("counts 4 and 5 as good or very good, and yes, with the reading and its note in the same figure", () => {
    const results = surveyResults(
      QUESTIONS,
      answers([
        [5, true],
        [4, true],
        [4, false],
        [3, false],
        [1, false],
        [2, true],
      ]),
    )!;
    const [scale, yesNo] = results.questions;
    expect(scale).toMatchObject({ answered: 6, counts: [1, 1, 1, 2, 1], favourable: 3 });
    expect(readingValueOf(scale!)).toBe(50);
    expect(yesNo).toMatchObject({ counts: [3, 3], favourable: 3 });
    const seven = surveyResults(
      QUESTIONS,
      answers([
        [5, true],
        [4, true],
        [4, false],
        [3, false],
        [1, false],
        [2, true],
        [2, true],
      ]),
    )!;
    expect(readingNote("Partner survey 2026", seven.questions[0]!, 41)).toBe(
      "Partner survey “Partner survey 2026”: 42.9% rated it good or very good, 3 of 7 organisations that answered (41 invited)",
    );
    expect(readingValueOf(seven.questions[0]!)).toBe(42.9);
  });

  it("keeps the note within the reading's limit whatever the title", () => {
    const results = surveyResults(QUESTIONS, answers(Array.from({ length: 5 }, () => [5, true] as [number, boolean])))!;
    expect(readingNote("T".repeat(TEXT_LIMITS.surveyTitle * 3), results.questions[0]!, 300).length).toBeLessThanOrEqual(TEXT_LIMITS.readingNote);
  });

  it("says how many have answered", () => {
    expect(responseWords(12, 41)).toBe("12 of 41 organisations have answered");
    expect(responseWords(0, 1)).toBe("0 of 1 organisation has answered");
  });
});

it("knows the answer page's addresses, which read no session", () => {
  expect(isSurveyAnswerPath("/survey/abc")).toBe(true);
  expect(isSurveyAnswerPath("/survey/abc.data")).toBe(true);
  expect(isSurveyAnswerPath("/surveys")).toBe(false);
  expect(isSurveyAnswerPath("/p/portsmouth/plans/x/surveys")).toBe(false);
});
