import { describe, expect, it } from "vitest";
import {
  expectedOn,
  formatIndicatorValue,
  indicatorStateOf,
  standingReadings,
  type IndicatorFigures,
  type IndicatorState,
  type ReadingFacts,
} from "./indicators";

// Baseline 10% on 1 Jan 2026, target 30% on 1 Jan 2028: the path expects
// 20% on 1 Jan 2027, halfway; 10 points of the way either side is 2 percentage points.
const HIGHER: IndicatorFigures = { unit: "percent", better: "higher", baselineValue: 10, baselineOn: "2026-01-01", targetValue: 30, targetOn: "2028-01-01" };
// Waiting weeks, 40 down to 20 over the same two years: 30 expected halfway, 2 weeks of tolerance.
const LOWER: IndicatorFigures = { unit: "number", better: "lower", baselineValue: 40, baselineOn: "2026-01-01", targetValue: 20, targetOn: "2028-01-01" };
const HALFWAY = "2027-01-01";
const TODAY = "2027-02-01";

function reading(value: number, measuredOn: string, extra: Partial<ReadingFacts> = {}): ReadingFacts {
  return { id: `${value}@${measuredOn}`, value, measuredOn, recordedAt: `${measuredOn}T09:00:00Z`, correctsReadingId: null, ...extra };
}

describe("indicatorStateOf, at the boundaries", () => {
  const cases: Array<[string, IndicatorFigures, ReadingFacts[], IndicatorState]> = [
    ["higher: on the path", HIGHER, [reading(20, HALFWAY)], "on_track"],
    ["higher: exactly 10 points ahead", HIGHER, [reading(22, HALFWAY)], "on_track"],
    ["higher: just past 10 points ahead", HIGHER, [reading(22.1, HALFWAY)], "ahead"],
    ["higher: exactly 10 points behind", HIGHER, [reading(18, HALFWAY)], "on_track"],
    ["higher: just past 10 points behind", HIGHER, [reading(17.9, HALFWAY)], "behind"],
    ["higher: below the baseline", HIGHER, [reading(8, HALFWAY)], "behind"],
    ["higher: target met early", HIGHER, [reading(31, HALFWAY)], "ahead"],
    ["higher: target met on its date", HIGHER, [reading(30, "2028-01-01")], "on_track"],
    ["higher: short of the target after its date", HIGHER, [reading(27, "2028-03-01")], "behind"],
    ["lower: on the path", LOWER, [reading(30, HALFWAY)], "on_track"],
    ["lower: exactly 10 points ahead (lower)", LOWER, [reading(28, HALFWAY)], "on_track"],
    ["lower: just past 10 points ahead (lower)", LOWER, [reading(27.9, HALFWAY)], "ahead"],
    ["lower: exactly 10 points behind (higher)", LOWER, [reading(32, HALFWAY)], "on_track"],
    ["lower: just past 10 points behind (higher)", LOWER, [reading(32.1, HALFWAY)], "behind"],
    ["lower: risen above the baseline", LOWER, [reading(45, HALFWAY)], "behind"],
    ["no reading", HIGHER, [], "no_recent_reading"],
    ["a reading 455 days old still counts", HIGHER, [reading(10, "2025-11-03")], "on_track"],
    ["a reading 456 days old is stale", HIGHER, [reading(10, "2025-11-02")], "no_recent_reading"],
    [
      "the latest measured counts, not the latest recorded",
      HIGHER,
      [reading(17, HALFWAY), reading(20, "2026-06-01", { recordedAt: "2027-01-20T09:00:00Z" })],
      "behind",
    ],
    [
      "a correction replaces the reading it corrects",
      HIGHER,
      [reading(17, HALFWAY), reading(20, HALFWAY, { id: "fix", recordedAt: "2027-01-05T09:00:00Z", correctsReadingId: `17@${HALFWAY}` })],
      "on_track",
    ],
  ];
  it.each(cases)("%s: %s", (_name, indicator, readings, state) => {
    expect(indicatorStateOf(indicator, readings, TODAY).state).toBe(state);
  });

  it("gives a reason in words with every state", () => {
    for (const [, indicator, readings] of cases) expect(indicatorStateOf(indicator, readings, TODAY).reason).toMatch(/^[A-Z0-9]/);
  });

  it("says the figures in its reason", () => {
    expect(indicatorStateOf(HIGHER, [reading(17, HALFWAY)], TODAY).reason).toBe("17% on 1 January 2027, behind the 20% the path expects by then");
    expect(indicatorStateOf(HIGHER, [reading(31, HALFWAY)], TODAY).reason).toBe("Target met: 31% on 1 January 2027");
  });
});

describe("the path and the readings that stand", () => {
  it("expects the baseline before the path starts and the target after it ends", () => {
    expect(expectedOn(HIGHER, "2025-06-01")).toBe(10);
    expect(expectedOn(HIGHER, HALFWAY)).toBeCloseTo(20, 1);
    expect(expectedOn(HIGHER, "2029-01-01")).toBe(30);
  });

  it("leaves out a corrected reading and orders the rest by date measured", () => {
    const wrong = reading(99, "2026-06-01");
    const fix = reading(15, "2026-06-01", { id: "fix", correctsReadingId: wrong.id, recordedAt: "2026-06-02T09:00:00Z" });
    const later = reading(16, "2026-09-01");
    expect(standingReadings([later, fix, wrong]).map((r) => r.value)).toEqual([15, 16]);
  });
});

describe("formatIndicatorValue", () => {
  it.each([
    ["percent", 8.8, "8.8%"],
    ["percent", 62.345, "62.3%"],
    ["number", 1240, "1,240"],
    ["money", 12500, "£12,500"],
    ["money", 12.5, "£12.50"],
  ] as const)("%s %s reads %s", (unit, value, words) => {
    expect(formatIndicatorValue(unit, value)).toBe(words);
  });
});
