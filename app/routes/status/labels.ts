import type { LeadershipSector } from "~/domain/plan-status";
import { SECTOR_LABELS } from "~/domain/words";

export const LEADERSHIP_SECTOR_LABELS: Record<LeadershipSector, string> = {
  public: SECTOR_LABELS.public,
  voluntary_community: SECTOR_LABELS.voluntary_community,
  independent: SECTOR_LABELS.independent,
  outside: "Outside bodies",
  unassigned: "No lead named",
};

/** "42%" from 0.42. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
