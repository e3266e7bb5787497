import type { LeadershipSector } from "~/domain/plan-status";
import type { GroupSector } from "~/domain/vocabulary";
import { SECTOR_LABELS, sectorAfterAName } from "~/domain/words";

export const LEADERSHIP_SECTOR_LABELS: Record<LeadershipSector, string> = {
  public: SECTOR_LABELS.public,
  voluntary_community: SECTOR_LABELS.voluntary_community,
  independent: SECTOR_LABELS.independent,
  outside: "Outside bodies",
  unassigned: "No lead named",
};

/**
 * Who leads an action, each lead's sector in words (paper has no colour to
 * lean on): "Led by Mandy Lindley (public sector) and JSNA team (outside body)."
 */
export function leadsInWords(leads: { name: string; sector: GroupSector | null; outside: boolean }[]): string {
  if (leads.length === 0) return "No lead named.";
  const named = leads.map((lead) =>
    lead.sector ? `${lead.name} (${sectorAfterAName(lead.sector)})` : lead.outside ? `${lead.name} (outside body)` : lead.name,
  );
  return `Led by ${new Intl.ListFormat("en-GB", { type: "conjunction" }).format(named)}.`;
}
