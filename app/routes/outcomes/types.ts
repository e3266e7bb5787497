import type { FormReply } from "~/components/form-reply";
import type { IndicatorState } from "~/domain/indicators";
import type { OUTCOME_INTENT } from "~/domain/intents";
import type { BetterDirection, IndicatorUnit } from "~/domain/vocabulary";

// What the Outcomes page's loader and action send its parts, here so the parts never import the route.

export type OutcomeIntent = (typeof OUTCOME_INTENT)[keyof typeof OUTCOME_INTENT];

/** The fields of the indicator form as sent, kept whole so a refused form comes back as typed. */
export type IndicatorSent = Partial<Record<(typeof INDICATOR_TEXT_FIELDS)[number], string>> & { objectiveIds?: string[] };
export const INDICATOR_TEXT_FIELDS = [
  "name",
  "measures",
  "unit",
  "better",
  "baselineValue",
  "baselineOn",
  "targetValue",
  "targetOn",
  "source",
  "comparisonValue",
  "comparisonLabel",
] as const;
export type ReadingSent = Partial<Record<"value" | "measuredOn" | "sourceNote" | "correctsReadingId", string>>;

export type OutcomesReply = FormReply & {
  intent?: OutcomeIntent;
  /** The indicator an edit or a reading concerns. */
  indicatorId?: string;
  sent?: IndicatorSent & ReadingSent;
};

export interface ReadingRow {
  id: string;
  valueWords: string;
  measuredOn: string;
  measuredOnWords: string;
  sourceNote: string;
  recordedWords: string;
  /** "Corrects the reading of 3 March 2026 (55%)". */
  correctsWords: string | null;
  /** Corrected since by a later reading: kept in the record, left out of the figures. */
  corrected: boolean;
  fromSurvey: boolean;
}

export interface IndicatorRow {
  id: string;
  name: string;
  measures: string;
  unit: IndicatorUnit;
  better: BetterDirection;
  state: IndicatorState;
  reason: string;
  baselineWords: string;
  targetWords: string;
  comparisonWords: string | null;
  source: string;
  objectiveWords: string[];
  /** The form's values, as the indicator holds them. */
  fields: Required<Omit<IndicatorSent, "objectiveIds">> & { objectiveIds: string[] };
  /** Newest first. */
  readings: ReadingRow[];
}
