// Dates in UK form ("31 May 2010"), times in UK time, whatever the server's zone.

const UK = "Europe/London";
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: UK });
const longDateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: UK });
const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: UK });
// Canada writes dates as YYYY-MM-DD. Made once: a formatter costs more to make than to use.
const isoDateFormat = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: UK });

/** "31 May 2010" from "2010-05-31" (a date without a time or zone). */
export function formatDueDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return longDateFormat.format(Date.UTC(year!, month! - 1, day!, 12));
}

/**
 * "YYYY-MM-DD" plus some days, on the calendar: reckoned in UTC, where no
 * clock change moves a day. Built in rather than from date-fns, which would
 * add 6 kB to every page that flags a deadline.
 */
export function addDaysTo(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

/** "3 Jun 2010 14:02" in UK time. */
export function formatDateTime(moment: Date | string): string {
  const date = new Date(moment);
  return `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

/** "14:02" in UK time. */
export function formatTime(moment: Date | string): string {
  return timeFormat.format(new Date(moment));
}

/** Today's date in the UK as "YYYY-MM-DD", for deadlines. */
export function ukToday(now = new Date()): string {
  return isoDateFormat.format(now);
}

/** A real calendar date as "YYYY-MM-DD", within years a plan could mean (1900–2999). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1900 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The moment a UK date begins (midnight in London, BST or GMT). */
export function startOfUkDay(isoDate: string): Date {
  // Noon UTC falls on the same UK date; London's hour then is its offset plus twelve.
  const noon = new Date(`${isoDate}T12:00:00Z`);
  const londonHour = Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hour12: false, timeZone: UK }).format(noon));
  return new Date(noon.getTime() - londonHour * 3_600_000);
}
