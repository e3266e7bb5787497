import { useEffect, useRef } from "react";
import { Form, Link, useActionData } from "react-router";
import { ErrorSummary, SelectField, TextAreaField, TextField, type FieldErrors } from "~/components/forms";
import { IndicatorStateBadge } from "~/components/outcomes";
import { Notice } from "~/components/notice";
import { ScrollingTable } from "~/components/scrolling-table";
import { OUTCOME_INTENT } from "~/domain/intents";
import { TEXT_LIMITS } from "~/domain/limits";
import { BETTER_DIRECTIONS, INDICATOR_UNITS } from "~/domain/vocabulary";
import { BETTER_DIRECTION_LABELS, INDICATOR_UNIT_LABELS } from "~/domain/words";
import type { IndicatorRow, IndicatorSent, OutcomesReply, ReadingSent } from "./types";

// The Outcomes page: each indicator with where it stands and why, its figures
// and every reading (corrections kept, marked); stewards get a form to record
// a reading and one to edit it, and one to add an indicator, all plain forms.

const NEW = "indicator-new";

interface OutcomesPageProps {
  slug: string;
  planId: string;
  planTitle: string;
  editable: boolean;
  mayRunSurveys: boolean;
  objectives: Array<{ id: string; label: string }>;
  indicators: IndicatorRow[];
}

/** The DOM id prefix of the form a reply answers. */
function prefixOf(reply: OutcomesReply): string {
  if (reply.intent === OUTCOME_INTENT.addReading && reply.indicatorId) return `reading-${reply.indicatorId}`;
  if (reply.intent === OUTCOME_INTENT.updateIndicator && reply.indicatorId) return `indicator-${reply.indicatorId}`;
  return NEW;
}

export function OutcomesPage({ slug, planId, planTitle, editable, mayRunSurveys, objectives, indicators }: OutcomesPageProps) {
  const reply = useActionData<OutcomesReply>();
  const planPath = `/p/${slug}/plans/${planId}`;
  const refusedPrefix = reply && !reply.ok ? prefixOf(reply) : null;
  const summary: FieldErrors = {};
  if (reply && !reply.ok) for (const [field, message] of Object.entries(reply.errors ?? {})) summary[`${refusedPrefix}-${field}`] ??= message;
  const errorsFor = (prefix: string): FieldErrors => (refusedPrefix === prefix ? (reply?.errors ?? {}) : {});
  const sentFor = (prefix: string) => (refusedPrefix === prefix ? reply?.sent : undefined);

  // A reading or an indicator saved: the person carries on at that indicator's heading. A new
  // indicator's heading arrives with the revalidated list, after the reply: focus it once it is there.
  const focusedFor = useRef<OutcomesReply | null>(null);
  useEffect(() => {
    if (!reply?.ok || !reply.indicatorId || focusedFor.current === reply) return;
    const heading = document.getElementById(`indicator-${reply.indicatorId}-heading`);
    if (!heading) return;
    heading.focus();
    focusedFor.current = reply;
  }, [reply, indicators]);

  return (
    <div className="narrow">
      <p>
        <Link to={planPath}>Back to the board</Link>
      </p>
      <h1>Outcomes of {planTitle}</h1>
      <p>
        What the partnership means to change, beyond the actions done: each indicator&apos;s latest reading against the straight path from its baseline to its
        target. The <Link to={`${planPath}/status`}>Status page</Link> and its printed paper show the same figures with a chart.
      </p>
      <p>
        <Link to={`${planPath}/surveys`}>Partner surveys</Link>
        {mayRunSurveys
          ? ": ask the sector's organisations, anonymously, and record the result as a reading."
          : ": the sector's own measure, asked anonymously."}
      </p>
      <Notice>{reply?.ok ? reply.notice : null}</Notice>
      {reply && !reply.ok ? <ErrorSummary errors={summary} formError={reply.formError} /> : null}

      {indicators.length === 0 ? (
        <p className="empty-state">
          No indicators yet.
          {editable
            ? " Add the first below: for example, the voluntary sector's satisfaction with partnership working, with its baseline and target."
            : " The plan's stewards add them."}
        </p>
      ) : (
        indicators.map((indicator) => (
          <IndicatorSection
            key={indicator.id}
            indicator={indicator}
            editable={editable}
            objectives={objectives}
            errorsFor={errorsFor}
            sentFor={sentFor}
            saved={reply?.ok && reply.indicatorId === indicator.id ? reply : undefined}
          />
        ))
      )}

      {editable ? (
        <section aria-labelledby="indicator-add-heading" className="section">
          <h2 id="indicator-add-heading">Add an indicator</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value={OUTCOME_INTENT.createIndicator} />
            {/* Fresh fields after each indicator added; what a refused form sent stays. */}
            <div key={reply?.ok && reply.intent === OUTCOME_INTENT.createIndicator ? `added-${indicators.length}` : "adding"}>
              <IndicatorFields prefix={NEW} errors={errorsFor(NEW)} defaults={sentFor(NEW)} objectives={objectives} />
            </div>
            <button type="submit" className="button">
              Add indicator
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function IndicatorSection({
  indicator,
  editable,
  objectives,
  errorsFor,
  sentFor,
  saved,
}: {
  indicator: IndicatorRow;
  editable: boolean;
  objectives: OutcomesPageProps["objectives"];
  errorsFor: (prefix: string) => FieldErrors;
  sentFor: (prefix: string) => OutcomesReply["sent"];
  saved: OutcomesReply | undefined;
}) {
  const editPrefix = `indicator-${indicator.id}`;
  const readingPrefix = `reading-${indicator.id}`;
  const editErrors = errorsFor(editPrefix);
  const readingErrors = errorsFor(readingPrefix);
  return (
    <section aria-labelledby={`${editPrefix}-heading`} className="section" id={editPrefix}>
      <h2 id={`${editPrefix}-heading`} tabIndex={-1}>
        {indicator.name}
      </h2>
      <p>
        <IndicatorStateBadge state={indicator.state} /> {indicator.reason}.
      </p>
      {indicator.measures ? <p>{indicator.measures}</p> : null}
      <dl className="indicator-facts">
        <dt>Baseline</dt>
        <dd>{indicator.baselineWords}</dd>
        <dt>Target</dt>
        <dd>
          {indicator.targetWords} ({BETTER_DIRECTION_LABELS[indicator.better].toLowerCase()})
        </dd>
        {indicator.comparisonWords ? (
          <>
            <dt>Comparison</dt>
            <dd>{indicator.comparisonWords}</dd>
          </>
        ) : null}
        {indicator.source ? (
          <>
            <dt>Source</dt>
            <dd>{indicator.source}</dd>
          </>
        ) : null}
        <dt>Objectives it serves</dt>
        <dd>{indicator.objectiveWords.length ? indicator.objectiveWords.join("; ") : "None named"}</dd>
      </dl>
      {indicator.readings.length === 0 ? (
        <p className="empty-state">No readings yet.</p>
      ) : (
        <ScrollingTable label={`Readings of ${indicator.name}`}>
          <table className="table">
            <caption>Readings of {indicator.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Measured</th>
                <th scope="col">Value</th>
                <th scope="col">Note</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {indicator.readings.map((reading) => (
                <tr key={reading.id}>
                  <td>{reading.measuredOnWords}</td>
                  <td>
                    {reading.corrected ? <s>{reading.valueWords}</s> : reading.valueWords}
                    {reading.corrected ? <span className="hint"> (corrected later, not counted)</span> : null}
                  </td>
                  <td>
                    {reading.sourceNote || "–"}
                    {reading.correctsWords ? <span className="hint"> {reading.correctsWords}.</span> : null}
                    {reading.fromSurvey ? <span className="hint"> From a partner survey.</span> : null}
                  </td>
                  <td>{reading.recordedWords}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollingTable>
      )}
      {editable ? (
        <>
          <details className="disclosure" open={Object.keys(readingErrors).length ? true : undefined}>
            <summary>
              Record a reading<span className="visually-hidden"> of {indicator.name}</span>
            </summary>
            <Form method="post" noValidate className="disclosure__body">
              <input type="hidden" name="intent" value={OUTCOME_INTENT.addReading} />
              <input type="hidden" name="indicatorId" value={indicator.id} />
              <div key={saved?.intent === OUTCOME_INTENT.addReading ? `saved-${indicator.readings.length}` : "recording"}>
                <ReadingFields prefix={readingPrefix} indicator={indicator} errors={readingErrors} defaults={sentFor(readingPrefix)} />
              </div>
              <button type="submit" className="button">
                Record reading<span className="visually-hidden"> of {indicator.name}</span>
              </button>
            </Form>
          </details>
          <details className="disclosure" open={Object.keys(editErrors).length ? true : undefined}>
            <summary>
              Edit<span className="visually-hidden"> {indicator.name}</span>
            </summary>
            <Form method="post" noValidate className="disclosure__body" key={JSON.stringify(indicator.fields)}>
              <input type="hidden" name="intent" value={OUTCOME_INTENT.updateIndicator} />
              <input type="hidden" name="indicatorId" value={indicator.id} />
              <IndicatorFields prefix={editPrefix} errors={editErrors} defaults={sentFor(editPrefix) ?? indicator.fields} objectives={objectives} />
              <button type="submit" className="button button--secondary">
                Save<span className="visually-hidden"> {indicator.name}</span>
              </button>
            </Form>
          </details>
        </>
      ) : null}
    </section>
  );
}

function IndicatorFields({
  prefix,
  errors,
  defaults,
  objectives,
}: {
  prefix: string;
  errors: FieldErrors;
  defaults: IndicatorSent | undefined;
  objectives: OutcomesPageProps["objectives"];
}) {
  const id = (field: string) => `${prefix}-${field}`;
  const chosen = new Set(defaults?.objectiveIds ?? []);
  return (
    <>
      <TextField id={id("name")} name="name" label="Name" error={errors.name} defaultValue={defaults?.name ?? ""} limit={TEXT_LIMITS.indicatorName} />
      <TextAreaField
        id={id("measures")}
        name="measures"
        label="What it measures (optional)"
        rows={2}
        error={errors.measures}
        defaultValue={defaults?.measures ?? ""}
        limit={TEXT_LIMITS.indicatorMeasures}
      />
      <SelectField
        id={id("unit")}
        name="unit"
        label="Counted in"
        error={errors.unit}
        defaultValue={defaults?.unit ?? "percent"}
        options={INDICATOR_UNITS.map((unit) => ({ value: unit, label: INDICATOR_UNIT_LABELS[unit] }))}
      />
      <SelectField
        id={id("better")}
        name="better"
        label="Which way is better"
        error={errors.better}
        defaultValue={defaults?.better ?? "higher"}
        options={BETTER_DIRECTIONS.map((better) => ({ value: better, label: BETTER_DIRECTION_LABELS[better] }))}
      />
      <fieldset className="fieldset">
        <legend>Baseline</legend>
        <TextField
          id={id("baselineValue")}
          name="baselineValue"
          label="Value"
          inputMode="decimal"
          error={errors.baselineValue}
          defaultValue={defaults?.baselineValue ?? ""}
        />
        <TextField
          id={id("baselineOn")}
          name="baselineOn"
          label="Measured on"
          type="date"
          error={errors.baselineOn}
          defaultValue={defaults?.baselineOn ?? ""}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Target</legend>
        <TextField
          id={id("targetValue")}
          name="targetValue"
          label="Value"
          inputMode="decimal"
          error={errors.targetValue}
          defaultValue={defaults?.targetValue ?? ""}
        />
        <TextField id={id("targetOn")} name="targetOn" label="To reach by" type="date" error={errors.targetOn} defaultValue={defaults?.targetOn ?? ""} />
      </fieldset>
      <TextField
        id={id("source")}
        name="source"
        label="Source (optional)"
        hint="Where the figures come from, like “Place survey” or “annual VCS survey”."
        error={errors.source}
        defaultValue={defaults?.source ?? ""}
        limit={TEXT_LIMITS.indicatorSource}
      />
      <fieldset className="fieldset">
        <legend>Comparison (optional)</legend>
        <TextField
          id={id("comparisonValue")}
          name="comparisonValue"
          label="Value"
          hint="A figure to read the indicator against, like the national average."
          inputMode="decimal"
          error={errors.comparisonValue}
          defaultValue={defaults?.comparisonValue ?? ""}
        />
        <TextField
          id={id("comparisonLabel")}
          name="comparisonLabel"
          label="What it is"
          hint="For example “National average, 2008”."
          error={errors.comparisonLabel}
          defaultValue={defaults?.comparisonLabel ?? ""}
          limit={TEXT_LIMITS.comparisonLabel}
        />
      </fieldset>
      {objectives.length ? (
        <fieldset className="fieldset" id={id("objectiveIds")} tabIndex={-1}>
          <legend>Objectives it serves (optional)</legend>
          {errors.objectiveIds ? <p className="field__error">{errors.objectiveIds}</p> : null}
          {objectives.map((objective) => (
            <div className="checkbox" key={objective.id}>
              <input
                type="checkbox"
                id={`${id("objective")}-${objective.id}`}
                name="objectiveIds"
                value={objective.id}
                defaultChecked={chosen.has(objective.id)}
              />
              <label htmlFor={`${id("objective")}-${objective.id}`}>{objective.label}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

function ReadingFields({
  prefix,
  indicator,
  errors,
  defaults,
}: {
  prefix: string;
  indicator: IndicatorRow;
  errors: FieldErrors;
  defaults: ReadingSent | undefined;
}) {
  const id = (field: string) => `${prefix}-${field}`;
  const correctable = indicator.readings.filter((reading) => !reading.corrected);
  return (
    <>
      <TextField
        id={id("value")}
        name="value"
        label="Value"
        hint={indicator.unit === "percent" ? "A percentage, like 62." : indicator.unit === "money" ? "In pounds, like 12500." : undefined}
        inputMode="decimal"
        error={errors.value}
        defaultValue={defaults?.value ?? ""}
      />
      <TextField id={id("measuredOn")} name="measuredOn" label="Measured on" type="date" error={errors.measuredOn} defaultValue={defaults?.measuredOn ?? ""} />
      <TextField
        id={id("sourceNote")}
        name="sourceNote"
        label="Note (optional)"
        hint="Where it comes from, like “Annual VCS survey, 41 organisations”."
        error={errors.sourceNote}
        defaultValue={defaults?.sourceNote ?? ""}
        limit={TEXT_LIMITS.readingNote}
      />
      {correctable.length ? (
        <SelectField
          id={id("correctsReadingId")}
          name="correctsReadingId"
          label="Is this a correction?"
          hint="A reading is never changed: a correction is a new reading, and the one it corrects stays in the record, marked."
          error={errors.correctsReadingId}
          defaultValue={defaults?.correctsReadingId ?? ""}
          options={[
            { value: "", label: "No, a new reading" },
            ...correctable.map((reading) => ({ value: reading.id, label: `Corrects ${reading.measuredOnWords} (${reading.valueWords})` })),
          ]}
        />
      ) : null}
    </>
  );
}
