import { useEffect, useRef, useState } from "react";
import { TextAreaField } from "~/components/forms";
import { Paragraphs } from "~/components/paragraphs";
import { REVIEW_INTENT } from "~/domain/intents";
import { TEXT_LIMITS } from "~/domain/limits";
import { RECOMMENDATION_RESPONSES } from "~/domain/vocabulary";
import { ItemForm } from "./item-form";
import type { ReviewContent, ReviewPageData } from "./types";
import { ASSESSMENT_LABELS, FINDING_LABELS, RESPONSE_LABELS, STATUS_LABELS, statusWords } from "~/domain/words";

// A review as everyone reads it once published (and as admins and other
// facilitators read the draft): summary, findings, assessments by objective,
// new barriers, recommendations with the stewards' responses, addenda, and
// what has changed since.

export function Report({ content, since, may, review }: ReviewPageData & { content: ReviewContent }) {
  const draft = review.status !== "published";
  return (
    <div className="report">
      <section aria-labelledby="report-summary" className="section">
        <h2 id="report-summary">Summary</h2>
        {content.summary ? <Paragraphs className="prose" text={content.summary} /> : <p className="hint">No summary written yet.</p>}
      </section>

      <section aria-labelledby="report-findings" className="section">
        <h2 id="report-findings">Findings on the obstacles</h2>
        {content.obstacles.length === 0 ? <p>The plan named no obstacle categories.</p> : null}
        <dl className="findings">
          {content.obstacles.map((obstacle) => (
            <div key={obstacle.id} className="findings__item">
              <dt>{obstacle.name}</dt>
              <dd>
                {obstacle.finding ? (
                  <>
                    <span className={`badge badge--finding-${obstacle.finding.rating}`}>{FINDING_LABELS[obstacle.finding.rating]}</span>
                    {obstacle.finding.commentary ? <Paragraphs className="prose" text={obstacle.finding.commentary} /> : null}
                  </>
                ) : (
                  <span className="hint">No finding{draft ? " yet" : ""}.</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="report-assessments" className="section">
        <h2 id="report-assessments">Assessments by objective</h2>
        <p className="hint">
          {content.assessedCount} of {content.actionCount} actions assessed. Statuses are as they stood at the snapshot, {content.takenAt}.
        </p>
        {content.objectives.map((objective) => (
          <table key={objective.id} className="table table--stack report__table">
            <caption>
              {objective.number}. {objective.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Status at the snapshot</th>
                <th scope="col">Assessment</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {objective.actions.map((action) => (
                <tr key={action.actionId}>
                  <th scope="row">
                    {action.reference} {action.title}
                  </th>
                  <td data-label="Status at the snapshot">{statusWords(action.status, action.confirmedDone)}</td>
                  <td data-label="Assessment">
                    {action.assessment ? (
                      <span className={`badge badge--assessment-${action.assessment.value}`}>{ASSESSMENT_LABELS[action.assessment.value]}</span>
                    ) : (
                      "Not assessed"
                    )}
                  </td>
                  <td data-label="Evidence">{action.assessment?.evidence ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>

      <section aria-labelledby="report-barriers" className="section">
        <h2 id="report-barriers">New barriers</h2>
        {content.barriers.length === 0 ? <p>None recorded.</p> : null}
        <ul>
          {content.barriers.map((barrier) => (
            <li key={barrier.id}>
              <strong>{barrier.name}</strong> ({barrier.categoryName ?? "a new kind of barrier"}){barrier.description ? `: ${barrier.description}` : ""}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="report-recommendations" className="section">
        <h2 id="report-recommendations">Recommendations and responses</h2>
        {content.recommendations.length === 0 ? <p>No recommendations.</p> : null}
        <ol className="recommendation-list">
          {content.recommendations.map((recommendation) => (
            <li key={recommendation.id} className="review-item">
              <Paragraphs className="prose" text={recommendation.body} />
              {recommendation.responses.length === 0 && !draft ? <p className="hint">No response from the plan&apos;s stewards yet.</p> : null}
              <Responses recommendation={recommendation} mayRespond={may.respond} />
            </li>
          ))}
        </ol>
      </section>

      {!draft ? (
        <section aria-labelledby="report-addenda" className="section">
          <h2 id="report-addenda">Addenda</h2>
          {content.addenda.length === 0 ? <p>None.</p> : null}
          {content.addenda.map((addendum) => (
            <div key={addendum.id} className="addendum">
              <p className="hint">
                {addendum.author}, {addendum.at}
              </p>
              <Paragraphs className="prose" text={addendum.body} />
            </div>
          ))}
          {may.addAddendum ? (
            <div className="no-print">
              <ItemForm intent={REVIEW_INTENT.addAddendum} label="Add an addendum" submitLabel="Add addendum" resetAfterSave>
                {(errors) => (
                  <TextAreaField
                    name="body"
                    id="addendum-body"
                    label="Addendum"
                    hint="Dated and signed with your name. The review itself no longer changes."
                    error={errors.body}
                    rows={4}
                    limit={TEXT_LIMITS.addendum}
                  />
                )}
              </ItemForm>
            </div>
          ) : null}
        </section>
      ) : null}

      {since ? (
        <section aria-labelledby="report-since" className="section">
          <h2 id="report-since">Since the review</h2>
          <p className="hint">What has changed in the plan between the snapshot ({content.takenAt}) and now.</p>
          {since.moved.length + since.confirmed.length + since.added.length + since.archived.length === 0 ? <p>Nothing has changed.</p> : null}
          <SinceList
            title="Moved"
            items={since.moved.map((item) => `${item.reference} ${item.title}: from ${STATUS_LABELS[item.from]} to ${STATUS_LABELS[item.to]}`)}
          />
          <SinceList title="Confirmed as done" items={since.confirmed.map((item) => `${item.reference} ${item.title}`)} />
          <SinceList title="New actions" items={since.added.map((item) => `${item.reference} ${item.title}`)} />
          <SinceList title="Archived" items={since.archived.map((item) => `${item.reference} ${item.title}`)} />
        </section>
      ) : null}
    </div>
  );
}

function SinceList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({items.length})
      </h3>
      <ul>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </>
  );
}

type Recommendation = ReviewContent["recommendations"][number];

/**
 * A recommendation's responses, and for the plan's stewards a disclosure to
 * add one. Once a response is saved the disclosure closes and the response,
 * with who wrote it and when, takes focus: the form does not stay open, empty,
 * as if nothing had been saved.
 */
function Responses({ recommendation, mayRespond }: { recommendation: Recommendation; mayRespond: boolean }) {
  const disclosureRef = useRef<HTMLDetailsElement>(null);
  const latestRef = useRef<HTMLDivElement>(null);
  const [savedCount, setSavedCount] = useState(0);
  const latestId = recommendation.responses.at(-1)?.id;
  useEffect(() => {
    if (savedCount > 0) latestRef.current?.focus();
  }, [savedCount, latestId]);
  return (
    <>
      {recommendation.responses.map((response) => (
        <div key={response.id} ref={response.id === latestId ? latestRef : undefined} tabIndex={response.id === latestId ? -1 : undefined} className="response">
          <p>
            <span className={`badge badge--response-${response.response}`}>{RESPONSE_LABELS[response.response]}</span>{" "}
            <span className="hint">
              {response.author}, {response.at}
            </span>
          </p>
          <Paragraphs className="prose" text={response.body} />
        </div>
      ))}
      {mayRespond ? (
        <div role="status" className="no-print">
          {savedCount > 0 ? <p className="notice">Response saved.</p> : null}
        </div>
      ) : null}
      {mayRespond ? (
        <details className="no-print" ref={disclosureRef}>
          <summary>
            {recommendation.responses.length ? "Respond again" : "Respond"} to recommendation {recommendation.number}
          </summary>
          <ItemForm
            intent={REVIEW_INTENT.respond}
            hidden={{ recommendationId: recommendation.id }}
            label={`Response to recommendation ${recommendation.number}`}
            submitLabel="Save response"
            resetAfterSave
            onSaved={() => {
              if (disclosureRef.current) disclosureRef.current.open = false;
              setSavedCount((count) => count + 1);
            }}
          >
            {(errors) => (
              <>
                <fieldset className="fieldset choices" aria-describedby={errors.response ? `respond-${recommendation.id}-response-error` : undefined}>
                  <legend>Response to recommendation {recommendation.number}</legend>
                  {errors.response ? (
                    <p className="field__error" id={`respond-${recommendation.id}-response-error`}>
                      {errors.response}
                    </p>
                  ) : null}
                  <div className="choices__options">
                    {RECOMMENDATION_RESPONSES.map((response) => (
                      <div className="radio" key={response}>
                        <input type="radio" id={`respond-${recommendation.id}-${response}`} name="response" value={response} />
                        <label htmlFor={`respond-${recommendation.id}-${response}`}>{RESPONSE_LABELS[response]}</label>
                      </div>
                    ))}
                  </div>
                </fieldset>
                <TextAreaField
                  name="body"
                  id={`respond-${recommendation.id}-body`}
                  label="What the plan will do"
                  error={errors.body}
                  rows={3}
                  limit={TEXT_LIMITS.response}
                />
              </>
            )}
          </ItemForm>
        </details>
      ) : null}
    </>
  );
}
