import { formatDueDate } from "./dates";
import { isOverdue } from "./deadlines";
import { actionReference } from "./references";
import { isReviewOverdue } from "./reviews";
import type { ReviewKind, ReviewStatus, Status } from "./vocabulary";
import { REVIEW_KIND_LABELS, statusWords } from "./words";

// A person's deadlines as calendar entries: the due dates of the actions they
// lead and the review dates of their plans, each an all-day event that names
// the action or review and links back to it. The iCalendar text is made from
// these by app/server/calendar/calendar-feeds.server.ts.

export interface LedAction {
  id: string;
  planId: string;
  partnershipSlug: string;
  partnershipName: string;
  planTitle: string;
  objectiveNumber: number;
  number: number;
  title: string;
  status: Status;
  dueOn: string;
  timescaleText: string;
  completionConfirmedAt: Date | null;
}

export interface PlanReview {
  id: string;
  planId: string;
  partnershipSlug: string;
  partnershipName: string;
  planTitle: string;
  kind: ReviewKind;
  title: string;
  status: ReviewStatus;
  dueOn: string;
  /** Whether the person may open the review's own page (else the plan's list of reviews, which every viewer opens). */
  readable: boolean;
}

export interface CalendarEntry {
  /** Stable across fetches, so a calendar app updates the event rather than adding another. */
  uid: string;
  /** "YYYY-MM-DD": an all-day event on that date. */
  date: string;
  summary: string;
  description: string;
  /** Where the event links back to, on this site. */
  path: string;
}

/**
 * An action's deadline, or null once the deadline no longer asks anything of
 * the lead: a completion confirmed across sectors is met. A completion still
 * awaiting confirmation stays, and says so, as it counts as done nowhere yet.
 */
export function actionEntry(action: LedAction, today: string): CalendarEntry | null {
  const confirmed = action.status === "done" && action.completionConfirmedAt !== null;
  if (confirmed) return null;
  const reference = actionReference(action.objectiveNumber, action.number);
  const state = action.status === "done" ? "Done, awaiting confirmation" : isOverdue(action, today) ? "Overdue" : "Due";
  const lines = [
    `${action.planTitle} (${action.partnershipName})`,
    `Status: ${statusWords(action.status, false)}`,
    `Due: ${formatDueDate(action.dueOn)}`,
    action.timescaleText ? `Timescale in the plan: ${action.timescaleText}` : null,
  ];
  return {
    uid: `action-${action.id}`,
    date: action.dueOn,
    summary: `${reference} ${action.title} (${state})`,
    description: lines.filter((line) => line !== null).join("\n"),
    path: `/p/${action.partnershipSlug}/plans/${action.planId}/actions/${action.id}`,
  };
}

/** A review's date, or null once it is published (its date is met). */
export function reviewEntry(review: PlanReview, today: string): CalendarEntry | null {
  if (review.status === "published") return null;
  const plansReviews = `/p/${review.partnershipSlug}/plans/${review.planId}/reviews`;
  return {
    uid: `review-${review.id}`,
    date: review.dueOn,
    summary: `${review.title || REVIEW_KIND_LABELS[review.kind]}: ${review.planTitle} (${isReviewOverdue(review, today) ? "Overdue" : "Due"})`,
    description: [
      `${review.planTitle} (${review.partnershipName})`,
      `${review.status === "open" ? "Opened, being written" : "Scheduled"}`,
      `Due: ${formatDueDate(review.dueOn)}`,
    ].join("\n"),
    path: review.readable ? `${plansReviews}/${review.id}` : plansReviews,
  };
}

/** Every entry of a person's feed on the UK date `today`, by date and then by reference. */
export function calendarEntries(actions: readonly LedAction[], reviews: readonly PlanReview[], today: string): CalendarEntry[] {
  const entries = [...actions.map((action) => actionEntry(action, today)), ...reviews.map((review) => reviewEntry(review, today))].filter(
    (entry): entry is CalendarEntry => entry !== null,
  );
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.summary.localeCompare(b.summary, "en-GB", { numeric: true }));
}
