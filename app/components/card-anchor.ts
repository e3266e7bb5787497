/** The id of a card's title link on the board: where the Move page and the action dialog send the person back to. */
export function cardAnchor(cardId: string): string {
  return `card-${cardId}`;
}
