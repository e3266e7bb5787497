import { addDaysTo, formatDueDate, ukToday } from "./dates";
import { isOverdue } from "./deadlines";
import type { EmailDocument, EmailItem, EmailSection } from "./email-document";
import { DIGEST_DAYS_AHEAD } from "./emails";
import { CHANGE_KINDS, CHANGE_KIND_LABELS, type ChangeKind } from "./plan-status";
import { isReviewOverdue } from "./reviews";
import type { ReviewKind, ReviewStatus, Status } from "./vocabulary";
import { REVIEW_KIND_LABELS } from "./words";

// The weekly digest and the due-date reminder, from facts the server reads:
// what a person would read, decided here, so tests hold the words to known
// data. Every list is capped, and the whole email too, so a person who leads
// hundreds of actions gets one short email that sends them to the board.

/** Items a list shows before "and N more on the board". */
export const DIGEST_LIST_CAP = 10;
/** Items the whole digest lists at most, however many plans: keeps it well under 100 kB. */
export const DIGEST_ITEM_BUDGET = 60;
/** Progress notes quoted per stewarded plan. */
export const DIGEST_NOTES_QUOTED = 3;
/** Characters of a note quoted before "…". */
const NOTE_EXCERPT_CHARS = 160;
/** How far back "what changed" looks for a person who has had no digest yet. */
export const FIRST_DIGEST_LOOKS_BACK_DAYS = 7;

export interface DigestAction {
  id: string;
  /** "1.5" */
  reference: string;
  title: string;
  status: Status;
  dueOn: string | null;
}

export interface AwaitingConfirmation extends DigestAction {
  proposerName: string | null;
}

export interface DigestNote {
  actionId: string;
  reference: string;
  author: string;
  body: string;
  createdAt: Date;
}

export interface DigestReview {
  id: string;
  kind: ReviewKind;
  title: string;
  status: ReviewStatus;
  dueOn: string;
  publishedAt: Date | null;
  /** Where the review opens for this person (its own page, or the plan's reviews). */
  path: string;
}

export interface DigestPlan {
  id: string;
  title: string;
  /** Actions the person leads (in person or through a group) that have a due date. */
  led: DigestAction[];
  /** Completions awaiting confirmation that this person may confirm, by the policy's rule. */
  awaitingConfirmation: AwaitingConfirmation[];
  /** For a steward: the plan's updates since the last digest, counted by kind, and the latest notes; null for anyone else. */
  changes: { counts: Record<ChangeKind, number>; notes: DigestNote[] } | null;
  /** Unpublished reviews the person's calendar holds (they facilitate, steward or lead in the plan). */
  openReviews: DigestReview[];
  /** Reviews published since the last digest. */
  publishedReviews: DigestReview[];
}

export interface DigestPartnership {
  slug: string;
  name: string;
  plans: DigestPlan[];
}

export interface DigestFacts {
  personName: string;
  /** The moment the digest is built for. */
  now: Date;
  /** The previous digest's time, or FIRST_DIGEST_LOOKS_BACK_DAYS before now. */
  since: Date;
  partnerships: DigestPartnership[];
}

export interface BuiltEmail {
  subject: string;
  document: EmailDocument;
}

/** "what changed" starts at the previous digest, else a week back. */
export function digestSince(previousDigestAt: Date | null, now: Date): Date {
  return previousDigestAt ?? new Date(now.getTime() - FIRST_DIGEST_LOOKS_BACK_DAYS * 86_400_000);
}

export const actionPath = (slug: string, planId: string, actionId: string) => `/p/${slug}/plans/${planId}/actions/${actionId}`;
const boardPath = (slug: string, planId: string, query: string) => `/p/${slug}/plans/${planId}?${query}`;

/** A plan's lists as the digest reads them: the same figures the board flags (overdue by isOverdue, due soon within 14 days). */
export function digestListsOf(plan: DigestPlan, today: string) {
  const horizon = addDaysTo(today, DIGEST_DAYS_AHEAD);
  const byDue = (a: DigestAction, b: DigestAction) => (a.dueOn ?? "").localeCompare(b.dueOn ?? "") || byReference(a, b);
  return {
    overdue: plan.led.filter((action) => isOverdue(action, today)).sort(byDue),
    dueSoon: plan.led.filter((action) => action.status !== "done" && action.dueOn !== null && action.dueOn >= today && action.dueOn <= horizon).sort(byDue),
    awaitingConfirmation: [...plan.awaitingConfirmation].sort(byReference),
    reviewsDue: plan.openReviews.filter((review) => review.status !== "published" && review.dueOn <= horizon).sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    reviewsPublished: [...plan.publishedReviews].sort((a, b) => (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0)),
    changeCount: plan.changes ? CHANGE_KINDS.reduce((sum, kind) => sum + plan.changes!.counts[kind], 0) : 0,
  };
}

function byReference(a: { reference: string }, b: { reference: string }): number {
  return a.reference.localeCompare(b.reference, "en-GB", { numeric: true });
}

/** "1 action", "3 actions". */
export function countOf(count: number, one: string, many: string = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The digest as the person would read it, and whether it has anything to say
 * (an empty one is recorded, never sent). `link` turns a site path into the
 * address the email carries.
 */
export function digestEmail(facts: DigestFacts, link: (path: string) => string): BuiltEmail & { empty: boolean } {
  const today = ukToday(facts.now);
  const sinceDay = formatDueDate(ukToday(facts.since));
  let budget = DIGEST_ITEM_BUDGET;
  const actionIds = new Set<string>();
  let reviewsDue = 0;
  let reviewsDueOverdue = 0;
  let reviewsPublished = 0;
  let changedPlans = 0;
  const partnershipsWithNews: string[] = [];

  /** A list capped by DIGEST_LIST_CAP and by what is left of the email's budget, with "and N more" pointing at the board. */
  const capped = (heading: string, items: EmailItem[], morePath: string): EmailSection => {
    const shown = items.slice(0, Math.max(0, Math.min(DIGEST_LIST_CAP, budget)));
    budget -= shown.length;
    const rest = items.length - shown.length;
    return {
      heading: `${heading} (${items.length})`,
      items: shown,
      more: rest > 0 ? { text: `and ${rest} more on the board:`, href: link(morePath) } : undefined,
    };
  };

  const sections: EmailSection[] = [];
  for (const partnership of facts.partnerships) {
    const planSections: EmailSection[] = [];
    for (const plan of partnership.plans) {
      const lists = digestListsOf(plan, today);
      const actionItem = (action: DigestAction, detail: string): EmailItem => ({
        text: `${action.reference} ${action.title}`,
        href: link(actionPath(partnership.slug, plan.id, action.id)),
        detail,
      });
      const parts: EmailSection[] = [];
      if (lists.overdue.length > 0) {
        parts.push(
          capped(
            "Overdue",
            lists.overdue.map((action) => actionItem(action, `was due ${formatDueDate(action.dueOn!)}`)),
            boardPath(partnership.slug, plan.id, "mine=1&due=overdue"),
          ),
        );
      }
      if (lists.dueSoon.length > 0) {
        parts.push(
          capped(
            `Due in the next ${DIGEST_DAYS_AHEAD} days`,
            lists.dueSoon.map((action) => actionItem(action, `due ${formatDueDate(action.dueOn!)}`)),
            boardPath(partnership.slug, plan.id, "mine=1&due=soon"),
          ),
        );
      }
      if (lists.awaitingConfirmation.length > 0) {
        parts.push(
          capped(
            "Awaiting your confirmation",
            lists.awaitingConfirmation.map((action) => actionItem(action, action.proposerName ? `marked done by ${action.proposerName}` : "marked done")),
            boardPath(partnership.slug, plan.id, "status=done"),
          ),
        );
      }
      for (const action of [...lists.overdue, ...lists.dueSoon, ...lists.awaitingConfirmation]) actionIds.add(action.id);
      if (lists.reviewsDue.length > 0) {
        reviewsDue += lists.reviewsDue.length;
        reviewsDueOverdue += lists.reviewsDue.filter((review) => isReviewOverdue(review, today)).length;
        parts.push({
          heading: "Reviews due",
          items: lists.reviewsDue.map((review) => ({
            text: review.title || REVIEW_KIND_LABELS[review.kind],
            href: link(review.path),
            detail: isReviewOverdue(review, today) ? `overdue: was due ${formatDueDate(review.dueOn)}` : `due ${formatDueDate(review.dueOn)}`,
          })),
        });
      }
      if (lists.reviewsPublished.length > 0) {
        reviewsPublished += lists.reviewsPublished.length;
        parts.push({
          heading: "Reviews published",
          items: lists.reviewsPublished.map((review) => ({
            text: review.title || REVIEW_KIND_LABELS[review.kind],
            href: link(review.path),
            detail: review.publishedAt ? `published ${formatDueDate(ukToday(review.publishedAt))}` : undefined,
          })),
        });
      }
      if (plan.changes && lists.changeCount > 0) {
        changedPlans += 1;
        const counted = CHANGE_KINDS.filter((kind) => plan.changes!.counts[kind] > 0).map(
          (kind) => `${CHANGE_KIND_LABELS[kind]}: ${plan.changes!.counts[kind]}.`,
        );
        parts.push({
          heading: `What changed since ${sinceDay}`,
          paragraphs: [`${countOf(lists.changeCount, "update")} to the plan. ${counted.join(" ")}`],
          items: plan.changes.notes.slice(0, DIGEST_NOTES_QUOTED).map((note) => ({
            text: `${note.reference} ${note.author}: “${excerpt(note.body)}”`,
            href: link(actionPath(partnership.slug, plan.id, note.actionId)),
            detail: formatDueDate(ukToday(note.createdAt)),
          })),
        });
      }
      if (parts.length > 0) planSections.push({ heading: plan.title, sections: parts });
    }
    if (planSections.length > 0) {
      partnershipsWithNews.push(partnership.name);
      sections.push({ heading: partnership.name, sections: planSections });
    }
  }

  const what =
    actionIds.size > 0
      ? `${countOf(actionIds.size, "action")} ${actionIds.size === 1 ? "needs" : "need"} you this week`
      : reviewsDue > 0
        ? `${countOf(reviewsDue, "review")} ${reviewsDue === 1 ? "is" : "are"} ${reviewsDueOverdue === reviewsDue ? "overdue" : reviewsDueOverdue === 0 ? "due soon" : "due soon or overdue"}`
        : changedPlans > 0
          ? `What changed on your ${changedPlans === 1 ? "plan" : "plans"} this week`
          : reviewsPublished > 0
            ? `${reviewsPublished === 1 ? "A review was" : `${reviewsPublished} reviews were`} published this week`
            : "Nothing needs you this week";
  const where =
    partnershipsWithNews.length === 1 ? partnershipsWithNews[0]! : partnershipsWithNews.length > 1 ? `${partnershipsWithNews.length} partnerships` : null;
  return {
    subject: where ? `${what} — ${where}` : what,
    empty: sections.length === 0,
    document: {
      title: what,
      intro: [`Hello ${facts.personName}. This is your weekly digest from Partnership Board for ${formatDueDate(today)}.`],
      sections,
      outro:
        sections.length === 0
          ? [
              `None of your actions is overdue or due in the next ${DIGEST_DAYS_AHEAD} days, none awaits your confirmation, no review of yours is due or was published, and nothing changed on plans you steward since ${sinceDay}. A week like this sends no email.`,
            ]
          : actionIds.size > 0
            ? ["Open an action to update it, add a progress note or confirm its completion."]
            : [],
    },
  };
}

/** A note's first words on one line: whatever it holds (line breaks, markup) is only ever text. */
export function excerpt(body: string, length = NOTE_EXCERPT_CHARS): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length <= length ? line : `${line.slice(0, length - 1).trimEnd()}…`;
}

export interface DueReminderFacts {
  personName: string;
  partnershipName: string;
  planTitle: string;
  reference: string;
  title: string;
  dueOn: string;
  /** The plan's setting: how many days before a due date its leads are reminded. */
  reminderDays: number;
  /** Where the action opens. */
  path: string;
}

/** Whether `today` (a UK date) falls in an action's reminder window, [dueOn − days, dueOn). */
export function inReminderWindow(dueOn: string, reminderDays: number, today: string): boolean {
  return today >= addDaysTo(dueOn, -reminderDays) && today < dueOn;
}

/** Whole days from one UK date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "1.5 is due in 3 days — Portsmouth: Action Plan 2010" and its body. */
export function dueReminderEmail(facts: DueReminderFacts, today: string, link: (path: string) => string): BuiltEmail {
  const days = daysBetween(today, facts.dueOn);
  const when = days <= 1 ? "tomorrow" : `in ${days} days`;
  const title = `${facts.reference} is due ${when}`;
  return {
    subject: `${title} — ${facts.partnershipName}: ${facts.planTitle}`,
    document: {
      title,
      intro: [`Hello ${facts.personName}. An action you lead is due on ${formatDueDate(facts.dueOn)}.`],
      sections: [
        {
          heading: facts.partnershipName,
          sections: [
            {
              heading: facts.planTitle,
              items: [{ text: `${facts.reference} ${facts.title}`, href: link(facts.path), detail: `due ${formatDueDate(facts.dueOn)}` }],
            },
          ],
        },
      ],
      outro: [
        `The plan's stewards chose to remind leads ${countOf(facts.reminderDays, "day")} before a due date. Open the action to update its status, add a progress note or mark it done.`,
      ],
    },
  };
}
