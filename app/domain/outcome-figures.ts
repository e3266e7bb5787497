import { formatDueDate } from "./dates";
import { formatIndicatorValue, INDICATOR_STATE_ICONS, type IndicatorAssessment, type IndicatorFigures, type IndicatorState } from "./indicators";
import { BETTER_DIRECTION_LABELS, INDICATOR_STATE_LABELS, INDICATOR_UNIT_LABELS } from "./words";

// An indicator's figures in words, as the Status page, the committee paper,
// the public page, the overview and indicators.csv show them: shaped here
// once from what outcomesOf() read and assessed, never assessed again.

export interface OutcomeReadingFacts {
  id: string;
  value: number;
  measuredOn: string;
  sourceNote: string;
  correctsReadingId: string | null;
  recordedByName: string | null;
}

/** What outcomesOf() gives for an indicator, structurally (the domain imports no server module). */
export interface OutcomeFacts extends IndicatorFigures {
  id: string;
  name: string;
  measures: string;
  source: string;
  comparisonValue: number | null;
  comparisonLabel: string;
  objectiveIds: readonly string[];
  readings: readonly OutcomeReadingFacts[];
  standing: readonly OutcomeReadingFacts[];
  assessment: IndicatorAssessment;
}

export interface OutcomeReadingView {
  id: string;
  value: number;
  measuredOn: string;
  valueText: string;
  measuredOnText: string;
  sourceNote: string;
  /** Null on the public page: who recorded a reading is the partners' business. */
  recordedBy: string | null;
  /** "Corrects 61% recorded for 31 March 2025": a correction says so, and the mistake stays in the record. */
  correctionText: string | null;
}

export interface OutcomeView {
  id: string;
  name: string;
  measures: string;
  source: string;
  state: IndicatorState;
  stateText: string;
  stateIcon: string;
  reason: string;
  unitText: string;
  betterText: string;
  baseline: { value: number; on: string; valueText: string; onText: string };
  target: { value: number; on: string; valueText: string; onText: string };
  comparison: { value: number; label: string; valueText: string } | null;
  /** The latest standing reading's value in words, or null if none stands. */
  latestText: string | null;
  latestOnText: string | null;
  /** The standing readings, oldest first: what the chart draws and the table lists. */
  readings: OutcomeReadingView[];
  /** The objectives it serves, by number. */
  objectives: Array<{ number: number; title: string }>;
}

/** Words for each indicator; `showRecorders: false` leaves who recorded each reading out (the public page). */
export function outcomeViews(
  outcomes: readonly OutcomeFacts[],
  objectives: ReadonlyArray<{ id: string; number: number; title: string }>,
  { showRecorders }: { showRecorders: boolean },
): OutcomeView[] {
  const objectiveById = new Map(objectives.map((objective) => [objective.id, objective]));
  return outcomes.map((outcome) => {
    const value = (figure: number) => formatIndicatorValue(outcome.unit, figure);
    const everyReading = new Map(outcome.readings.map((reading) => [reading.id, reading]));
    const latest = outcome.standing.at(-1) ?? null;
    return {
      id: outcome.id,
      name: outcome.name,
      measures: outcome.measures,
      source: outcome.source,
      state: outcome.assessment.state,
      stateText: INDICATOR_STATE_LABELS[outcome.assessment.state],
      stateIcon: INDICATOR_STATE_ICONS[outcome.assessment.state],
      reason: outcome.assessment.reason,
      unitText: INDICATOR_UNIT_LABELS[outcome.unit],
      betterText: BETTER_DIRECTION_LABELS[outcome.better],
      baseline: { value: outcome.baselineValue, on: outcome.baselineOn, valueText: value(outcome.baselineValue), onText: formatDueDate(outcome.baselineOn) },
      target: { value: outcome.targetValue, on: outcome.targetOn, valueText: value(outcome.targetValue), onText: formatDueDate(outcome.targetOn) },
      comparison:
        outcome.comparisonValue === null
          ? null
          : { value: outcome.comparisonValue, label: outcome.comparisonLabel || "Comparison", valueText: value(outcome.comparisonValue) },
      latestText: latest ? value(latest.value) : null,
      latestOnText: latest ? formatDueDate(latest.measuredOn) : null,
      readings: outcome.standing.map((reading) => {
        const corrected = reading.correctsReadingId ? everyReading.get(reading.correctsReadingId) : undefined;
        return {
          id: reading.id,
          value: reading.value,
          measuredOn: reading.measuredOn,
          valueText: value(reading.value),
          measuredOnText: formatDueDate(reading.measuredOn),
          sourceNote: reading.sourceNote,
          recordedBy: showRecorders ? reading.recordedByName : null,
          correctionText: corrected ? `Corrects ${value(corrected.value)} recorded for ${formatDueDate(corrected.measuredOn)}` : null,
        };
      }),
      objectives: outcome.objectiveIds.flatMap((id) => {
        const objective = objectiveById.get(id);
        return objective ? [{ number: objective.number, title: objective.title }] : [];
      }),
    };
  });
}
