import { addDaysTo } from "./dates";
import type { Status } from "./vocabulary";

export const DUE_SOON_DAYS = 14;

export type DeadlineFlag = "overdue" | "due-soon" | null;

/**
 * Honest status: past its date and not done is overdue, whatever the card's
 * column says; due within 14 days is flagged too. `today` is the UK date.
 */
export function deadlineFlag(dueOn: string | null, status: Status, today: string, confirmedDone = status === "done"): DeadlineFlag {
  if (!dueOn || confirmedDone) return null;
  if (dueOn < today) return "overdue";
  if (dueOn <= addDaysTo(today, DUE_SOON_DAYS)) return "due-soon";
  return null;
}
