import { REVIEW_INTENT } from "~/domain/intents";
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
        {content.summary ? <Paragraphs text={content.summary} /> : <p className="hint">No summary written yet.</p>}
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
                    {obstacle.finding.commentary ? <Paragraphs text={obstacle.finding.commentary} /> : null}
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
              <Paragraphs text={recommendation.body} />
              {recommendation.responses.length === 0 && !draft ? <p className="hint">No response from the plan&apos;s stewards yet.</p> : null}
              {recommendation.responses.map((response) => (
                <div key={response.id} className="response">
                  <p>
                    <span className={`badge badge--response-${response.response}`}>{RESPONSE_LABELS[response.response]}</span>{" "}
                    <span className="hint">
                      {response.author}, {response.at}
                    </span>
                  </p>
                  <Paragraphs text={response.body} />
                </div>
              ))}
              {may.respond ? (
                <details className="no-print">
                  <summary>
                    {recommendation.responses.length ? "Respond again" : "Respond"} to recommendation {recommendation.number}
                  </summary>
                  <ItemForm
                    intent={REVIEW_INTENT.respond}
                    hidden={{ recommendationId: recommendation.id }}
                    label={`Response to recommendation ${recommendation.number}`}
                    submitLabel="Save response"
                    resetAfterSave
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
                        <div className="field">
                          <label className="field__label" htmlFor={`respond-${recommendation.id}-body`}>
                            What the plan will do
                          </label>
                          {errors.body ? (
                            <p className="field__error" id={`respond-${recommendation.id}-body-error`}>
                              {errors.body}
                            </p>
                          ) : null}
                          <textarea
                            id={`respond-${recommendation.id}-body`}
                            name="body"
                            className="input textarea"
                            rows={3}
                            aria-describedby={errors.body ? `respond-${recommendation.id}-body-error` : undefined}
                          />
                        </div>
                      </>
                    )}
                  </ItemForm>
                </details>
              ) : null}
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
              <Paragraphs text={addendum.body} />
            </div>
          ))}
          {may.addAddendum ? (
            <div className="no-print">
              <ItemForm intent={REVIEW_INTENT.addAddendum} label="Add an addendum" submitLabel="Add addendum" resetAfterSave>
                {(errors) => (
                  <div className="field">
                    <label className="field__label" htmlFor="addendum-body">
                      Addendum
                    </label>
                    <p className="field__hint" id="addendum-body-hint">
                      Dated and signed with your name. The review itself no longer changes.
                    </p>
                    {errors.body ? (
                      <p className="field__error" id="addendum-body-error">
                        {errors.body}
                      </p>
                    ) : null}
                    <textarea
                      id="addendum-body"
                      name="body"
                      className="input textarea"
                      rows={4}
                      aria-describedby={["addendum-body-hint", errors.body ? "addendum-body-error" : null].filter(Boolean).join(" ")}
                    />
                  </div>
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

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, index) => (
          <p key={index} className="prose">
            {paragraph}
          </p>
        ))}
    </>
  );
}
