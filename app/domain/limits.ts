// The longest text each field takes, in one place: the forms' schemas refuse
// what is longer, and the fields' counters say how near the person is (the
// database's own checks, in db/migrations, hold the same numbers).

export const TEXT_LIMITS = {
  planTitle: 300,
  objectiveTitle: 500,
  actionTitle: 500,
  actionDescription: 10_000,
  timescaleText: 300,
  /** A lead's name: an outside body named on an action, or a lead read from an import. */
  leadName: 200,
  note: 10_000,
  /** Why a completion is returned, or a confirmed action reopened. */
  reason: 2_000,
  groupName: 200,
  groupDescription: 1_000,
  personName: 200,
  obstacleName: 100,
  obstacleDescription: 1_000,
  reviewTitle: 300,
  evidence: 10_000,
  commentary: 10_000,
  barrierName: 200,
  barrierDescription: 10_000,
  summary: 20_000,
  recommendation: 10_000,
  addendum: 10_000,
  response: 10_000,
  indicatorName: 200,
  indicatorMeasures: 2_000,
  indicatorSource: 200,
  comparisonLabel: 200,
  readingNote: 500,
  surveyTitle: 200,
  surveyIntroduction: 2_000,
  surveyQuestion: 300,
  organisationName: 200,
} as const;

/**
 * A text's length as the server counts it: line breaks as one character (a
 * browser sends them as two without JavaScript; forms.server.ts makes them one),
 * and spaces at either end left out, as the schemas trim them.
 */
export function countedLength(text: string): number {
  return text.replace(/\r\n?/g, "\n").trim().length;
}

/** "480 of 500 characters", or "600 of 500 characters: 100 too many". */
export function characterCountWords(length: number, limit: number): string {
  const count = `${length.toLocaleString("en-GB")} of ${limit.toLocaleString("en-GB")} characters`;
  return length > limit ? `${count}: ${(length - limit).toLocaleString("en-GB")} too many` : count;
}

/** From nine tenths of the limit on, the count is read out as the person types. */
export function isNearLimit(length: number, limit: number): boolean {
  return length >= limit * 0.9;
}
