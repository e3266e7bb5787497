import { Form, Link, redirect, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { formatDueDate, ukToday } from "~/domain/dates";
import { TEXT_LIMITS } from "~/domain/limits";
import { can } from "~/domain/policy";
import { MIN_ANSWERS_SHOWN, NI7_QUESTION, responseWords } from "~/domain/surveys";
import { SURVEY_QUESTION_KINDS } from "~/domain/vocabulary";
import { SURVEY_STATE_LABELS } from "~/domain/words";
import { requiredText } from "~/server/http/forms.server";
import { formAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { createSurvey, surveysOf } from "~/server/outcomes/surveys.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { QuestionKindRadios } from "~/components/survey-fields";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Partner surveys of ${loaderData?.plan.title ?? "the plan"} – Partnership Board` }];

// A plan's partner surveys: everyone in the partnership reads the list (and a
// closed survey's totals, on its page); its stewards start a new one here,
// with the NI7 question as its first.

export const loader = pageLoader(planScope(), async ({ membership, plan, db }) => {
  const surveys = await surveysOf(db, plan.id);
  return {
    slug: membership.partnership.slug,
    plan: { id: plan.id, title: plan.title },
    canCreate: can(membership.actor, "survey.manage", planTarget(plan)),
    surveys: surveys.map((survey) => ({
      id: survey.id,
      title: survey.title,
      state: survey.state,
      responses: survey.state === "open" || survey.state === "closed" ? responseWords(survey.answered, survey.invited) : null,
      on: formatDueDate(ukToday(survey.closedAt ?? survey.openedAt ?? survey.createdAt)),
    })),
    defaults: { title: `Partner survey ${ukToday().slice(0, 4)}`, questionText: NI7_QUESTION.text, questionKind: NI7_QUESTION.kind },
  };
});

const NewSurveyForm = z.object({
  title: requiredText("a title for the survey", TEXT_LIMITS.surveyTitle),
  questionText: requiredText("the first question", TEXT_LIMITS.surveyQuestion),
  questionKind: z.enum(SURVEY_QUESTION_KINDS, { error: "Choose how the first question is answered" }),
});

/** What was typed, whole, so a refused form comes back as it was sent. */
function sentOf(formData: FormData) {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return { sent: { title: text("title"), questionText: text("questionText"), questionKind: text("questionKind")?.slice(0, 20) } };
}

export const action = formAction({
  // Observers are refused before the body is read (the plan's middleware); the write asks for the stewards' right.
  scope: planScope(),
  sent: sentOf,
  form: NewSurveyForm,
  run: async (input, { db, membership, plan, write }) => {
    const result = await write(() =>
      createSurvey(db, membership.actor, plan, { title: input.title, question: { text: input.questionText, kind: input.questionKind } }),
    );
    return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${plan.id}/surveys/${result.value}`) : result.response;
  },
});

export default function Surveys({ loaderData }: Route.ComponentProps) {
  const reply = useActionData<typeof action>();
  const errors = reply && !reply.ok ? (reply.errors ?? {}) : {};
  const sent = reply && !reply.ok ? reply.sent : undefined;
  const { slug, plan, surveys, defaults } = loaderData;
  const planPath = `/p/${slug}/plans/${plan.id}`;
  return (
    <div className="narrow">
      <p className="no-print">
        <Link to={planPath}>Back to the board</Link>
      </p>
      <h1>Partner surveys</h1>
      <p>
        A partner survey asks the organisations the partnership works with a few questions, with one link per organisation and no account needed. Both sectors
        agree before it is sent: a steward proposes it, and a steward or admin of the other sector agrees. Answers are anonymous, and results are shown as
        totals once the survey is closed, if at least {MIN_ANSWERS_SHOWN} organisations answered.
      </p>
      {surveys.length === 0 ? (
        <p>{loaderData.canCreate ? "No surveys yet. Start one below." : "No surveys yet. The plan's stewards start them."}</p>
      ) : (
        <table className="table table--stack">
          <caption className="visually-hidden">Partner surveys, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Survey</th>
              <th scope="col">Where it stands</th>
              <th scope="col">Answers</th>
            </tr>
          </thead>
          <tbody>
            {surveys.map((survey) => (
              <tr key={survey.id}>
                <td>
                  <Link to={`${planPath}/surveys/${survey.id}`}>{survey.title}</Link>
                </td>
                <td data-label="Where it stands">
                  {SURVEY_STATE_LABELS[survey.state]} ({survey.on})
                </td>
                <td data-label="Answers">{survey.responses ?? "Not sent yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loaderData.canCreate ? (
        <section className="section" aria-labelledby="new-survey-title">
          <h2 id="new-survey-title">Start a survey</h2>
          <ErrorSummary errors={errors} formError={reply && !reply.ok ? reply.formError : null} />
          <Form method="post" noValidate>
            <TextField name="title" label="Title" error={errors.title} limit={TEXT_LIMITS.surveyTitle} defaultValue={sent?.title ?? defaults.title} />
            <TextField
              name="questionText"
              label="First question"
              hint="The NI7 question, as councils once asked it, is a good start. You can change it and add more questions next."
              error={errors.questionText}
              limit={TEXT_LIMITS.surveyQuestion}
              defaultValue={sent?.questionText ?? defaults.questionText}
            />
            <QuestionKindRadios
              name="questionKind"
              legend="How it is answered"
              checked={sent?.questionKind ?? defaults.questionKind}
              error={errors.questionKind}
            />
            <button type="submit" className="button">
              Start the survey
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
