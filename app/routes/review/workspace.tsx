import { useEffect, useRef } from "react";
import { Form } from "react-router";
import { SelectField, TextAreaField, TextField } from "~/components/forms";
import { SectorTag } from "~/components/sector";
import { formatDueDate } from "~/domain/dates";
import { REVIEW_INTENT } from "~/domain/intents";
import { ASSESSMENTS, FINDING_RATINGS } from "~/domain/vocabulary";
import { ItemForm } from "./item-form";
import type { ReviewAction, ReviewContent, ReviewPageData } from "./types";
import { ASSESSMENT_LABELS, FINDING_LABELS, statusWords } from "~/domain/words";
import { TEXT_LIMITS } from "~/domain/limits";

// The assigned facilitators' workspace: every item saves on its own.

export function Workspace({ content, work }: ReviewPageData & { content: ReviewContent }) {
  const findingCount = content.obstacles.filter((obstacle) => obstacle.finding).length;
  useFocusWhenRemoved("review-barriers", content.barriers.length);
  useFocusWhenRemoved("review-recommendations", content.recommendations.length);
  return (
    <div className="workspace">
      <p className="workspace__progress">
        <strong>
          {content.assessedCount} of {content.actionCount} actions assessed
        </strong>
        , {findingCount} of {content.obstacles.length} obstacle categories with a finding, {content.recommendations.length}{" "}
        {content.recommendations.length === 1 ? "recommendation" : "recommendations"}.
      </p>
      <nav aria-label="Parts of the review" className="workspace__contents no-print">
        <a href="#review-actions">Actions</a> <a href="#review-obstacles">Obstacles</a> <a href="#review-barriers">New barriers</a>{" "}
        <a href="#review-summary">Summary</a> <a href="#review-recommendations">Recommendations</a> <a href="#review-publish">Publish</a>
      </nav>

      <section aria-labelledby="review-actions" className="section">
        <h2 id="review-actions" tabIndex={-1}>
          Actions
        </h2>
        <p className="hint">
          As the plan stood at the snapshot. Notes and history are{" "}
          {work?.since ? `those since the previous review (${work.since})` : "all there are, as this is the plan's first review"}.
        </p>
        {content.objectives.map((objective) => (
          <section key={objective.id} aria-labelledby={`objective-${objective.id}`}>
            <h3 id={`objective-${objective.id}`}>
              {objective.number}. {objective.title}
            </h3>
            {objective.actions.map((action) => (
              <AssessAction key={action.actionId} action={action} work={work?.byAction[action.actionId]} />
            ))}
          </section>
        ))}
      </section>

      <section aria-labelledby="review-obstacles" className="section">
        <h2 id="review-obstacles" tabIndex={-1}>
          Obstacles
        </h2>
        <p className="hint">For each obstacle the plan set out to address: how far did its actions address it?</p>
        {content.obstacles.length === 0 ? <p>The plan had no obstacle categories when the review opened.</p> : null}
        {content.obstacles.map((obstacle) => (
          <div key={obstacle.id} className="review-item">
            <h3>{obstacle.name}</h3>
            {obstacle.description ? <p className="hint">{obstacle.description}</p> : null}
            <p className="hint">
              {obstacle.actionCount} {obstacle.actionCount === 1 ? "action addresses" : "actions address"} it.
            </p>
            <ItemForm
              intent={REVIEW_INTENT.findObstacle}
              hidden={{ obstacleCategoryId: obstacle.id }}
              version={obstacle.finding?.version ?? 0}
              label={`Finding on ${obstacle.name}`}
              submitLabel="Save finding"
              theirs={(current) => {
                const theirs = current as { rating: keyof typeof FINDING_LABELS; commentary: string; updatedByName: string };
                return (
                  <p>
                    {theirs.updatedByName}: {FINDING_LABELS[theirs.rating]}. {theirs.commentary}
                  </p>
                );
              }}
            >
              {(errors) => (
                <>
                  <Choices
                    name="rating"
                    idPrefix={`finding-${obstacle.id}`}
                    legend={`How far was “${obstacle.name}” addressed?`}
                    options={FINDING_RATINGS.map((rating) => ({ value: rating, label: FINDING_LABELS[rating] }))}
                    defaultValue={obstacle.finding?.rating ?? null}
                    error={errors.rating}
                  />
                  <TextAreaField
                    name="commentary"
                    id={`finding-${obstacle.id}-commentary`}
                    label="Commentary"
                    defaultValue={obstacle.finding?.commentary ?? ""}
                    error={errors.commentary}
                    limit={TEXT_LIMITS.commentary}
                    rows={3}
                  />
                </>
              )}
            </ItemForm>
          </div>
        ))}
      </section>

      <section aria-labelledby="review-barriers" className="section">
        <h2 id="review-barriers" tabIndex={-1}>
          New barriers
        </h2>
        <p className="hint">Barriers that have appeared since the plan was written: within one of its obstacle categories, or of a new kind.</p>
        {content.barriers.length === 0 ? <p>No new barriers recorded yet.</p> : null}
        {content.barriers.map((barrier) => (
          <div key={barrier.id} className="review-item">
            <ItemForm
              intent={REVIEW_INTENT.updateBarrier}
              hidden={{ barrierId: barrier.id }}
              version={barrier.version}
              label={`Barrier: ${barrier.name}`}
              submitLabel="Save barrier"
              theirs={(current) => {
                const theirs = current as { name: string; description: string };
                return (
                  <p>
                    {theirs.name}: {theirs.description}
                  </p>
                );
              }}
            >
              {(errors) => <BarrierFields idPrefix={`barrier-${barrier.id}`} obstacles={content.obstacles} defaults={barrier} errors={errors} />}
            </ItemForm>
            <ItemForm intent={REVIEW_INTENT.removeBarrier} hidden={{ barrierId: barrier.id }} submitLabel={`Remove “${barrier.name}”`}>
              {() => null}
            </ItemForm>
          </div>
        ))}
        <div className="review-item review-item--new">
          <h3>Add a barrier</h3>
          <ItemForm intent={REVIEW_INTENT.addBarrier} label="Add a barrier" submitLabel="Add barrier" resetAfterSave>
            {(errors) => <BarrierFields idPrefix="barrier-new" obstacles={content.obstacles} defaults={null} errors={errors} />}
          </ItemForm>
        </div>
      </section>

      <section aria-labelledby="review-summary" className="section">
        <h2 id="review-summary" tabIndex={-1}>
          Overall summary
        </h2>
        <ItemForm
          intent={REVIEW_INTENT.saveSummary}
          version={content.summaryVersion}
          label="Overall summary"
          submitLabel="Save summary"
          theirs={(current) => <p>{(current as { summary: string }).summary}</p>}
        >
          {(errors) => (
            <TextAreaField
              name="summary"
              id="summary-text"
              label="Summary"
              rows={8}
              defaultValue={content.summary}
              error={errors.summary}
              limit={TEXT_LIMITS.summary}
            />
          )}
        </ItemForm>
      </section>

      <section aria-labelledby="review-recommendations" className="section">
        <h2 id="review-recommendations" tabIndex={-1}>
          Recommendations
        </h2>
        {content.recommendations.length === 0 ? <p>No recommendations yet.</p> : null}
        <ol className="recommendation-list">
          {content.recommendations.map((recommendation) => (
            <li key={recommendation.id} className="review-item">
              <ItemForm
                intent={REVIEW_INTENT.updateRecommendation}
                hidden={{ recommendationId: recommendation.id }}
                version={recommendation.version}
                label={`Recommendation ${recommendation.number}`}
                submitLabel="Save recommendation"
                theirs={(current) => <p>{(current as { body: string }).body}</p>}
              >
                {(errors) => (
                  <TextAreaField
                    name="body"
                    id={`recommendation-${recommendation.id}`}
                    label={`Recommendation ${recommendation.number}`}
                    defaultValue={recommendation.body}
                    error={errors.body}
                    limit={TEXT_LIMITS.recommendation}
                    rows={3}
                  />
                )}
              </ItemForm>
              <ItemForm
                intent={REVIEW_INTENT.removeRecommendation}
                hidden={{ recommendationId: recommendation.id }}
                submitLabel={`Remove recommendation ${recommendation.number}`}
              >
                {() => null}
              </ItemForm>
            </li>
          ))}
        </ol>
        <div className="review-item review-item--new">
          <ItemForm intent={REVIEW_INTENT.addRecommendation} label="Add a recommendation" submitLabel="Add recommendation" resetAfterSave>
            {(errors) => (
              <TextAreaField
                name="body"
                id="recommendation-new"
                label="New recommendation"
                defaultValue=""
                error={errors.body}
                rows={3}
                limit={TEXT_LIMITS.recommendation}
              />
            )}
          </ItemForm>
        </div>
      </section>

      <section aria-labelledby="review-publish" className="section">
        <h2 id="review-publish" tabIndex={-1}>
          Publish
        </h2>
        {content.assessedCount < content.actionCount ? (
          <p>
            {content.actionCount - content.assessedCount} of {content.actionCount} actions have no assessment yet.
          </p>
        ) : null}
        {/* Publishing is for good, so it asks first; a disclosure, so it asks without JavaScript too. */}
        <details className="publish-confirm" aria-labelledby="publish-summary">
          <summary id="publish-summary" className="button">
            Publish the review
          </summary>
          <div className="publish-confirm__body">
            <p>
              <strong>Publishing cannot be undone.</strong> Once the review is published:
            </p>
            <ul>
              <li>It can no longer be changed, by you or anyone else. Facilitators can still add dated addenda.</li>
              <li>Everyone in the partnership who can see the plan, councillors included, can read it.</li>
              <li>The plan&apos;s stewards can still add responses to its recommendations.</li>
            </ul>
            <Form method="post">
              <input type="hidden" name="intent" value={REVIEW_INTENT.publish} />
              <button type="submit" className="button">
                Yes, publish the review
              </button>
            </Form>
          </div>
        </details>
      </section>
    </div>
  );
}

function AssessAction({
  action,
  work,
}: {
  action: ReviewAction;
  work:
    | { notes: Array<{ id: string; body: string; author: string; at: string }>; events: Array<{ id: number; actor: string; change: string; at: string }> }
    | undefined;
}) {
  const idPrefix = `assess-${action.actionId}`;
  const count = (work?.notes.length ?? 0) + (work?.events.length ?? 0);
  return (
    <div className="review-item" id={`action-${action.actionId}`}>
      <h4 className="review-item__title">
        {action.reference} {action.title}
      </h4>
      <SnapshotFacts action={action} />
      <details className="review-item__work">
        <summary>
          Notes and history since the last review ({count} {count === 1 ? "entry" : "entries"})
        </summary>
        {count === 0 ? <p>Nothing recorded.</p> : null}
        {work?.notes.length ? (
          <>
            <h5>Progress notes</h5>
            <ul>
              {work.notes.map((note) => (
                <li key={note.id}>
                  <span className="hint">
                    {note.author}, {note.at}:
                  </span>{" "}
                  {note.body}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {work?.events.length ? (
          <>
            <h5>History</h5>
            <ul>
              {work.events.map((event) => (
                <li key={event.id}>
                  <span className="hint">{event.at}:</span> {event.actor} {event.change}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
      <ItemForm
        intent={REVIEW_INTENT.assess}
        hidden={{ actionId: action.actionId }}
        version={action.assessment?.version ?? 0}
        label={`Assessment of ${action.reference}`}
        submitLabel="Save assessment"
        theirs={(current) => {
          const theirs = current as { assessment: keyof typeof ASSESSMENT_LABELS; evidence: string; updatedByName: string };
          return (
            <p>
              {theirs.updatedByName}: {ASSESSMENT_LABELS[theirs.assessment]}. {theirs.evidence}
            </p>
          );
        }}
      >
        {(errors) => (
          <>
            <Choices
              name="assessment"
              idPrefix={idPrefix}
              legend={`Assessment of ${action.reference}`}
              options={ASSESSMENTS.map((assessment) => ({ value: assessment, label: ASSESSMENT_LABELS[assessment] }))}
              defaultValue={action.assessment?.value ?? null}
              error={errors.assessment}
            />
            <TextAreaField
              name="evidence"
              id={`${idPrefix}-evidence`}
              label="Evidence"
              defaultValue={action.assessment?.evidence ?? ""}
              error={errors.evidence}
              limit={TEXT_LIMITS.evidence}
              rows={3}
            />
          </>
        )}
      </ItemForm>
    </div>
  );
}

/** What the snapshot froze of an action. */
export function SnapshotFacts({ action }: { action: ReviewAction }) {
  return (
    <dl className="snapshot-facts">
      <div>
        <dt>Status</dt>
        <dd>{statusWords(action.status, action.confirmedDone)}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd>{action.dueOn ? formatDueDate(action.dueOn) : action.timescaleText || "No date"}</dd>
      </div>
      <div>
        <dt>Leads</dt>
        <dd>
          {action.leads.length === 0
            ? "None named"
            : action.leads.map((lead, index) => (
                <span key={index}>
                  {index > 0 ? ", " : ""}
                  {lead.name}
                  {lead.sector ? (
                    <>
                      {" "}
                      <SectorTag sector={lead.sector} short />
                    </>
                  ) : null}
                </span>
              ))}
        </dd>
      </div>
      <div>
        <dt>Obstacles</dt>
        <dd>{action.obstacles.length ? action.obstacles.join(", ") : "None named"}</dd>
      </div>
      <div>
        <dt>Latest note</dt>
        <dd>{action.latestNote ? `${action.latestNote.body} (${action.latestNote.author}, ${action.latestNote.at})` : "None"}</dd>
      </div>
    </dl>
  );
}

function Choices({
  name,
  idPrefix,
  legend,
  options,
  defaultValue,
  error,
}: {
  name: string;
  idPrefix: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  defaultValue: string | null;
  error?: string;
}) {
  return (
    <fieldset className={error ? "fieldset choices field--error" : "fieldset choices"} aria-describedby={error ? `${idPrefix}-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="field__error" id={`${idPrefix}-${name}-error`}>
          {error}
        </p>
      ) : null}
      <div className="choices__options">
        {options.map((option) => (
          <div className="radio" key={option.value}>
            <input type="radio" id={`${idPrefix}-${option.value}`} name={name} value={option.value} defaultChecked={defaultValue === option.value} />
            <label htmlFor={`${idPrefix}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function BarrierFields({
  idPrefix,
  obstacles,
  defaults,
  errors,
}: {
  idPrefix: string;
  obstacles: ReviewContent["obstacles"];
  defaults: { name: string; obstacleCategoryId: string | null; description: string } | null;
  errors: Partial<Record<string, string>>;
}) {
  return (
    <>
      <TextField id={`${idPrefix}-name`} name="name" label="Barrier" defaultValue={defaults?.name ?? ""} error={errors.name} limit={TEXT_LIMITS.barrierName} />
      <SelectField
        id={`${idPrefix}-category`}
        name="obstacleCategoryId"
        label="Category"
        defaultValue={defaults?.obstacleCategoryId ?? "new"}
        error={errors.obstacleCategoryId}
        options={[{ value: "new", label: "A new kind of barrier" }, ...obstacles.map((obstacle) => ({ value: obstacle.id, label: obstacle.name }))]}
      />
      <TextAreaField
        name="description"
        id={`${idPrefix}-description`}
        label="Description"
        defaultValue={defaults?.description ?? ""}
        error={errors.description}
        limit={TEXT_LIMITS.barrierDescription}
        rows={3}
      />
    </>
  );
}

/**
 * When an item is removed its form goes with it, and focus would fall to the
 * top of the page: it goes to the section's heading instead.
 */
function useFocusWhenRemoved(headingId: string, count: number) {
  const previous = useRef(count);
  useEffect(() => {
    const removed = count < previous.current;
    previous.current = count;
    if (removed && (document.activeElement === document.body || document.activeElement === null)) document.getElementById(headingId)?.focus();
  }, [count, headingId]);
}
