import { endOfQuarter, format, isValid, lastDayOfMonth } from "date-fns";

/**
 * Plans give deadlines in words: "Draft by end May 2010", "Q3 2010",
 * "Two meetings by end June 2010". We keep the words and derive the date the
 * action is due, so a board can flag it as overdue. A month without a day means
 * its last day; a quarter means the quarter's last day.
 */
export interface Timescale {
  /** The plan's own wording, trimmed; shown next to the date. */
  text: string;
  /** "YYYY-MM-DD", or null when the wording names no date we can trust. */
  dueOn: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 0,
  january: 0,
  feb: 1,
  february: 1,
  mar: 2,
  march: 2,
  apr: 3,
  april: 3,
  may: 4,
  jun: 5,
  june: 5,
  jul: 6,
  july: 6,
  aug: 7,
  august: 7,
  sep: 8,
  sept: 8,
  september: 8,
  oct: 9,
  october: 9,
  nov: 10,
  november: 10,
  dec: 11,
  december: 11,
};
const MONTH_NAME = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const YEAR = "((?:19|20)\\d{2})";

const NUMERIC_DATE = new RegExp(`\\b(\\d{1,2})/(\\d{1,2})/${YEAR}\\b`);
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_NAME})\\.?,?\\s+${YEAR}\\b`, "i");
const MID_MONTH = new RegExp(`\\bmid[-\\s]+(${MONTH_NAME})\\.?\\s+${YEAR}\\b`, "i");
const MONTH_YEAR = new RegExp(`\\b(${MONTH_NAME})\\.?\\s+${YEAR}\\b`, "i");
const QUARTER = new RegExp(`\\bQ([1-4])\\s*${YEAR}\\b`, "i");
const END_OF_YEAR = new RegExp(`\\bend\\s+(?:of\\s+)?${YEAR}\\b`, "i");

export function parseTimescale(wording: string | null | undefined): Timescale {
  const text = (wording ?? "").replace(/\s+/g, " ").trim();
  return { text, dueOn: text ? dueDateIn(text) : null };
}

/** Wordings that name no date on purpose: left undated without a warning. */
const UNDATED_ON_PURPOSE =
  /^(ongoing|on-going|continuous|continuing|as required|as needed|tbc|tbd|n\/a|annually|monthly|quarterly|(spring|summer|autumn|fall|winter)( \d{4})?)\b/i;

/**
 * What to tell someone whose action would go undated because its wording names
 * no date we can read ("31/02/2011"), or null. Only for an action given no due
 * date of its own: a date given wins over the wording. The import's preview and
 * the action's form both say it, in these words.
 */
export function timescaleWarning(wording: string | null | undefined): string | null {
  const timescale = parseTimescale(wording);
  if (!timescale.text || timescale.dueOn || UNDATED_ON_PURPOSE.test(timescale.text)) return null;
  return `No date found in the timescale "${timescale.text}"; the action will be undated, with the wording kept.`;
}

function dueDateIn(text: string): string | null {
  let match = NUMERIC_DATE.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]) - 1, Number(match[1]));

  match = DAY_MONTH_YEAR.exec(text);
  if (match) return isoDate(Number(match[3]), monthIndex(match[2]), Number(match[1]));

  match = MID_MONTH.exec(text);
  if (match) return isoDate(Number(match[2]), monthIndex(match[1]), 15);

  match = MONTH_YEAR.exec(text);
  if (match) return format(lastDayOfMonth(new Date(Number(match[2]), monthIndex(match[1]), 1)), "yyyy-MM-dd");

  match = QUARTER.exec(text);
  if (match) {
    const firstMonthOfQuarter = (Number(match[1]) - 1) * 3;
    return format(endOfQuarter(new Date(Number(match[2]), firstMonthOfQuarter, 1)), "yyyy-MM-dd");
  }

  match = END_OF_YEAR.exec(text);
  if (match) return `${match[1]}-12-31`;

  return null;
}

function monthIndex(name: string | undefined): number {
  return MONTHS[(name ?? "").toLowerCase()] ?? Number.NaN;
}

/** A real calendar date or null: 31/02/2010 is not a deadline anyone meant. */
function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(year, month, day);
  if (!isValid(date) || date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) {
    return null;
  }
  return format(date, "yyyy-MM-dd");
}
