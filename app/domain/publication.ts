import { formatDueDate, ukToday } from "./dates";
import type { Sector } from "./vocabulary";
import { confirmingSector, sectorAfterAName } from "./words";

// A plan on the open web, by consent of both sectors: someone proposes, someone
// of the other sector (or, under single-sector sign-off, another person)
// agrees, and either may withdraw it alone. The plan row holds where that
// stands now (db/migrations/0013_plan_publication.ts); this says it in words.

export type PublicationState = "not_proposed" | "proposed" | "published";

/** The plan's columns that say where publication stands. */
export interface PublicationColumns {
  publicationProposedBy: string | null;
  publicationProposedSector: Sector | null;
  publicationProposedAt: Date | string | null;
  publicationAgreedBy: string | null;
  publicationAgreedSector: Sector | null;
  publishedAt: Date | string | null;
}

export function publicationStateOf(columns: PublicationColumns): PublicationState {
  if (columns.publishedAt) return "published";
  return columns.publicationProposedBy ? "proposed" : "not_proposed";
}

/** One person's step: who, in which sector, when. */
export interface PublicationStep {
  name: string;
  sector: Sector;
  at: Date | string;
}

/** Where a plan's publication stands, with the people in it, as Settings shows it. */
export interface Publication {
  state: PublicationState;
  proposed: PublicationStep | null;
  /** Set once published: who agreed, and when the plan went public. */
  agreed: PublicationStep | null;
}

/** "5 December 2026", in UK time. */
function onDay(moment: Date | string): string {
  return formatDueDate(ukToday(new Date(moment)));
}

function byPerson(step: PublicationStep): string {
  return `${step.name} (${sectorAfterAName(step.sector)})`;
}

/**
 * Where it stands, in a sentence: "Proposed by Priya Shah (public sector) on
 * 5 December 2026; waiting for the voluntary and community sector to agree."
 */
export function describePublication(publication: Publication, singleSectorSignoff: boolean): string {
  const { proposed, agreed } = publication;
  if (publication.state === "published" && proposed && agreed) {
    return `Published on ${onDay(agreed.at)}: proposed by ${byPerson(proposed)}, agreed by ${byPerson(agreed)}.`;
  }
  if (publication.state === "proposed" && proposed) {
    return `Proposed by ${byPerson(proposed)} on ${onDay(proposed.at)}; waiting for ${confirmingSector(proposed.sector, singleSectorSignoff)} to agree.`;
  }
  return "Not published. An admin or steward of this plan may propose publishing it; someone of the other sector must agree before anyone else can read it.";
}

/** Who may agree to a proposal made by someone of `proposerSector`, for a person who may not. */
export function whoMustAgree(proposerSector: Sector, singleSectorSignoff: boolean): string {
  if (singleSectorSignoff) return "Another admin or steward of this plan, not the person who proposed it, must agree.";
  const sector = confirmingSector(proposerSector, false);
  const someone = sector === "another sector" ? "Someone of another sector" : `Someone of ${sector}`;
  return `${someone} who is an admin or steward of this plan must agree.`;
}

/** What a plan's public page shows, and what it never shows, for the people deciding to publish it. */
export const PUBLIC_PAGE_SHOWS =
  "The public page shows the plan's objectives; each action's number, title, rating, status, due date and timescale; the organisations and groups " +
  "leading it, with their sector; the names of people leading actions only where they said yes under Your account; and published reviews, with the " +
  "responses to their recommendations.";
export const PUBLIC_PAGE_NEVER_SHOWS = "It never shows progress notes, drafts of reviews, the plan's history or anyone's email address.";
