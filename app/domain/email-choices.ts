import { EMAIL_KIND_WORDS, WEEKDAYS } from "./emails";
import type { EmailStatus, PersonEmailKind } from "./vocabulary";

// What people choose about emails, and how the screens that show them put it
// in words: Your account's preferences, a plan's due date reminders, the
// admins' Emails page and its filter.

/** A plan's due date reminders: how many days before, within these bounds; null is off. */
export const DUE_REMINDER_DAYS = { min: 1, max: 60, default: 7 } as const;

/** "7 days before", as the plan settings and history say it. */
export function daysBefore(days: number): string {
  return `${days} ${days === 1 ? "day" : "days"} before`;
}

/** The plan settings' line about its reminders now. */
export function describeDueReminders(days: number | null): string {
  return days === null
    ? "Leads are not reminded by email before their actions are due."
    : `Leads are reminded by email ${daysBefore(days)} an action they lead is due.`;
}

/** What a change of email preferences changed, in words ("digest day to Tuesday; turned off A review published"). */
export function describePreferenceChange(changes: {
  digestDay?: { before: number; after: number };
  turnedOff?: PersonEmailKind[];
  turnedOn?: PersonEmailKind[];
}): string {
  const parts: string[] = [];
  if (changes.digestDay) parts.push(`digest day to ${WEEKDAYS[changes.digestDay.after - 1] ?? changes.digestDay.after}`);
  if (changes.turnedOff?.length) parts.push(`turned off ${changes.turnedOff.map((kind) => `“${EMAIL_KIND_WORDS[kind].label}”`).join(", ")}`);
  if (changes.turnedOn?.length) parts.push(`turned on ${changes.turnedOn.map((kind) => `“${EMAIL_KIND_WORDS[kind].label}”`).join(", ")}`);
  return parts.join("; ");
}

/** The Emails page's filter: each choice and the statuses it shows. Emails with nothing to say ("empty") are never shown. */
export const EMAIL_FILTERS = {
  all: { label: "All", statuses: ["queued", "sending", "failed", "cancelled", "sent"] },
  waiting: { label: "Waiting", statuses: ["queued", "sending"] },
  failed: { label: "Failed", statuses: ["failed"] },
  not_sent: { label: "Not sent", statuses: ["cancelled"] },
  sent: { label: "Sent", statuses: ["sent"] },
} as const satisfies Record<string, { label: string; statuses: readonly EmailStatus[] }>;
export type EmailFilter = keyof typeof EMAIL_FILTERS;

/** The most emails the page lists at once, newest first. */
export const EMAILS_LISTED = 200;

/** The filter a URL asks for; anything unknown shows all. */
export function parseEmailFilter(value: string | null): EmailFilter {
  return value && Object.hasOwn(EMAIL_FILTERS, value) ? (value as EmailFilter) : "all";
}

/** "3 waiting, 1 failed, 2 not sent and 40 sent", leaving out what is none; "No emails yet" when all are. */
export function describeEmailCounts(counts: Partial<Record<EmailStatus, number>>): string {
  const parts = [
    [(counts.queued ?? 0) + (counts.sending ?? 0), "waiting"],
    [counts.failed ?? 0, "failed"],
    [counts.cancelled ?? 0, "not sent"],
    [counts.sent ?? 0, "sent"],
  ]
    .filter(([count]) => Number(count) > 0)
    .map(([count, words]) => `${Number(count).toLocaleString("en-GB")} ${String(words)}`);
  if (parts.length === 0) return "No emails yet.";
  return `${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`}.`;
}
