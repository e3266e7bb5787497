import { Form, Link, redirect, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { formatDueDate, ukToday } from "~/domain/dates";
import { can } from "~/domain/policy";
import { isReviewOverdue } from "~/domain/reviews";
import { formAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { facilitatorChoices, reviewsOf } from "~/server/reviews/review-data.server";
import { scheduleReview } from "~/server/reviews/reviews.server";
import { invalid } from "~/server/http/write-result.server";
import { dueOnOrDefault, NO_DUE_DATE, ScheduleFields, ScheduleForm } from "~/components/schedule-form";
import type { Route } from "./+types/route";
import { REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS } from "~/domain/words";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `Reviews of ${loaderData?.plan.title ?? "the plan"} – Partnership Board` }];

export const loader = pageLoader(planScope("review.viewPublished"), async ({ membership, plan, db }) => {
  const target = planTarget(plan);
  const actor = membership.actor;
  const canSchedule = can(actor, "review.schedule", target);
  const [reviews, facilitators] = await Promise.all([reviewsOf(db, plan.id), canSchedule ? facilitatorChoices(db, plan.partnershipId) : []]);
  const canViewDraft = can(actor, "review.viewDraft", target);
  return {
    slug: membership.partnership.slug,
    plan: { id: plan.id, title: plan.title },
    today: ukToday(),
    reviews: reviews.map((review) => ({
      id: review.id,
      kind: review.kind,
      title: review.title,
      dueOn: review.dueOn,
      status: review.status,
      facilitators: review.facilitators.map((facilitator) => facilitator.name),
      // Drafts are for those who run the review; everyone reads a published one.
      readable: review.status === "published" || canViewDraft || canSchedule,
    })),
    canSchedule,
    facilitators,
    scheduleDefaults: {
      kind: "six_month" as const,
      title: "Six-month review",
      dueOn: null,
      facilitatorUserIds: facilitators.length === 1 ? [facilitators[0]!.id] : [],
    },
    newReviewId: crypto.randomUUID(),
    planStart: plan.periodStart,
  };
});

const ScheduleNewForm = ScheduleForm.extend({ id: z.uuid() });

export const action = formAction({
  scope: planScope(),
  form: ScheduleNewForm,
  run: async (input, { db, membership, plan, write }) => {
    const dueOn = dueOnOrDefault(input, plan.periodStart);
    if (!dueOn) return invalid({ dueOn: NO_DUE_DATE });
    const result = await write(() => scheduleReview(db, membership.actor, plan, { ...input, dueOn }));
    return result.ok ? redirect(`/p/${membership.partnership.slug}/plans/${plan.id}/reviews/${result.value}`) : result.response;
  },
});

export default function Reviews({ loaderData }: Route.ComponentProps) {
  const reply = useActionData<typeof action>();
  const errors = reply?.errors ?? {};
  const { slug, plan, reviews, today } = loaderData;
  const planPath = `/p/${slug}/plans/${plan.id}`;
  const published = reviews.filter((review) => review.status === "published");
  return (
    <div className="reviews-page">
      <p className="no-print">
        <Link to={planPath}>Back to the board</Link>
      </p>
      <h1>Reviews of {plan.title}</h1>
      {reviews.length === 0 ? (
        <p>
          No reviews are scheduled for this plan yet.
          {loaderData.canSchedule ? " Schedule the first one below." : " The plan's stewards or an admin schedule them."}
        </p>
      ) : (
        <table className="table table--stack">
          <caption className="visually-hidden">Reviews, by due date</caption>
          <thead>
            <tr>
              <th scope="col">Review</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Facilitators</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((review) => (
              <tr key={review.id}>
                <td>
                  {review.readable ? <Link to={`${planPath}/reviews/${review.id}`}>{review.title}</Link> : review.title}
                  {review.title === REVIEW_KIND_LABELS[review.kind] ? null : <span className="hint"> ({REVIEW_KIND_LABELS[review.kind]})</span>}
                </td>
                <td data-label="Due">
                  {formatDueDate(review.dueOn)}
                  {isReviewOverdue(review, today) ? <strong className="flag flag--overdue">Overdue</strong> : null}
                </td>
                <td data-label="Status">{REVIEW_STATUS_LABELS[review.status]}</td>
                <td data-label="Facilitators">{review.facilitators.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {published.length >= 2 ? (
        <section className="section" aria-labelledby="compare-title">
          <h2 id="compare-title">Compare two reviews</h2>
          <Form method="get" action={`${planPath}/reviews/compare`} className="field-row">
            <CompareSelect name="from" label="Earlier review" reviews={published} defaultValue={published.at(-2)!.id} />
            <CompareSelect name="to" label="Later review" reviews={published} defaultValue={published.at(-1)!.id} />
            <button type="submit" className="button button--secondary">
              Compare
            </button>
          </Form>
        </section>
      ) : null}

      {loaderData.canSchedule ? (
        <section className="section narrow" aria-labelledby="schedule-title">
          <h2 id="schedule-title">Schedule a review</h2>
          <ErrorSummary errors={errors} formError={reply?.formError} />
          <Form method="post" noValidate>
            <input type="hidden" name="id" value={loaderData.newReviewId} />
            <ScheduleFields errors={errors} facilitators={loaderData.facilitators} defaults={loaderData.scheduleDefaults} planStart={loaderData.planStart} />
            <button type="submit" className="button">
              Schedule the review
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function CompareSelect({
  name,
  label,
  reviews,
  defaultValue,
}: {
  name: string;
  label: string;
  reviews: Array<{ id: string; title: string }>;
  defaultValue: string;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={`compare-${name}`}>
        {label}
      </label>
      <select id={`compare-${name}`} name={name} className="input select" defaultValue={defaultValue}>
        {reviews.map((review) => (
          <option key={review.id} value={review.id}>
            {review.title}
          </option>
        ))}
      </select>
    </div>
  );
}
