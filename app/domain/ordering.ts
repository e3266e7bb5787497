import { generateKeyBetween } from "fractional-indexing";

/**
 * Where a card goes in a column. Cards are ordered by string keys
 * (fractional-indexing, compared byte by byte like Postgres's COLLATE "C"), so
 * a move writes one new key between its neighbours and touches no other card.
 */
export type Placement =
  | { at: "top" }
  | { at: "bottom" }
  | { at: "before"; actionId: string }
  | { at: "after"; actionId: string };

export interface Ordered {
  id: string;
  orderKey: string;
}

/**
 * A key that puts the card at `placement` in `column` (sorted, without the
 * card itself). An anchor card no longer in the column means the bottom.
 */
export function orderKeyFor(column: readonly Ordered[], placement: Placement): string {
  const last = column.at(-1)?.orderKey ?? null;
  if (placement.at === "top") return generateKeyBetween(null, column[0]?.orderKey ?? null);
  if (placement.at === "bottom") return generateKeyBetween(last, null);
  const index = column.findIndex((card) => card.id === placement.actionId);
  if (index === -1) return generateKeyBetween(last, null);
  return placement.at === "before"
    ? generateKeyBetween(column[index - 1]?.orderKey ?? null, column[index]!.orderKey)
    : generateKeyBetween(column[index]!.orderKey, column[index + 1]?.orderKey ?? null);
}

/** Byte order, as Postgres compares a COLLATE "C" column. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
