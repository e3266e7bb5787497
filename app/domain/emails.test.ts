import { describe, expect, it } from "vitest";
import { isoWeek, isoWeekday, latestDigestDue } from "./emails";

// When a digest is due: 07:00 in London on the person's day, whichever of BST
// and GMT London keeps that day, and which week it counts for.

const due = (now: string, day = 1) => {
  const { dueAt, week } = latestDigestDue(new Date(now), day);
  return { dueAt: dueAt.toISOString(), week };
};

describe("latestDigestDue", () => {
  it("is 07:00 BST (06:00Z) on the Monday after the clocks go forward on Sunday 29 March 2026", () => {
    expect(due("2026-03-30T06:00:00Z")).toEqual({ dueAt: "2026-03-30T06:00:00.000Z", week: "2026-W14" });
    expect(due("2026-03-30T12:00:00Z")).toEqual({ dueAt: "2026-03-30T06:00:00.000Z", week: "2026-W14" });
  });

  it("gives the week before until 07:00 BST that Monday: 06:59 BST is 05:59Z", () => {
    // The week before was still GMT: its Monday's 07:00 was 07:00Z.
    expect(due("2026-03-30T05:59:59Z")).toEqual({ dueAt: "2026-03-23T07:00:00.000Z", week: "2026-W13" });
  });

  it("is 07:00 GMT (07:00Z) on the Monday after the clocks go back on Sunday 25 October 2026", () => {
    expect(due("2026-10-26T07:00:00Z")).toEqual({ dueAt: "2026-10-26T07:00:00.000Z", week: "2026-W44" });
    // 06:30Z is 06:30 GMT: not yet, so the week before, whose Monday was in BST.
    expect(due("2026-10-26T06:30:00Z")).toEqual({ dueAt: "2026-10-19T06:00:00.000Z", week: "2026-W43" });
  });

  it("goes once on a Sunday the clocks change, at 07:00 local: one week key however often it is asked that day", () => {
    // Sunday 29 March 2026: clocks forward at 01:00Z; 07:00 BST is 06:00Z.
    expect(due("2026-03-29T05:59:00Z", 7).week).toBe("2026-W12");
    const forward = ["2026-03-29T06:00:00Z", "2026-03-29T06:01:00Z", "2026-03-29T23:00:00Z", "2026-04-04T22:59:00Z"].map((now) => due(now, 7));
    expect(new Set(forward.map((result) => JSON.stringify(result)))).toEqual(
      new Set([JSON.stringify({ dueAt: "2026-03-29T06:00:00.000Z", week: "2026-W13" })]),
    );
    // Sunday 25 October 2026: clocks back at 01:00Z; 07:00 GMT is 07:00Z, and 06:00Z (06:00 GMT) is not yet.
    expect(due("2026-10-25T06:00:00Z", 7).week).toBe("2026-W42");
    expect(due("2026-10-25T07:00:00Z", 7)).toEqual({ dueAt: "2026-10-25T07:00:00.000Z", week: "2026-W43" });
  });

  it("finds the person's own day in the week, and the same day a week back before its hour", () => {
    // Wednesday 9 December 2026, 08:00 GMT.
    expect(due("2026-12-09T08:00:00Z", 3)).toEqual({ dueAt: "2026-12-09T07:00:00.000Z", week: "2026-W50" });
    expect(due("2026-12-09T06:00:00Z", 3)).toEqual({ dueAt: "2026-12-02T07:00:00.000Z", week: "2026-W49" });
    expect(due("2026-12-09T08:00:00Z", 5)).toEqual({ dueAt: "2026-12-04T07:00:00.000Z", week: "2026-W49" });
  });
});

describe("isoWeek", () => {
  it("counts weeks from the one holding the year's first Thursday", () => {
    // Thursday 1 January 2026: week 1 starts Monday 29 December 2025.
    expect(isoWeek("2025-12-28")).toBe("2025-W52");
    expect(isoWeek("2025-12-29")).toBe("2026-W01");
    expect(isoWeek("2026-01-04")).toBe("2026-W01");
    // 2026 has 53 weeks (it starts on a Thursday); Friday 1 January 2027 is in its last.
    expect(isoWeek("2026-12-31")).toBe("2026-W53");
    expect(isoWeek("2027-01-03")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    // Tuesday 1 January 2019 is in week 1 of 2019, with Monday 31 December 2018.
    expect(isoWeek("2018-12-31")).toBe("2019-W01");
  });

  it("names weekdays Monday 1 to Sunday 7", () => {
    expect(isoWeekday("2026-12-07")).toBe(1);
    expect(isoWeekday("2026-12-13")).toBe(7);
  });
});
