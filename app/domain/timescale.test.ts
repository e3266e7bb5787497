import { describe, expect, it } from "vitest";
import { isRealDate } from "./dates";
import { parseTimescale, timescaleWarning } from "./timescale";

describe("parseTimescale", () => {
  it.each([
    ["Draft by end May 2010", "2010-05-31"],
    ["June 2010", "2010-06-30"],
    ["End April 2010", "2010-04-30"],
    ["End June 2010", "2010-06-30"],
    ["April 2010", "2010-04-30"],
    ["Scope by end September 2010", "2010-09-30"],
    ["Two meetings by end June 2010", "2010-06-30"],
    ["February 2012", "2012-02-29"],
    ["Sept 2010", "2010-09-30"],
    ["31/05/2010", "2010-05-31"],
    ["by 1/6/2010", "2010-06-01"],
    ["15 June 2010", "2010-06-15"],
    ["by 3rd March 2011", "2011-03-03"],
    ["mid July 2010", "2010-07-15"],
    ["Q1 2011", "2011-03-31"],
    ["Q3 2010", "2010-09-30"],
    ["q4 2010", "2010-12-31"],
    ["By the end of 2010", "2010-12-31"],
  ])("reads %j as due on %s", (wording, dueOn) => {
    expect(parseTimescale(wording)).toEqual({ text: wording, dueOn });
  });

  it.each([["Ongoing"], ["As soon as possible"], ["31/02/2010"], ["Q5 2010"], ["Spring"], ["Mayday 2010"]])("keeps %j without inventing a date", (wording) => {
    expect(parseTimescale(wording)).toEqual({ text: wording, dueOn: null });
  });

  it.each([[""], ["   "], [null], [undefined]])("treats blank wording %j as no timescale", (wording) => {
    expect(parseTimescale(wording)).toEqual({ text: "", dueOn: null });
  });

  it("tidies whitespace but keeps the words as written", () => {
    expect(parseTimescale("  Draft by end\n May 2010 ")).toEqual({ text: "Draft by end May 2010", dueOn: "2010-05-31" });
  });
});

describe("isRealDate", () => {
  it.each([
    ["2010-05-31", true],
    ["2012-02-29", true],
    ["2010-02-29", false],
    ["2024-13-45", false],
    ["0000-01-01", false],
    ["10000-01-01", false],
    ["31/05/2010", false],
  ])("%s → %s", (value, real) => {
    expect(isRealDate(value)).toBe(real);
  });
});

describe("timescaleWarning", () => {
  it("says, in the import's words, that wording with no date we can read leaves the action undated", () => {
    expect(timescaleWarning(" 31/02/2011 ")).toBe('No date found in the timescale "31/02/2011"; the action will be undated, with the wording kept.');
    expect(timescaleWarning("As soon as possible")).toBe(
      'No date found in the timescale "As soon as possible"; the action will be undated, with the wording kept.',
    );
  });

  it.each([[""], ["   "], ["Draft by end May 2010"], ["Ongoing"], ["Spring 2011"], ["TBC"]])(
    "says nothing of %j, which names a date or none on purpose",
    (wording) => {
      expect(timescaleWarning(wording)).toBeNull();
    },
  );
});
