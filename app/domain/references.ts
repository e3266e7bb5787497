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
