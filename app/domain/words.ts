import type { IndicatorState } from "./indicators";
import type { Rag } from "./rag";
import type { ScaleValue, SurveyState } from "./surveys";
import type {
  Assessment,
  BetterDirection,
  FindingRating,
  GroupSector,
  IndicatorUnit,
  RecommendationResponse,
  ReviewKind,
  ReviewStatus,
  Role,
  Sector,
  Status,
  SurveyQuestionKind,
} from "./vocabulary";

// Every word a person reads for a status, sector, role, rating or review
// judgement, once. Each map is a Record over its vocabulary, so a new value
// without words does not compile. Pages, papers, CSVs, feeds and the history
// all read from here.

// ── Statuses ─────────────────────────────────────────────────────────────

export const STATUS_LABELS: Record<Status, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  at_risk: "At risk",
  done: "Done",
};

/** "Done, awaiting confirmation": a status with where its completion stands. */
export function statusWords(status: Status, confirmedDone: boolean): string {
  if (status !== "done") return STATUS_LABELS[status];
  return `${STATUS_LABELS.done}, ${confirmedDone ? "confirmed" : "awaiting confirmation"}`;
}

/** "42%" from 0.42. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

// ── Sectors and roles ────────────────────────────────────────────────────

export const SECTOR_LABELS: Record<GroupSector, string> = {
  public: "Public sector",
  voluntary_community: "Voluntary and community sector",
  independent: "Independent",
  cross_sector: "Cross-sector",
};

/** Where space is short (a tag beside a name); the full label goes to screen readers. */
export const SECTOR_SHORT_LABELS: Record<GroupSector, string> = {
  public: "Public",
  voluntary_community: "VCS",
  independent: "Independent",
  cross_sector: "Cross-sector",
};

/** After a person's name, in brackets: "Sam Patel (voluntary and community sector)". */
export function sectorAfterAName(sector: GroupSector): string {
  return SECTOR_LABELS[sector].toLowerCase();
}

/** Inside a sentence: "a completion the public sector proposes". */
export const SECTOR_IN_A_SENTENCE: Record<Sector, string> = {
  public: "the public sector",
  voluntary_community: "the voluntary and community sector",
  independent: "the independent sector",
};

/** Who must confirm a completion proposed by someone of `proposerSector`. */
export function confirmingSector(proposerSector: Sector, singleSectorSignoff: boolean): string {
  if (singleSectorSignoff) return "another person";
  if (proposerSector === "voluntary_community") return SECTOR_IN_A_SENTENCE.public;
  if (proposerSector === "public") return SECTOR_IN_A_SENTENCE.voluntary_community;
  return "another sector";
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Partnership admin",
  member: "Member",
  facilitator: "Facilitator",
  observer: "Observer",
};

// ── Ratings ──────────────────────────────────────────────────────────────

export const RAG_LABELS: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green", grey: "Grey" };

// ── Reviews ──────────────────────────────────────────────────────────────

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { six_month: "Six-month review", annual: "Annual review", other: "Review" };
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { draft: "Scheduled", open: "In progress", published: "Published" };
export const ASSESSMENT_LABELS: Record<Assessment, string> = {
  achieved: "Achieved",
  on_track: "On track",
  some_progress: "Some progress",
  no_progress: "No progress",
  no_longer_relevant: "No longer relevant",
};
export const FINDING_LABELS: Record<FindingRating, string> = { addressed: "Addressed", partly_addressed: "Partly addressed", not_addressed: "Not addressed" };
export const RESPONSE_LABELS: Record<RecommendationResponse, string> = {
  accepted: "Accepted",
  accepted_in_part: "Accepted in part",
  not_accepted: "Not accepted",
};

// ── Outcomes ─────────────────────────────────────────────────────────────

export const INDICATOR_STATE_LABELS: Record<IndicatorState, string> = {
  ahead: "Ahead",
  on_track: "On track",
  behind: "Behind",
  no_recent_reading: "No recent reading",
};
export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, string> = { percent: "Percent (%)", number: "Number", money: "Money (£)" };
export const BETTER_DIRECTION_LABELS: Record<BetterDirection, string> = { higher: "Higher is better", lower: "Lower is better" };
export const SURVEY_QUESTION_KIND_LABELS: Record<SurveyQuestionKind, string> = { scale: "A scale from 1 (very poor) to 5 (very good)", yes_no: "Yes or no" };
export const SURVEY_STATE_LABELS: Record<SurveyState, string> = {
  draft: "Draft",
  proposed: "Proposed, awaiting agreement",
  open: "Open for answers",
  closed: "Closed",
};
/** Each point of a survey's scale, as the answer page and the results name it. */
export const SURVEY_SCALE_LABELS: Record<ScaleValue, string> = { 1: "Very poor", 2: "Poor", 3: "Neither good nor poor", 4: "Good", 5: "Very good" };
export const SURVEY_YES_NO_LABELS = { yes: "Yes", no: "No" } as const;

// ── Password resets ──────────────────────────────────────────────────────

/**
 * On People, in place of "Reset link" beside someone the admin's link cannot
 * reach (policy's mayIssueResetLink): why not, and who can reset it instead.
 */
export function resetLinkNotOffered(byEmail: boolean): string {
  const instead = byEmail
    ? "they can reset their own password with “Forgot your password?” on the sign-in page"
    : "an admin of every partnership they belong to can make one, or the site's operator";
  return `Also in a partnership you are not an admin of, so no reset link from here: ${instead}.`;
}
