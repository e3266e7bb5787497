import type { Sector, Status } from "~/domain/vocabulary";

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

/** Who must confirm a completion proposed by someone of `proposerSector`. */
export function confirmingSector(proposerSector: Sector, singleSectorSignoff: boolean): string {
  if (singleSectorSignoff) return "another person";
  if (proposerSector === "voluntary_community") return "the public sector";
  if (proposerSector === "public") return "the voluntary and community sector";
  return "another sector";
}
