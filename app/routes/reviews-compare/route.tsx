import { Link } from "react-router";
import { ScrollingTable } from "~/components/scrolling-table";
import { isUuid } from "~/domain/ids";
import { actionReference } from "~/domain/references";
import { compareAssessments } from "~/domain/reviews";
import type { Assessment } from "~/domain/vocabulary";
import { notFound } from "~/server/auth/guards.server";
import { reviewOf, type ReviewData } from "~/server/reviews/review-data.server";
import type { Route } from "./+types/route";
import { ASSESSMENT_LABELS } from "~/domain/words";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

export const meta: Route.MetaFunction = () => [{ title: "Compare reviews – Partnership Board" }];

/** Two published reviews of the plan side by side: per action, how its assessment changed. */
export const loader = pageLoader(planScope("review.viewPublished"), async ({ membership, plan, db, url }) => {
  const [fromId, toId] = [url.searchParams.get("from") ?? "", url.searchParams.get("to") ?? ""];
  if (!isUuid(fromId) || !isUuid(toId)) throw notFound();
  const [from, to] = await Promise.all([reviewOf(db, plan, fromId), reviewOf(db, plan, toId)]);
  // Only published reviews are compared: drafts are not for every reader.
  if (from?.status !== "published" || to?.status !== "published") throw notFound();
  const rows = compareAssessments(sideOf(from), sideOf(to));
  return {
    slug: membership.partnership.slug,
    planId: plan.id,
    from: { id: from.id, title: from.title },
    to: { id: to.id, title: to.title },
    rows,
    changedCount: rows.filter((row) => row.changed).length,
  };
});

function sideOf(review: ReviewData) {
  return {
    actions: (review.snapshot?.actions ?? []).map((action) => ({
      actionId: action.actionId,
      reference: actionReference(action.objectiveNumber, action.number),
      title: action.title,
    })),
    assessments: new Map<string, Assessment>(review.assessments.map((assessment) => [assessment.actionId, assessment.assessment])),
  };
}

export default function CompareReviews({ loaderData }: Route.ComponentProps) {
  const { slug, planId, from, to, rows } = loaderData;
  const reviewPath = (id: string) => `/p/${slug}/plans/${planId}/reviews/${id}`;
  const label = (assessment: Assessment | null, inReview: boolean) =>
    !inReview ? "Not in this review" : assessment ? ASSESSMENT_LABELS[assessment] : "Not assessed";
  return (
    <div>
      <p className="no-print">
        <Link to={`/p/${slug}/plans/${planId}/reviews`}>All reviews of this plan</Link>
      </p>
      <h1>
        {from.title} compared with {to.title}
      </h1>
      <p>
        {loaderData.changedCount} of {rows.length} actions were assessed differently. &ldquo;Not in this review&rdquo; marks an action that was not in the plan
        when that review opened.
      </p>
      <ScrollingTable label="Assessments per action in both reviews">
        <table className="table">
          <caption className="visually-hidden">Assessments per action in both reviews</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">
                <Link to={reviewPath(from.id)}>{from.title}</Link>
              </th>
              <th scope="col">
                <Link to={reviewPath(to.id)}>{to.title}</Link>
              </th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.actionId}>
                <th scope="row">
                  {row.reference} {row.title}
                </th>
                <td>{label(row.earlier, row.inEarlier)}</td>
                <td>{label(row.later, row.inLater)}</td>
                <td>{row.changed ? <strong>Changed</strong> : "Same"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollingTable>
    </div>
  );
}
