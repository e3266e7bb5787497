import { addDaysTo } from "./dates";
import type { Status } from "./vocabulary";

export const DUE_SOON_DAYS = 14;

export type DeadlineFlag = "overdue" | "due-soon" | null;

/**
 * Overdue, the one definition every page, export and feed uses: past its due
 * date (the UK date `today`) and not done, whatever else the card says. An
 * action marked done and still awaiting the other sector's confirmation is not
 * overdue: its lead has done their part, and it is counted as awaiting
 * confirmation instead, so that no list counts one action twice.
 */
export function isOverdue(action: { dueOn: string | null; status: Status }, today: string): boolean {
  return action.status !== "done" && action.dueOn !== null && action.dueOn < today;
}

/** The card's flag: overdue, or due within 14 days and not done. */
export function deadlineFlag(dueOn: string | null, status: Status, today: string): DeadlineFlag {
  if (isOverdue({ dueOn, status }, today)) return "overdue";
  if (dueOn && status !== "done" && dueOn >= today && dueOn <= addDaysTo(today, DUE_SOON_DAYS)) return "due-soon";
  return null;
}
