import { Form, Link } from "react-router";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { Notice } from "~/components/notice";
import { QuestionKindRadios } from "~/components/survey-fields";
import { formatDueDate, ukToday } from "~/domain/dates";
import { SURVEY_INTENT } from "~/domain/intents";
import { TEXT_LIMITS } from "~/domain/limits";
import { favourableWords, MAX_QUESTIONS, MIN_ANSWERS_SHOWN, responseWords, SCALE_VALUES, type SurveyQuestion } from "~/domain/surveys";
import { SURVEY_QUESTION_KIND_LABELS, SURVEY_SCALE_LABELS, SURVEY_STATE_LABELS, SURVEY_YES_NO_LABELS } from "~/domain/words";
import type { Route } from "./+types/route";
import type { SurveyReply } from "./types";

type Data = Route.ComponentProps["loaderData"];

/** Rows for new organisations each time the form shows: several at once, without JavaScript. */
const NEW_ORGANISATION_ROWS = 5;

export function SurveyPage({ data, reply }: { data: Data; reply: SurveyReply | undefined }) {
  const { survey, offers, slug, plan } = data;
  const surveysPath = `/p/${slug}/plans/${plan.id}/surveys`;
  const refused = reply && !reply.ok ? reply : undefined;
  const errors = refused?.errors ?? {};
  const sentBy = (intent: SurveyReply["intent"]) => (refused && refused.intent === intent ? refused.sent : undefined);
  return (
    <div className="narrow">
      <p className="no-print">
        <Link to={surveysPath}>All partner surveys</Link>
      </p>
      <h1>{survey.title}</h1>
      <p>
        <strong>{SURVEY_STATE_LABELS[survey.state]}</strong>. <StandingWords data={data} />
      </p>
      <Notice>{reply?.ok ? reply.notice : null}</Notice>
      {refused ? <ErrorSummary errors={errors} formError={refused.formError} /> : null}

      <StepButtons data={data} />

      {survey.state === "closed" ? <Results survey={survey} csvPath={`${surveysPath}/${survey.id}/results.csv`} /> : null}

      {offers.edit ? (
        <DraftEditor data={data} errors={errors} sent={sentBy(SURVEY_INTENT.update)} />
      ) : (
        <section className="section" aria-labelledby="questions-title">
          <h2 id="questions-title">Questions</h2>
          {survey.introduction ? <p>{survey.introduction}</p> : null}
          <ol>
            {survey.questions.map((question) => (
              <li key={question.id}>
                {question.text} <span className="hint">({SURVEY_QUESTION_KIND_LABELS[question.kind]})</span>
                {question.id === survey.resultQuestionId ? <span className="hint"> Its result becomes a reading of the chosen indicator.</span> : null}
              </li>
            ))}
          </ol>
        </section>
      )}

      {offers.edit || survey.organisations.length ? <Organisations data={data} errors={errors} sent={sentBy(SURVEY_INTENT.inviteOrganisations)} /> : null}
    </div>
  );
}

function StandingWords({ data }: { data: Data }) {
  const { survey } = data;
  if (survey.state === "draft")
    return (
      <>
        Nothing is sent yet. Invite the organisations, then propose sending it: a steward or admin of the other sector agrees before it goes.{" "}
        {responseWordsOf(survey)}
      </>
    );
  if (survey.state === "proposed")
    return (
      <>
        Proposed by {data.proposedBy}. {data.ownProposal ? "You proposed it, so you cannot agree to it too. " : ""}
        {data.whoMustAgree}
      </>
    );
  const sent = `Proposed by ${data.proposedBy ?? "a steward"} and agreed by ${data.agreedBy ?? "a steward"}, who sent it${survey.agreed ? ` on ${formatDueDate(ukToday(new Date(survey.agreed.at)))}` : ""}.`;
  if (survey.state === "open") return <>{`${sent} ${responseWords(survey.answered, survey.invited)}.`}</>;
  return (
    <>{`${sent} Closed${survey.closedAt ? ` on ${formatDueDate(ukToday(new Date(survey.closedAt)))}` : ""}: ${responseWords(survey.answered, survey.invited)}.`}</>
  );
}

function responseWordsOf(survey: Data["survey"]): string {
  return survey.invited ? `${survey.invited} organisation${survey.invited === 1 ? " is" : "s are"} invited.` : "No organisations are invited yet.";
}

function StepButtons({ data }: { data: Data }) {
  const { offers } = data;
  const step = (intent: string, label: string, warning = false) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={warning ? "button button--warning" : "button"}>
        {label}
      </button>
    </Form>
  );
  if (!offers.propose && !offers.agree && !offers.withdraw && !offers.close) return null;
  return (
    <div className="section">
      {offers.propose ? step(SURVEY_INTENT.propose, "Propose sending the survey") : null}
      {offers.agree ? step(SURVEY_INTENT.agree, "Agree and send the survey") : null}
      {offers.withdraw ? step(SURVEY_INTENT.withdraw, "Withdraw the proposal", true) : null}
      {offers.close ? step(SURVEY_INTENT.close, "Close the survey", true) : null}
      {offers.close ? (
        <p className="field__hint">
          Closing stops answers. With at least {MIN_ANSWERS_SHOWN} answers, the results are shown
          {data.survey.indicatorId ? " and recorded as a reading of the chosen indicator" : ""}.
        </p>
      ) : null}
    </div>
  );
}

function Results({ survey, csvPath }: { survey: Data["survey"]; csvPath: string }) {
  const results = survey.results;
  return (
    <section className="section" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      {!results ? (
        <p>
          The survey closed with {survey.answered} answer{survey.answered === 1 ? "" : "s"}, fewer than {MIN_ANSWERS_SHOWN}. No results are shown, so that no
          organisation&apos;s answer can be told from the totals.
        </p>
      ) : (
        <>
          <p>
            {results.answers} organisations answered. Totals only: no answer is shown per organisation. <a href={csvPath}>Download the totals (CSV)</a>
          </p>
          {results.questions.map((result, index) => (
            <div key={result.question.id} className="section">
              <h3>
                {index + 1}. {result.question.text}
              </h3>
              <p>
                <strong>{favourableWords(result)}</strong> ({result.favourable} of {result.answered}).
              </p>
              <table className="table">
                <caption className="visually-hidden">Answers to question {index + 1}</caption>
                <thead>
                  <tr>
                    <th scope="col">Answer</th>
                    <th scope="col">Organisations</th>
                  </tr>
                </thead>
                <tbody>
                  {answerLabels(result.question).map((label, position) => (
                    <tr key={label}>
                      <th scope="row">{label}</th>
                      <td>{result.counts[position] ?? 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function answerLabels(question: SurveyQuestion): string[] {
  return question.kind === "scale"
    ? SCALE_VALUES.map((value) => `${value}: ${SURVEY_SCALE_LABELS[value]}`)
    : [SURVEY_YES_NO_LABELS.yes, SURVEY_YES_NO_LABELS.no];
}

function text(sent: Record<string, string | string[]> | undefined, name: string, fallback: string): string {
  const value = sent?.[name];
  return typeof value === "string" ? value : fallback;
}

function DraftEditor({ data, errors, sent }: { data: Data; errors: Partial<Record<string, string>>; sent: Record<string, string | string[]> | undefined }) {
  const { survey, indicators } = data;
  const resultRow = survey.questions.findIndex((question) => question.id === survey.resultQuestionId);
  return (
    <section className="section" aria-labelledby="draft-title">
      <h2 id="draft-title">The survey</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={SURVEY_INTENT.update} />
        <TextField name="title" label="Title" error={errors.title} limit={TEXT_LIMITS.surveyTitle} defaultValue={text(sent, "title", survey.title)} />
        <TextAreaField
          name="introduction"
          label="Why you are asking (optional)"
          hint="Shown at the top of the survey and in the email to each organisation."
          error={errors.introduction}
          limit={TEXT_LIMITS.surveyIntroduction}
          defaultValue={text(sent, "introduction", survey.introduction)}
        />
        {errors.questions ? (
          <p className="field__error" id="questions">
            <span className="visually-hidden">Error: </span>
            {errors.questions}
          </p>
        ) : null}
        {survey.questions.map((question, index) => {
          const row = index + 1;
          return (
            <fieldset className="fieldset" key={question.id}>
              <legend>Question {row}</legend>
              <TextField
                name={`question-${row}-text`}
                label={`Question ${row}`}
                error={errors[`question-${row}-text`]}
                limit={TEXT_LIMITS.surveyQuestion}
                defaultValue={text(sent, `question-${row}-text`, question.text)}
              />
              <QuestionKindRadios
                name={`question-${row}-kind`}
                legend={`How question ${row} is answered`}
                checked={text(sent, `question-${row}-kind`, question.kind)}
                error={errors[`question-${row}-kind`]}
              />
              <div className="checkbox">
                <input
                  type="checkbox"
                  id={`question-${row}-remove`}
                  name={`question-${row}-remove`}
                  value="yes"
                  defaultChecked={sent ? sent[`question-${row}-remove`] !== undefined : false}
                />
                <label htmlFor={`question-${row}-remove`}>Remove this question</label>
              </div>
            </fieldset>
          );
        })}
        {survey.questions.length < MAX_QUESTIONS ? (
          <fieldset className="fieldset">
            <legend>Add a question (optional)</legend>
            <TextField
              name="question-new-text"
              label="New question"
              hint={`Leave it empty to add none. A survey has at most ${MAX_QUESTIONS} questions.`}
              error={errors["question-new-text"]}
              limit={TEXT_LIMITS.surveyQuestion}
              defaultValue={text(sent, "question-new-text", "")}
            />
            <QuestionKindRadios
              name="question-new-kind"
              legend="How the new question is answered"
              checked={text(sent, "question-new-kind", "scale")}
              error={errors["question-new-kind"]}
            />
          </fieldset>
        ) : null}
        <fieldset className="fieldset">
          <legend>Outcome indicator (optional)</legend>
          <p className="field__hint">
            When the survey closes with at least {MIN_ANSWERS_SHOWN} answers, one question&apos;s result can be recorded as a reading of one of the plan&apos;s
            indicators counted in percent: the share answering 4 or 5 on a scale, or yes.
            {indicators.length === 0 ? " The plan has no indicator counted in percent yet: add one on its Outcomes page first." : ""}
          </p>
          <SelectField
            name="indicatorId"
            label="Indicator"
            error={errors.indicatorId}
            defaultValue={text(sent, "indicatorId", survey.indicatorId ?? "")}
            options={[{ value: "", label: "None" }, ...indicators.map((indicator) => ({ value: indicator.id, label: indicator.name }))]}
          />
          <SelectField
            name="resultQuestion"
            label="Question whose result becomes the reading"
            error={errors.resultQuestion}
            defaultValue={text(sent, "resultQuestion", resultRow >= 0 ? String(resultRow + 1) : "")}
            options={[
              { value: "", label: "None" },
              ...survey.questions.map((question, index) => ({ value: String(index + 1), label: `${index + 1}. ${question.text.slice(0, 80)}` })),
              ...(survey.questions.length < MAX_QUESTIONS ? [{ value: "new", label: "The new question" }] : []),
            ]}
          />
        </fieldset>
        <button type="submit" className="button">
          Save the survey
        </button>
      </Form>
    </section>
  );
}

function Organisations({ data, errors, sent }: { data: Data; errors: Partial<Record<string, string>>; sent: Record<string, string | string[]> | undefined }) {
  const { survey, offers } = data;
  const rowValue = (name: string, row: number) => {
    const value = sent?.[name];
    return Array.isArray(value) ? (value[row] ?? "") : row === 0 && typeof value === "string" ? value : "";
  };
  const sentRows = Math.max(NEW_ORGANISATION_ROWS, [sent?.organisationName ?? []].flat().length);
  return (
    <section className="section" aria-labelledby="organisations-title">
      <h2 id="organisations-title">Invited organisations</h2>
      <p>
        Each organisation gets one link by email once the survey is agreed. Their addresses are shown to the plan&apos;s stewards only, and nobody can see
        whether or how one organisation answered.
      </p>
      {survey.organisations.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table className="table table--stack">
          <caption className="visually-hidden">Invited organisations</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Email</th>
              {offers.edit ? (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {survey.organisations.map((organisation) => (
              <tr key={organisation.id}>
                <td>{organisation.name}</td>
                <td data-label="Email">{organisation.email}</td>
                {offers.edit ? (
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={SURVEY_INTENT.removeOrganisation} />
                      <input type="hidden" name="linkId" value={organisation.id} />
                      <button type="submit" className="button button--secondary button--small">
                        Remove <span className="visually-hidden">{organisation.name}</span>
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {offers.edit ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value={SURVEY_INTENT.inviteOrganisations} />
          <h3>Invite organisations</h3>
          <p className="field__hint">Fill in as many rows as you need; empty rows are left out.</p>
          {Array.from({ length: sentRows }, (_, row) => (
            <fieldset className="fieldset field-row" key={row}>
              <legend className="visually-hidden">Organisation {row + 1}</legend>
              <TextField
                id={`organisationName-${row}`}
                name="organisationName"
                label={`Organisation ${row + 1}: name`}
                error={errors[`organisationName-${row}`]}
                maxLength={TEXT_LIMITS.organisationName * 2}
                defaultValue={rowValue("organisationName", row)}
              />
              <TextField
                id={`organisationEmail-${row}`}
                name="organisationEmail"
                type="email"
                autoComplete="off"
                label={`Organisation ${row + 1}: email`}
                error={errors[`organisationEmail-${row}`]}
                defaultValue={rowValue("organisationEmail", row)}
              />
            </fieldset>
          ))}
          <button type="submit" className="button button--secondary">
            Invite these organisations
          </button>
        </Form>
      ) : null}
    </section>
  );
}
