import type { GroupSector, Role } from "~/domain/vocabulary";

export const SECTOR_LABELS: Record<GroupSector, string> = {
  public: "Public sector",
  voluntary_community: "Voluntary and community sector",
  independent: "Independent",
  cross_sector: "Cross-sector",
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Partnership admin",
  member: "Member",
  facilitator: "Facilitator",
  observer: "Observer",
};

/** Sector as words with its colour beside them: never colour alone. */
export function SectorTag({ sector, short = false }: { sector: GroupSector; short?: boolean }) {
  const label = SECTOR_LABELS[sector];
  return (
    <span className={`sector-tag sector-tag--${sector}`}>
      {short ? shortSector(sector) : label}
      {short ? <span className="visually-hidden">{` (${label})`}</span> : null}
    </span>
  );
}

function shortSector(sector: GroupSector): string {
  return { public: "Public", voluntary_community: "VCS", independent: "Independent", cross_sector: "Cross-sector" }[sector];
}
