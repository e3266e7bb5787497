import { addDaysTo } from "./dates";
import { isOverdue } from "./deadlines";
import type { Status } from "./vocabulary";

// Red, amber, green (and grey) for an action, derived from its facts and never
// typed in, so a status page cannot be more optimistic than the board.

export const RAG_RATINGS = ["red", "amber", "green", "grey"] as const;
export type Rag = (typeof RAG_RATINGS)[number];

/** Deadlines this close, on actions not yet started, turn amber. */
export const RAG_DUE_SOON_DAYS = 30;

export interface RagFacts {
  status: Status;
  dueOn: string | null;
  /** Done and confirmed by the other sector (or, on single-sector plans, by another person). */
  confirmedDone: boolean;
}

export interface RagRating {
  rag: Rag;
  /** Why, in words a councillor reads beside the colour. */
  reason: string;
}

/**
 * The rating on the UK date `today` ("YYYY-MM-DD"). Rules, first match wins:
 * confirmed done is green; done awaiting confirmation is amber once its date
 * has passed (green before); anything else past its date is red; at risk is
 * amber; not started and due within 30 days is amber; in progress is green;
 * not started with no date, or a date further off, is grey.
 */
export function ragOf(action: RagFacts, today: string): RagRating {
  if (action.confirmedDone) return { rag: "green", reason: "Done and confirmed" };
  if (action.status === "done") {
    const pastDue = action.dueOn !== null && action.dueOn < today;
    return pastDue ? { rag: "amber", reason: "Done, awaiting confirmation past its due date" } : { rag: "green", reason: "Done, awaiting confirmation" };
  }
  if (isOverdue(action, today)) return { rag: "red", reason: "Overdue" };
  if (action.status === "at_risk") return { rag: "amber", reason: "At risk" };
  if (action.status === "in_progress") return { rag: "green", reason: "In progress, not overdue" };
  if (action.dueOn !== null && action.dueOn <= addDaysTo(today, RAG_DUE_SOON_DAYS))
    return { rag: "amber", reason: `Not started, due within ${RAG_DUE_SOON_DAYS} days` };
  return { rag: "grey", reason: action.dueOn === null ? "Not started, no due date" : "Not started, not yet due" };
}

/** A shape per rating, so that the rating reads without colour (and in black and white print). */
export const RAG_ICONS: Record<Rag, string> = { red: "✕", amber: "!", green: "✓", grey: "–" };

/** How many actions have each rating, every rating present (zero if none). */
export function countRatings(ratings: Iterable<Rag>): Record<Rag, number> {
  const counts: Record<Rag, number> = { red: 0, amber: 0, green: 0, grey: 0 };
  for (const rating of ratings) counts[rating] += 1;
  return counts;
}
