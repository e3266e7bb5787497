import { addMonths, format, parseISO } from "date-fns";
import type { Assessment, ReviewKind, ReviewStatus, Status } from "./vocabulary";
import { formatDueDate } from "./dates";
import { compareReferences } from "./references";
import { REVIEW_KIND_LABELS } from "./words";

// Reviews in words, and what a review compares: pure, so screens, the CSV and
// tests share them.

/** A six-month review falls due six months after the plan starts, an annual one a year after; others have no default. */
export function defaultDueOn(kind: ReviewKind, planStart: string | null): string | null {
  if (!planStart) return null;
  if (kind === "six_month") return format(addMonths(parseISO(planStart), 6), "yyyy-MM-dd");
  if (kind === "annual") return format(addMonths(parseISO(planStart), 12), "yyyy-MM-dd");
  return null;
}

/** A review is overdue past its date until it is published: the one definition pages and the calendar use. */
export function isReviewOverdue(review: { status: ReviewStatus; dueOn: string }, today: string): boolean {
  return review.status !== "published" && review.dueOn < today;
}

/** "Six-month review due 30 September 2010", or "… was due 30 September 2010: overdue". */
export function reviewDueWords(review: { kind: ReviewKind; status: ReviewStatus; dueOn: string }, today: string): { text: string; overdue: boolean } {
  const what = REVIEW_KIND_LABELS[review.kind];
  const overdue = isReviewOverdue(review, today);
  return overdue
    ? { text: `${what} was due ${formatDueDate(review.dueOn)}: overdue`, overdue }
    : { text: `${what} due ${formatDueDate(review.dueOn)}`, overdue };
}

/** An action as a snapshot froze it or as it stands now, for "since the review". */
export interface ActionState {
  actionId: string;
  reference: string;
  title: string;
  status: Status;
  confirmedDone: boolean;
}

export interface ChangesSince {
  moved: Array<{ reference: string; title: string; from: Status; to: Status }>;
  confirmed: Array<{ reference: string; title: string }>;
  added: Array<{ reference: string; title: string }>;
  archived: Array<{ reference: string; title: string }>;
}

/** What changed between a review's snapshot and the plan now: moves, confirmations, new and archived actions. */
export function changesSince(then: readonly ActionState[], now: readonly ActionState[]): ChangesSince {
  const before = new Map(then.map((action) => [action.actionId, action]));
  const current = new Set(now.map((action) => action.actionId));
  const changes: ChangesSince = { moved: [], confirmed: [], added: [], archived: [] };
  for (const action of now) {
    const was = before.get(action.actionId);
    if (!was) {
      changes.added.push({ reference: action.reference, title: action.title });
      continue;
    }
    if (was.status !== action.status) changes.moved.push({ reference: action.reference, title: action.title, from: was.status, to: action.status });
    if (!was.confirmedDone && action.confirmedDone) changes.confirmed.push({ reference: action.reference, title: action.title });
  }
  for (const action of then) {
    if (!current.has(action.actionId)) changes.archived.push({ reference: action.reference, title: action.title });
  }
  return changes;
}

/** Per action, how its assessment changed from one review to a later one (either may be missing). */
export function compareAssessments<Row extends { actionId: string; reference: string; title: string }>(
  earlier: { actions: readonly Row[]; assessments: ReadonlyMap<string, Assessment> },
  later: { actions: readonly Row[]; assessments: ReadonlyMap<string, Assessment> },
): Array<{
  actionId: string;
  reference: string;
  title: string;
  earlier: Assessment | null;
  later: Assessment | null;
  inEarlier: boolean;
  inLater: boolean;
  changed: boolean;
}> {
  const inEarlier = new Set(earlier.actions.map((action) => action.actionId));
  const inLater = new Set(later.actions.map((action) => action.actionId));
  const rows = new Map<string, { actionId: string; reference: string; title: string }>();
  for (const action of [...earlier.actions, ...later.actions])
    rows.set(action.actionId, { actionId: action.actionId, reference: action.reference, title: action.title });
  return [...rows.values()]
    .sort((a, b) => compareReferences(a.reference, b.reference))
    .map((row) => {
      const from = earlier.assessments.get(row.actionId) ?? null;
      const to = later.assessments.get(row.actionId) ?? null;
      return { ...row, earlier: from, later: to, inEarlier: inEarlier.has(row.actionId), inLater: inLater.has(row.actionId), changed: from !== to };
    });
}
