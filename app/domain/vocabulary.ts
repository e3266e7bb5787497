// The words the whole product shares: sectors, roles, statuses. The database
// holds the same values under its own check constraints (db/schema.ts);
// vocabulary.test.ts keeps the two equal.

export const SECTORS = ["public", "voluntary_community", "independent"] as const;
export type Sector = (typeof SECTORS)[number];
/** Groups may also be cross-sector; people act in one sector. */
export const GROUP_SECTORS = [...SECTORS, "cross_sector"] as const;
export type GroupSector = (typeof GROUP_SECTORS)[number];
export const ROLES = ["admin", "member", "facilitator", "observer"] as const;
export type Role = (typeof ROLES)[number];
/** The board's columns, in order. */
export const STATUSES = ["not_started", "in_progress", "at_risk", "done"] as const;
export type Status = (typeof STATUSES)[number];
export const GROUP_ROLES = ["member", "chair"] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export const REVIEW_KINDS = ["six_month", "annual", "other"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
/** A review is scheduled (draft), opened (its snapshot taken, being written), then published. */
export const REVIEW_STATUSES = ["draft", "open", "published"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** A facilitator's judgement of one action at a review. */
export const ASSESSMENTS = ["achieved", "on_track", "some_progress", "no_progress", "no_longer_relevant"] as const;
export type Assessment = (typeof ASSESSMENTS)[number];
/** A facilitator's judgement of how far the plan addressed one obstacle category. */
export const FINDING_RATINGS = ["addressed", "partly_addressed", "not_addressed"] as const;
export type FindingRating = (typeof FINDING_RATINGS)[number];
/** The stewards' answer to a recommendation. */
export const RECOMMENDATION_RESPONSES = ["accepted", "accepted_in_part", "not_accepted"] as const;
export type RecommendationResponse = (typeof RECOMMENDATION_RESPONSES)[number];

/** What an outcome indicator counts in. */
export const INDICATOR_UNITS = ["percent", "number", "money"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
/** Which way an indicator gets better. */
export const BETTER_DIRECTIONS = ["higher", "lower"] as const;
export type BetterDirection = (typeof BETTER_DIRECTIONS)[number];
/** A partner survey's question: a 1–5 scale or yes/no. */
export const SURVEY_QUESTION_KINDS = ["scale", "yes_no"] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

/**
 * The kinds of email the board sends to a person with an account; each may be
 * turned off by the person it goes to. Their order numbers the unsubscribe
 * links already sent (app/server/mail/unsubscribe.server.ts): add at the end.
 */
export const PERSON_EMAIL_KINDS = ["digest", "completion_proposed", "completion_returned", "review_published", "review_assigned", "due_reminder"] as const;
export type PersonEmailKind = (typeof PERSON_EMAIL_KINDS)[number];
/** Kinds sent to an address with no account (an organisation invited to a survey): nothing to turn off, no preferences. */
export const ADDRESS_EMAIL_KINDS = ["survey_invitation"] as const;
export type AddressEmailKind = (typeof ADDRESS_EMAIL_KINDS)[number];
/** Every kind the outbox holds. */
export const EMAIL_KINDS = [...PERSON_EMAIL_KINDS, ...ADDRESS_EMAIL_KINDS] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export function isPersonEmailKind(kind: EmailKind): kind is PersonEmailKind {
  return (PERSON_EMAIL_KINDS as readonly string[]).includes(kind);
}
/** An email in the outbox: "empty" is a digest's week with nothing to say, kept so the week counts as done. */
export const EMAIL_STATUSES = ["queued", "sending", "sent", "failed", "cancelled", "empty"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
