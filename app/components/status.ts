import type { Sector, Status } from "~/domain/vocabulary";

export const STATUS_LABELS: Record<Status, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  at_risk: "At risk",
  done: "Done",
};

/** Who must confirm a completion proposed by someone of `proposerSector`. */
export function confirmingSector(proposerSector: Sector, singleSectorSignoff: boolean): string {
  if (singleSectorSignoff) return "another person";
  if (proposerSector === "voluntary_community") return "the public sector";
  if (proposerSector === "public") return "the voluntary and community sector";
  return "another sector";
}
