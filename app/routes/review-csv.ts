import { csvCell, downloadFilename } from "~/domain/csv";
import { can } from "~/domain/policy";
import { actionReference } from "~/domain/references";
import { notFound } from "~/server/auth/guards.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { reviewOf } from "~/server/reviews/review-data.server";
import type { Route } from "./+types/review-csv";
import { ASSESSMENT_LABELS, STATUS_LABELS } from "~/domain/words";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

const COLUMNS = [
  "objective_number",
  "objective",
  "action_number",
  "action",
  "status_at_snapshot",
  "confirmed_done_at_snapshot",
  "due_date",
  "leads",
  "obstacle_categories",
  "assessment",
  "evidence",
  "assessed_by",
  "assessed_at_utc",
];

/** A published review's assessments, one row per action of its snapshot. */
export const loader = pageLoader(
  (args: Route.LoaderArgs) => planScope("review.viewPublished")(args),
  async ({ membership, plan, db, params }) => {
    const review = await reviewOf(db, plan, params.reviewId);
    if (!review?.snapshot) throw notFound();
    if (review.status !== "published" && !can(membership.actor, "review.viewDraft", planTarget(plan))) throw notFound();

    const assessments = new Map(review.assessments.map((assessment) => [assessment.actionId, assessment]));
    const obstacleNames = new Map(review.snapshot.obstacles.map((obstacle) => [obstacle.id, obstacle.name]));
    const lines = review.snapshot.actions.map((action) => {
      const assessment = assessments.get(action.actionId);
      return [
        String(action.objectiveNumber),
        action.objectiveTitle,
        actionReference(action.objectiveNumber, action.number),
        action.title,
        STATUS_LABELS[action.status],
        action.confirmedDone ? "yes" : "no",
        action.dueOn ?? "",
        action.leads.map((lead) => lead.name).join("; "),
        action.obstacleIds.map((id) => obstacleNames.get(id) ?? "").join("; "),
        assessment ? ASSESSMENT_LABELS[assessment.assessment] : "",
        assessment?.evidence ?? "",
        assessment?.updatedByName ?? "",
        assessment ? assessment.updatedAt.toISOString() : "",
      ];
    });
    // A byte-order mark so spreadsheet programs read the text as UTF-8.
    const body = `\uFEFF${[COLUMNS, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
    const filename = downloadFilename(review.title, "assessments.csv", "review");
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  },
);
