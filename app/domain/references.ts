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
