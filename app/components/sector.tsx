import type { GroupSector } from "~/domain/vocabulary";
import { SECTOR_LABELS, SECTOR_SHORT_LABELS } from "~/domain/words";

/** Sector as words with its colour beside them: never colour alone. */
export function SectorTag({ sector, short = false }: { sector: GroupSector; short?: boolean }) {
  const label = SECTOR_LABELS[sector];
  return (
    <span className={`sector-tag sector-tag--${sector}`}>
      {short ? SECTOR_SHORT_LABELS[sector] : label}
      {short ? <span className="visually-hidden">{` (${label})`}</span> : null}
    </span>
  );
}
