import { formatDueDate } from "../../domain/dates";
import type { GroupSector, PersonEmailKind, Status } from "../../domain/vocabulary";
import { REVIEW_KIND_LABELS, sectorAfterAName, STATUS_LABELS } from "../../domain/words";
import type { ReviewKind } from "../../domain/vocabulary";
import type { QueuedEmail } from "../platform/outbox.server";
import { mailLink, renderEmail, type EmailDocument, type EmailSection } from "./compose.server";

// The prompt notices: a change that someone else must hear of now, rather than
// in their weekly digest. Pure: the write that causes a notice reads who gets
// it and hands the facts here, and returns the emails with its audit event, so
// they are queued in its transaction (platform/write.server.ts). Every notice
// names the partnership and the plan, refers to actions by number and links
// to the page where the person acts on it.

/** The partnership and plan a notice is about. */
export interface NoticePlace {
  partnership: { id: string; slug: string; name: string };
  plan: { id: string; title: string };
}

export interface NoticeAction {
  id: string;
  /** "1.5" */
  reference: string;
  title: string;
}

/** Who did it, as the history names them: name and sector. */
export interface NoticeActor {
  name: string;
  sector: GroupSector;
}

export interface NoticeReview {
  id: string;
  kind: ReviewKind;
  title: string;
}

/** To everyone who may confirm a completion just proposed. */
export function completionProposedEmails(place: NoticePlace, action: NoticeAction, proposer: NoticeActor, confirmerUserIds: readonly string[]): QueuedEmail[] {
  const title = `Confirm ${action.reference} is done?`;
  const document: EmailDocument = {
    title,
    intro: [
      `${namedWithSector(proposer)} moved ${action.reference} to Done in ${place.partnership.name}. A completion counts once someone else confirms it, and you are one of the people who can.`,
    ],
    sections: [planSection(place, [actionItem(place, action)])],
    outro: ["Open the action to confirm it is done, or to return it with a reason if it is not."],
  };
  return confirmerUserIds.map((userId) => notice(userId, "completion_proposed", place, `${title} — ${place.partnership.name}`, document));
}

/** To the person who proposed a completion, when it is returned with a reason. */
export function completionReturnedEmail(
  place: NoticePlace,
  action: NoticeAction,
  returnedBy: NoticeActor,
  details: { proposerUserId: string; reason: string; backTo: Exclude<Status, "done"> },
): QueuedEmail {
  const title = `${action.reference} is not confirmed as done`;
  const document: EmailDocument = {
    title,
    intro: [
      `${namedWithSector(returnedBy)} returned the completion you proposed for ${action.reference} in ${place.partnership.name}. The action is back in ${STATUS_LABELS[details.backTo]}.`,
    ],
    sections: [
      // What someone typed, as typed: renderEmail escapes it for the HTML part.
      { heading: "Their reason", paragraphs: paragraphsOf(details.reason) },
      planSection(place, [actionItem(place, action)]),
    ],
    outro: ["The reason is also on the action as a progress note. Move it to Done again when it is."],
  };
  return notice(details.proposerUserId, "completion_returned", place, `${title} — ${place.partnership.name}`, document);
}

/** To everyone who may read a review just published, with its summary. */
export function reviewPublishedEmails(
  place: NoticePlace,
  review: NoticeReview & { summary: string },
  publishedBy: NoticeActor,
  readerUserIds: readonly string[],
): QueuedEmail[] {
  const title = `${review.title} published`;
  const document: EmailDocument = {
    title,
    intro: [
      `${namedWithSector(publishedBy)} published “${review.title}” (${REVIEW_KIND_LABELS[review.kind].toLowerCase()}) of ${place.plan.title}, in ${place.partnership.name}.`,
    ],
    sections: [
      { heading: "Summary", paragraphs: paragraphsOf(review.summary) },
      planSection(place, [{ text: `Read ${review.title}`, href: mailLink(reviewPath(place, review.id)) }]),
    ],
    outro: ["The review shows its findings, its recommendations and what has changed on the plan since."],
  };
  return readerUserIds.map((userId) => notice(userId, "review_published", place, `${title} — ${place.partnership.name}`, document));
}

/** To each facilitator newly assigned to a review. */
export function reviewAssignedEmails(
  place: NoticePlace,
  review: NoticeReview & { dueOn: string; opened: boolean },
  assignedBy: NoticeActor,
  facilitatorUserIds: readonly string[],
): QueuedEmail[] {
  const due = formatDueDate(review.dueOn);
  const title = `You are a facilitator of ${review.title}`;
  const document: EmailDocument = {
    title,
    intro: [
      `${namedWithSector(assignedBy)} assigned you to “${review.title}” (${REVIEW_KIND_LABELS[review.kind].toLowerCase()}) of ${place.plan.title}, in ${place.partnership.name}. It is due ${due}.`,
    ],
    sections: [planSection(place, [{ text: review.title, href: mailLink(reviewPath(place, review.id)), detail: `due ${due}` }])],
    outro: [
      review.opened
        ? "The review is open: the plan as it stood when it was opened is there for you to assess."
        : "Open the review when you are ready to start: that freezes the plan as it stands, for you to assess.",
    ],
  };
  return facilitatorUserIds.map((userId) => notice(userId, "review_assigned", place, `${title}, due ${due} — ${place.partnership.name}`, document));
}

function notice(userId: string, kind: PersonEmailKind, place: NoticePlace, subject: string, document: EmailDocument): QueuedEmail {
  return { userId, kind, partnershipId: place.partnership.id, subject, ...renderEmail(document) };
}

/** "Sam Patel (voluntary and community sector)" */
function namedWithSector(person: NoticeActor): string {
  return `${person.name} (${sectorAfterAName(person.sector)})`;
}

function planSection(place: NoticePlace, items: EmailSection["items"]): EmailSection {
  return { heading: `${place.plan.title}, ${place.partnership.name}`, items };
}

function actionItem(place: NoticePlace, action: NoticeAction) {
  return { text: `${action.reference} ${action.title}`, href: mailLink(`/p/${place.partnership.slug}/plans/${place.plan.id}/actions/${action.id}`) };
}

function reviewPath(place: NoticePlace, reviewId: string): string {
  return `/p/${place.partnership.slug}/plans/${place.plan.id}/reviews/${reviewId}`;
}

/** Typed text split where its writer left a blank line; each piece otherwise as typed. */
function paragraphsOf(text: string): string[] {
  return text
    .trim()
    .split(/(?:\r?\n[ \t]*){2,}/)
    .filter((paragraph) => paragraph.trim() !== "");
}
