import { Form, Link } from "react-router";
import { ErrorSummary } from "~/components/forms";
import { Notice } from "~/components/notice";
import { PrintButton } from "~/components/print-button";
import { formatDueDate } from "~/domain/dates";
import { REVIEW_INTENT } from "~/domain/intents";
import { isReviewOverdue } from "~/domain/reviews";
import { ScheduleFields } from "~/components/schedule-form";
import { Report } from "./report";
import type { ReviewPageData, ReviewReply } from "./types";
import { Workspace } from "./workspace";
import { REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS } from "~/domain/words";

/** One review, as its state and the reader's part in it call for: schedule, workspace, or report. */
export function ReviewPage(props: ReviewPageData & { reply: ReviewReply | null }) {
  const { slug, plan, review, content, may, reply } = props;
  const planPath = `/p/${slug}/plans/${plan.id}`;
  const overdue = isReviewOverdue(review, props.today);
  return (
    <article className="review" aria-labelledby="review-title">
      <p className="no-print">
        <Link to={`${planPath}/reviews`}>All reviews of this plan</Link>
      </p>
      <header className="review__header">
        <p className="review__plan">{plan.title}</p>
        <h1 id="review-title">{review.title}</h1>
        <dl className="review__facts">
          <div>
            <dt>Kind</dt>
            <dd>{REVIEW_KIND_LABELS[review.kind]}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{REVIEW_STATUS_LABELS[review.status]}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>
              {formatDueDate(review.dueOn)}
              {overdue ? <strong className="flag flag--overdue">Overdue</strong> : null}
            </dd>
          </div>
          <div>
            <dt>Facilitators</dt>
            <dd>{review.facilitators.map((facilitator) => facilitator.name).join(", ")}</dd>
          </div>
          {content ? (
            <div>
              <dt>Snapshot of the plan</dt>
              <dd>{content.takenAt}</dd>
            </div>
          ) : null}
          {review.publishedAt ? (
            <div>
              <dt>Published</dt>
              <dd>{review.publishedAt}</dd>
            </div>
          ) : null}
        </dl>
        {review.status === "published" ? (
          <p className="review__tools no-print">
            <a href={`${planPath}/reviews/${review.id}/assessments.csv`} download>
              Download the assessments (CSV)
            </a>
            <PrintButton label="Print the report" />
          </p>
        ) : null}
      </header>

      {/* Answers to forms sent without JavaScript (with it, each form shows its own). Field names repeat from item to item,
          so the summary says what went wrong rather than linking to a field. */}
      <Notice>{reply?.ok ? reply.notice : null}</Notice>
      {reply && !reply.ok ? <ErrorSummary formError={[reply.formError, ...Object.values(reply.errors ?? {})].filter(Boolean).join(" ")} /> : null}

      {review.status === "draft" ? <DraftState {...props} /> : null}
      {review.status === "open" && may.write && content ? <Workspace {...props} content={content} /> : null}
      {review.status === "open" && !may.write ? (
        <p className="notice notice--warning">
          {content
            ? "This review is in progress. Only its assigned facilitators write it; what follows " +
              "is their draft so far, which members and observers do not see until it is published."
            : "This review is in progress. Its facilitators' draft is for them and the partnership's " +
              "admins; everyone who can see the plan reads it here once it is published."}
        </p>
      ) : null}
      {review.status === "open" && !may.write && content ? <Report {...props} content={content} /> : null}
      {review.status === "published" && content ? <Report {...props} content={content} /> : null}

      {props.schedule ? (
        <details className="section no-print" open={review.status === "draft"}>
          <summary>Change the schedule</summary>
          <Form method="post" noValidate className="narrow">
            <input type="hidden" name="intent" value={REVIEW_INTENT.reschedule} />
            <ScheduleFields
              errors={reply?.errors ?? {}}
              facilitators={props.schedule.facilitators}
              defaults={props.schedule.defaults}
              planStart={props.schedule.planStart}
            />
            <button type="submit" className="button button--secondary">
              Save the schedule
            </button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}

function DraftState({ may }: ReviewPageData) {
  return (
    <section className="section" aria-labelledby="draft-title">
      <h2 id="draft-title">Scheduled, not yet open</h2>
      <p>
        Opening the review takes a snapshot of every action as it stands then: status, confirmed completion, due date, leads, obstacle categories and the latest
        progress note. The review assesses that snapshot; later changes to the plan do not touch it.
      </p>
      {may.open ? (
        <Form method="post">
          <input type="hidden" name="intent" value={REVIEW_INTENT.open} />
          <button type="submit" className="button">
            Open the review and take the snapshot
          </button>
        </Form>
      ) : (
        <p>An assigned facilitator, a steward of the plan or an admin opens it.</p>
      )}
    </section>
  );
}
