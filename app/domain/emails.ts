import { addDaysTo, startOfUkDay, ukToday } from "./dates";
import type { EmailKind, EmailStatus } from "./vocabulary";

// When the board's emails go and what they are called. The digest goes at
// 07:00 UK time on the person's day, in BST or GMT as London keeps it then.

/** What each kind of email is, as the preferences and the Emails page name it. */
export const EMAIL_KIND_WORDS: Record<EmailKind, { label: string; hint: string }> = {
  digest: {
    label: "Weekly digest",
    hint: "Your actions overdue, due in the next two weeks or awaiting your confirmation, and what changed on plans you steward.",
  },
  completion_proposed: { label: "A completion to confirm", hint: "When an action is moved to Done and you may confirm it." },
  completion_returned: { label: "A completion returned", hint: "When a completion you proposed is returned, with its reason." },
  review_published: { label: "A review published", hint: "When a review of a plan you see is published, with its summary." },
  review_assigned: { label: "A review assigned to you", hint: "When you are made a facilitator of a review." },
  due_reminder: { label: "Due date reminders", hint: "Before an action you lead is due, as many days before as the plan's stewards choose." },
  survey_invitation: {
    label: "A partner survey",
    hint: "To an organisation a plan's stewards invited to answer a partner survey: its link, to an address with no account.",
  },
};

export const EMAIL_STATUS_WORDS: Record<EmailStatus, string> = {
  queued: "Waiting to send",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  cancelled: "Not sent",
  empty: "Nothing to say",
};

/** ISO weekdays, Monday first, as the digest's day is chosen. */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const DEFAULT_DIGEST_DAY = 1;
/** The UK hour at which a digest is due on its day. */
export const DIGEST_HOUR = 7;
/** How far ahead a digest looks for actions due. */
export const DIGEST_DAYS_AHEAD = 14;

/** The ISO weekday (1 Monday … 7 Sunday) of a "YYYY-MM-DD" date. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The moment a UK date reaches `hour` o'clock, in BST or GMT as London keeps it that day (07:00 is never in a clock change's gap). */
export function ukTimeOn(isoDate: string, hour: number): Date {
  return new Date(startOfUkDay(isoDate).getTime() + hour * 3_600_000);
}

/**
 * The latest moment, no later than `now`, at which a digest on `digestDay`
 * was due, with the week it belongs to ("2026-W49"), which keys it: one
 * digest per person per week, whenever it is sent.
 */
export function latestDigestDue(now: Date, digestDay: number): { dueAt: Date; week: string } {
  const today = ukToday(now);
  for (let back = 0; back <= 7; back++) {
    const date = addDaysTo(today, -back);
    if (isoWeekday(date) !== digestDay) continue;
    const dueAt = ukTimeOn(date, DIGEST_HOUR);
    if (dueAt <= now) return { dueAt, week: isoWeek(date) };
  }
  // Unreachable: within eight days back the day recurs at least once before now.
  throw new Error("No digest time found");
}

/** "2026-W49": the ISO week of a date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(isoDate: string): string {
  const thursday = addDaysTo(isoDate, 4 - isoWeekday(isoDate));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Sending is tried this many times in all before an email is marked failed. */
export const MAX_SEND_ATTEMPTS = 8;

/** The wait before the next try after `attempts` failed ones: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** A notice not sent within this long (no mail server set, say) is no longer news, and is not sent. */
export const NOTICE_STALE_AFTER_MS = 7 * 24 * 3_600_000;
