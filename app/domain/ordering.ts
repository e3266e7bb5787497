import { generateKeyBetween } from "fractional-indexing";
import type { Status } from "./vocabulary";

/**
 * Where a card (or a lane, among lanes) goes: the top, the bottom, or next to
 * the card or lane `anchorId` names. Cards are ordered by string keys
 * (fractional-indexing, compared byte by byte like Postgres's COLLATE "C"), so
 * a move writes one new key between its neighbours and touches no other card.
 */
export type Placement = { at: "top" } | { at: "bottom" } | { at: "before"; anchorId: string } | { at: "after"; anchorId: string };

/** A placement as forms send it: "top", "bottom", "before:<id>" or "after:<id>". */
export const PLACEMENT_PATTERN = /^(top|bottom|(before|after):[0-9a-f-]{36})$/;

export function encodePlacement(placement: Placement): string {
  return placement.at === "top" || placement.at === "bottom" ? placement.at : `${placement.at}:${placement.anchorId}`;
}

/** Reads what encodePlacement wrote; check it against PLACEMENT_PATTERN first where it comes from outside. */
export function decodePlacement(value: string): Placement {
  if (value === "top" || value === "bottom") return { at: value };
  const [at, anchorId = ""] = value.split(":");
  return { at: at === "before" ? "before" : "after", anchorId };
}

export interface Ordered {
  id: string;
  orderKey: string;
}

/** A card as ordering sees it: where it is, and its key there. */
export interface Placeable extends Ordered {
  objectiveId: string;
  status: Status;
}

/** The cards of one column, in order. */
export function columnCards<Card extends Placeable>(cards: readonly Card[], objectiveId: string, status: Status): Card[] {
  return cards.filter((card) => card.objectiveId === objectiveId && card.status === status).sort((a, b) => compareKeys(a.orderKey, b.orderKey));
}

/**
 * A key that puts the card at `placement` in `column` (sorted, without the
 * card itself). An anchor card no longer in the column means the bottom.
 */
export function orderKeyFor(column: readonly Ordered[], placement: Placement): string {
  const last = column.at(-1)?.orderKey ?? null;
  if (placement.at === "top") return generateKeyBetween(null, column[0]?.orderKey ?? null);
  if (placement.at === "bottom") return generateKeyBetween(last, null);
  const index = column.findIndex((card) => card.id === placement.anchorId);
  if (index === -1) return generateKeyBetween(last, null);
  return placement.at === "before"
    ? generateKeyBetween(column[index - 1]?.orderKey ?? null, column[index]!.orderKey)
    : generateKeyBetween(column[index]!.orderKey, column[index + 1]?.orderKey ?? null);
}

/** Byte order, as Postgres compares a COLLATE "C" column. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
