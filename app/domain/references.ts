// How people name an action: "1.5" is the fifth action of objective 1.

export function actionReference(objectiveNumber: number, actionNumber: number): string {
  return `${objectiveNumber}.${actionNumber}`;
}

/** "1.2" before "1.10", as people number them. */
export function compareReferences(a: string, b: string): number {
  const [aObjective = 0, aAction = 0] = a.split(".").map(Number);
  const [bObjective = 0, bAction = 0] = b.split(".").map(Number);
  return aObjective - bObjective || aAction - bAction;
}

/**
 * The number an action takes in an objective it joins, by being added or
 * moved there (within its objective it keeps its number). Minutes, reviews
 * and emails cite "1.5" long after, so a reference must name one action for
 * good: the action takes the lowest number that no other action of the
 * objective holds now (archived ones too) or has held before, except that an
 * action coming back takes back a number it held there itself. Moving back
 * and forth therefore costs at most one new number per objective, never one
 * per move.
 */
/**
 * The reference `card` would take in `objective`, by numberInObjective: its
 * own number within its objective; elsewhere, a number it held there before
 * (its former references say which) or the lowest that nobody has held.
 */
export function referenceIfMoved(
  card: { objectiveId: string; number: number; formerReferences?: readonly string[] },
  /** `heldNumbers`: each number held now or before, once per action that holds or held it. */
  objective: { id: string; number: number; heldNumbers: readonly number[] },
): string {
  if (card.objectiveId === objective.id) return actionReference(objective.number, card.number);
  const prefix = `${objective.number}.`;
  const heldBefore = (card.formerReferences ?? [])
    .filter((reference) => reference.startsWith(prefix))
    .map((reference) => Number(reference.slice(prefix.length)));
  // Held once per holder: taking out the card's own leaves a number someone else holds too.
  const heldByOthers = [...objective.heldNumbers];
  for (const number of heldBefore) {
    const at = heldByOthers.indexOf(number);
    if (at >= 0) heldByOthers.splice(at, 1);
  }
  return actionReference(objective.number, numberInObjective({ heldByOthers, heldBefore }));
}

export function numberInObjective(numbers: {
  /** Numbers other actions of the objective hold now or have held. */
  heldByOthers: Iterable<number>;
  /** Numbers this action held in the objective before. */
  heldBefore: Iterable<number>;
}): number {
  const taken = new Set(numbers.heldByOthers);
  const own = [...numbers.heldBefore].filter((number) => !taken.has(number)).sort((a, b) => a - b);
  if (own[0] !== undefined) return own[0];
  let number = 1;
  while (taken.has(number)) number += 1;
  return number;
}
