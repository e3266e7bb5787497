import type { GroupSector, Sector } from "./vocabulary";
import { SECTOR_IN_A_SENTENCE, SECTOR_LABELS } from "./words";

// What a published plan's public page may say about the people and bodies
// that lead its actions, and where those pages live. A person is a name only
// where they said yes under Your account; otherwise the page names their
// sector and no more.

/** Every public page lives under this address; none reads or sets a session cookie. */
export const PUBLIC_PATH = "/public";

export function publicPartnershipPath(slug: string): string {
  return `${PUBLIC_PATH}/${encodeURIComponent(slug)}`;
}

export function publicPlanPath(slug: string, planId: string): string {
  return `${publicPartnershipPath(slug)}/${planId}`;
}

export function publicFeedPath(slug: string, planId: string): string {
  return `${publicPlanPath(slug, planId)}/feed.atom`;
}

/** True for a path served as a public page (or its feed). */
export function isPublicPath(pathname: string): boolean {
  return pathname === PUBLIC_PATH || pathname.startsWith(`${PUBLIC_PATH}/`);
}

/** A lead as the public reads it. */
export type PublicLead =
  | { kind: "person"; name: string | null; sector: Sector | null }
  | { kind: "group"; name: string; sector: GroupSector | null }
  | { kind: "outside"; name: string };

/** "Sam Patel (Voluntary and community sector)", "a voluntary and community sector lead", "Compact Working Group (Cross-sector)". */
export function publicLeadWords(lead: PublicLead): string {
  if (lead.kind === "outside") return lead.name;
  if (lead.kind === "person" && lead.name === null) return lead.sector ? `a ${SECTOR_IN_A_SENTENCE[lead.sector].replace(/^the /, "")} lead` : "a lead";
  const name = lead.name ?? "a lead";
  // A group named for its sector ("Voluntary and community sector") needs no sector after it.
  if (!lead.sector || name.toLowerCase() === SECTOR_LABELS[lead.sector].toLowerCase()) return name;
  return `${name} (${SECTOR_LABELS[lead.sector]})`;
}
