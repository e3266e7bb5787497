import { useEffect, useRef } from "react";
import { data, Form, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { MIN_ANSWERS_SHOWN, parseAnswer, SCALE_VALUES, type SurveyQuestion } from "~/domain/surveys";
import { SURVEY_SCALE_LABELS, SURVEY_YES_NO_LABELS } from "~/domain/words";
import { formAction, pageLoader } from "~/server/http/pipeline.server";
import { invalid, succeeded } from "~/server/http/write-result.server";
import { answerSurvey, surveyLinkState } from "~/server/outcomes/surveys.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData && "title" in loaderData ? loaderData.title : "Partner survey"} – Partnership Board` },
];

// An invited organisation's answer page, reached from the link in its email.
// No session is read here (app/server/auth/current-user.server.ts): the token
// is the only key, and an answer is stored with nothing that says whose it is.
// One plain form of radio groups, so it works without JavaScript.

export const loader = pageLoader(
  ({ params }: Route.LoaderArgs) => ({ token: params.token }),
  async ({ db, token }) => {
    const link = await surveyLinkState(db, token);
    if (link.state === "not_found") return data(link, { status: 404 });
    if (link.state === "closed") return data(link, { status: 410 });
    return link;
  },
);

/** What was chosen, so a refused form comes back with its choices ticked. */
function sentOf(formData: FormData) {
  const chosen: Record<string, string> = {};
  for (const [name, value] of formData) if (typeof value === "string" && /^q\d{1,2}$/.test(name) && value.length <= 3) chosen[name] = value;
  return { chosen };
}

export const action = formAction({
  scope: ({ params }: Route.ActionArgs) => ({ token: params.token }),
  sent: sentOf,
  // The questions decide what is valid: each is checked against them below, and again inside the write.
  form: z.looseObject({}),
  run: async (fields, { db, token, write, sent }) => {
    const link = await surveyLinkState(db, token);
    if (link.state === "open") {
      const parsed = parseAnswer(link.questions, fields);
      if (!parsed.ok) return invalid(parsed.errors, sent);
    }
    const result = await write(() => answerSurvey(db, token, fields));
    return result.ok ? succeeded("Thank you: your answers are saved.", sent) : result.response;
  },
});

export default function SurveyAnswer({ loaderData }: Route.ComponentProps) {
  const reply = useActionData<typeof action>();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is gone once sent: the heading that says what happened takes focus.
  useEffect(() => {
    if (reply?.ok) heading.current?.focus();
  }, [reply]);

  if (reply?.ok) {
    return (
      <div className="narrow">
        <h1 ref={heading} tabIndex={-1}>
          Thank you
        </h1>
        <p className="notice" role="status">
          Your answers are saved.
        </p>
        <p>
          They are stored without your organisation&apos;s name, email or link. Results are shown only as totals, once the survey is closed, if at least{" "}
          {MIN_ANSWERS_SHOWN} organisations answered. You can close this page.
        </p>
      </div>
    );
  }
  if (loaderData.state === "not_found")
    return (
      <div className="narrow">
        <h1>This survey link is not valid</h1>
        <p>Check that you opened the whole link from the email. If it still does not work, ask the person who sent you the survey.</p>
      </div>
    );
  if (loaderData.state === "closed")
    return (
      <div className="narrow">
        <h1>This survey is closed</h1>
        <p>
          “{loaderData.title}”, from {loaderData.partnershipName}, takes no more answers. Thank you for your time.
        </p>
      </div>
    );
  if (loaderData.state === "answered")
    return (
      <div className="narrow">
        <h1>This survey has been answered</h1>
        <p>
          Your organisation&apos;s link for “{loaderData.title}”, from {loaderData.partnershipName}, has been used to answer it. Each link answers once, and
          answers cannot be changed: they are stored without the link, so nobody can find them again.
        </p>
      </div>
    );

  const refused = reply && !reply.ok ? reply : undefined;
  const errors: Partial<Record<string, string>> = refused?.errors ?? {};
  const chosen = refused && "chosen" in refused ? (refused.chosen as Record<string, string>) : {};
  return (
    <div className="narrow">
      <h1>{loaderData.title}</h1>
      <p>
        {loaderData.partnershipName} asks {loaderData.organisationName} these questions, for its plan “{loaderData.planTitle}”.
      </p>
      {loaderData.introduction ? <p>{loaderData.introduction}</p> : null}
      <p>
        Your answers are anonymous: they are stored without your organisation&apos;s name, email or link, and results are shown only as totals from at least{" "}
        {MIN_ANSWERS_SHOWN} organisations. This link answers once.
      </p>
      {refused ? <ErrorSummary errors={errors} formError={refused.formError} /> : null}
      <Form method="post" noValidate>
        {loaderData.questions.map((question, index) => (
          <QuestionFieldset key={question.id} question={question} number={index + 1} error={errors[question.id]} chosen={chosen[question.id]} />
        ))}
        <button type="submit" className="button">
          Send your answers
        </button>
      </Form>
    </div>
  );
}

function QuestionFieldset({ question, number, error, chosen }: { question: SurveyQuestion; number: number; error?: string; chosen?: string }) {
  const choices =
    question.kind === "scale"
      ? SCALE_VALUES.map((value) => ({ value: String(value), label: `${value}: ${SURVEY_SCALE_LABELS[value]}` }))
      : [
          { value: "yes", label: SURVEY_YES_NO_LABELS.yes },
          { value: "no", label: SURVEY_YES_NO_LABELS.no },
        ];
  return (
    <fieldset className={error ? "fieldset field--error" : "fieldset"} id={question.id} aria-describedby={error ? `${question.id}-error` : undefined}>
      <legend>
        {number}. {question.text}
      </legend>
      {error ? (
        <p className="field__error" id={`${question.id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {choices.map((choice) => (
        <div className="radio" key={choice.value}>
          <input type="radio" id={`${question.id}-${choice.value}`} name={question.id} value={choice.value} defaultChecked={chosen === choice.value} />
          <label htmlFor={`${question.id}-${choice.value}`}>{choice.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
