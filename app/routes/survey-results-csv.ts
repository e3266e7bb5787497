import { csvCell, downloadFilename } from "~/domain/csv";
import { MIN_ANSWERS_SHOWN, readingValueOf, SCALE_VALUES } from "~/domain/surveys";
import { SURVEY_QUESTION_KIND_LABELS, SURVEY_SCALE_LABELS, SURVEY_YES_NO_LABELS } from "~/domain/words";
import { notFound } from "~/server/auth/guards.server";
import { pageLoader, planScope } from "~/server/http/pipeline.server";
import { surveyOf } from "~/server/outcomes/surveys.server";
import type { Route } from "./+types/survey-results-csv";

// A closed survey's totals, one row per question and answer: aggregates only,
// as the page shows them, and nothing at all under MIN_ANSWERS_SHOWN answers.

const COLUMNS = ["question_number", "question", "answered_by", "answer", "organisations", "organisations_answering", "share_good_or_yes_percent"];

export const loader = pageLoader(
  (args: Route.LoaderArgs) => planScope()(args),
  async ({ plan, db, params }) => {
    const survey = await surveyOf(db, plan.id, params.surveyId ?? "");
    if (!survey) throw notFound();
    if (!survey.results) {
      const why =
        survey.state === "closed"
          ? `No results: the survey closed with fewer than ${MIN_ANSWERS_SHOWN} answers, so no totals are given.`
          : "No results yet: totals are given once the survey is closed.";
      return new Response(why, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
    const lines = survey.results.questions.flatMap((result, index) => {
      const labels =
        result.question.kind === "scale"
          ? SCALE_VALUES.map((value) => `${value} ${SURVEY_SCALE_LABELS[value]}`)
          : [SURVEY_YES_NO_LABELS.yes, SURVEY_YES_NO_LABELS.no];
      return labels.map((label, position) => [
        String(index + 1),
        result.question.text,
        SURVEY_QUESTION_KIND_LABELS[result.question.kind],
        label,
        String(result.counts[position] ?? 0),
        String(result.answered),
        String(readingValueOf(result)),
      ]);
    });
    // A byte-order mark so spreadsheet programs read the text as UTF-8.
    const body = `\uFEFF${[COLUMNS, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${downloadFilename(survey.title, "results.csv", "survey")}"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
