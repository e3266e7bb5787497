import { addDaysTo, formatDueDate } from "./dates";
import type { BetterDirection, IndicatorUnit } from "./vocabulary";

// Whether an outcome is moving, from its figures and never typed in: the
// latest reading against the straight path from baseline to target, as the
// RAG rating is derived from an action's facts.

export const INDICATOR_STATES = ["ahead", "on_track", "behind", "no_recent_reading"] as const;
export type IndicatorState = (typeof INDICATOR_STATES)[number];

/** A reading this old or older says nothing about now: a yearly survey, with three months' grace. */
export const READING_STALE_AFTER_DAYS = 456;
/** Within this share of the whole way from baseline to target of the path, a reading is on track. */
export const ON_TRACK_TOLERANCE = 0.1;

export interface IndicatorFigures {
  unit: IndicatorUnit;
  better: BetterDirection;
  baselineValue: number;
  baselineOn: string;
  targetValue: number;
  targetOn: string;
}

/** An indicator as people define it: its figures and the words around them (a form, plan.json and the database alike). */
export interface IndicatorDefinition extends IndicatorFigures {
  name: string;
  measures: string;
  source: string;
  comparisonValue: number | null;
  comparisonLabel: string;
}

export interface ReadingFacts {
  id: string;
  value: number;
  measuredOn: string;
  /** When it was recorded: of two readings on one date, the later recorded counts. */
  recordedAt: Date | string;
  correctsReadingId: string | null;
}

export interface IndicatorAssessment {
  state: IndicatorState;
  /** Why, in words a councillor reads beside the word and icon. */
  reason: string;
  /** The reading it rests on, null if none counts. */
  latest: ReadingFacts | null;
}

/**
 * The readings that stand, oldest first: a reading a later one corrects is
 * left out, so the record keeps the mistake and the figures do not.
 */
export function standingReadings<Reading extends ReadingFacts>(readings: readonly Reading[]): Reading[] {
  const corrected = new Set(readings.map((reading) => reading.correctsReadingId).filter((id): id is string => id !== null));
  return readings
    .filter((reading) => !corrected.has(reading.id))
    .sort((a, b) => a.measuredOn.localeCompare(b.measuredOn) || new Date(a.recordedAt).getTime() - new Date(b.recordedAt).getTime());
}

/** The value the straight path from baseline to target expects on a date: the baseline before it starts, the target after it ends. */
export function expectedOn(indicator: IndicatorFigures, isoDate: string): number {
  return indicator.baselineValue + (indicator.targetValue - indicator.baselineValue) * shareOfTimeGone(indicator, isoDate);
}

/**
 * The state on the UK date `today`. Rules, first match wins: no standing
 * reading, or the latest measured 456 days or more before today, is no recent
 * reading; otherwise the reading's share of the way from baseline to target is
 * compared with the share of the time gone by its date: more than 10 points
 * ahead of the path is ahead, more than 10 behind is behind, anything
 * between (the boundaries included) is on track. Lower-is-better indicators
 * follow from the sign of target minus baseline.
 */
export function indicatorStateOf(indicator: IndicatorFigures, readings: readonly ReadingFacts[], today: string): IndicatorAssessment {
  const latest = standingReadings(readings).at(-1) ?? null;
  if (!latest) return { state: "no_recent_reading", reason: "No reading yet", latest };
  if (latest.measuredOn <= addDaysTo(today, -READING_STALE_AFTER_DAYS))
    return { state: "no_recent_reading", reason: `Latest reading is from ${formatDueDate(latest.measuredOn)}, over a year ago`, latest };

  const wayGone = (latest.value - indicator.baselineValue) / (indicator.targetValue - indicator.baselineValue);
  const timeGone = shareOfTimeGone(indicator, latest.measuredOn);
  // Rounded so that a boundary written in the figures is not lost to binary fractions.
  const lead = Math.round((wayGone - timeGone) * 1e9) / 1e9;
  const measured = `${formatIndicatorValue(indicator.unit, latest.value)} on ${formatDueDate(latest.measuredOn)}`;
  const expected = formatIndicatorValue(indicator.unit, expectedOn(indicator, latest.measuredOn));
  const state: IndicatorState = lead > ON_TRACK_TOLERANCE ? "ahead" : lead < -ON_TRACK_TOLERANCE ? "behind" : "on_track";
  if (wayGone >= 1) return { state, reason: `Target met: ${measured}`, latest };
  const against = { ahead: "ahead of", on_track: "near", behind: "behind" }[state];
  return { state, reason: `${measured}, ${against} the ${expected} the path expects by then`, latest };
}

function shareOfTimeGone(indicator: IndicatorFigures, isoDate: string): number {
  const whole = daysBetween(indicator.baselineOn, indicator.targetOn);
  const gone = daysBetween(indicator.baselineOn, isoDate);
  return Math.min(1, Math.max(0, gone / whole));
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const poundsFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const penceFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "62%", "1,240", "£12,500": a value in its indicator's unit. */
export function formatIndicatorValue(unit: IndicatorUnit, value: number): string {
  if (unit === "percent") return `${numberFormat.format(Math.round(value * 10) / 10)}%`;
  if (unit === "money") return (Number.isInteger(value) ? poundsFormat : penceFormat).format(value);
  return numberFormat.format(value);
}

/** A shape per state, so that it reads without colour (and in black and white print). */
export const INDICATOR_STATE_ICONS: Record<IndicatorState, string> = { ahead: "▲", on_track: "✓", behind: "!", no_recent_reading: "–" };
