import type { Assessment, FindingRating, RecommendationResponse, ReviewKind, ReviewStatus } from "./vocabulary";

// Reviews' words, apart from reviews.ts: the board shows assessments and
// should not download the date arithmetic of scheduling with them.

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { six_month: "Six-month review", annual: "Annual review", other: "Review" };
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { draft: "Scheduled", open: "In progress", published: "Published" };
export const ASSESSMENT_LABELS: Record<Assessment, string> = {
  achieved: "Achieved",
  on_track: "On track",
  some_progress: "Some progress",
  no_progress: "No progress",
  no_longer_relevant: "No longer relevant",
};
export const FINDING_LABELS: Record<FindingRating, string> = { addressed: "Addressed", partly_addressed: "Partly addressed", not_addressed: "Not addressed" };
export const RESPONSE_LABELS: Record<RecommendationResponse, string> = { accepted: "Accepted", accepted_in_part: "Accepted in part", not_accepted: "Not accepted" };
