import { describe, expect, it } from "vitest";
import { ukToday } from "./dates";
import { countRatings, ragOf, type Rag, type RagFacts } from "./rag";

const TODAY = "2026-06-15";

describe("ragOf, one row per rule", () => {
  const cases: Array<[string, RagFacts, Rag]> = [
    ["confirmed done, long overdue", { status: "done", dueOn: "2026-01-01", confirmedDone: true }, "green"],
    ["confirmed done, no date", { status: "done", dueOn: null, confirmedDone: true }, "green"],
    ["done awaiting confirmation, past its date", { status: "done", dueOn: "2026-06-14", confirmedDone: false }, "amber"],
    ["done awaiting confirmation, due today", { status: "done", dueOn: TODAY, confirmedDone: false }, "green"],
    ["done awaiting confirmation, no date", { status: "done", dueOn: null, confirmedDone: false }, "green"],
    ["in progress, due yesterday", { status: "in_progress", dueOn: "2026-06-14", confirmedDone: false }, "red"],
    ["not started, due yesterday", { status: "not_started", dueOn: "2026-06-14", confirmedDone: false }, "red"],
    ["at risk, overdue", { status: "at_risk", dueOn: "2026-05-01", confirmedDone: false }, "red"],
    ["at risk, not overdue", { status: "at_risk", dueOn: "2026-12-01", confirmedDone: false }, "amber"],
    ["at risk, no date", { status: "at_risk", dueOn: null, confirmedDone: false }, "amber"],
    ["not started, due today", { status: "not_started", dueOn: TODAY, confirmedDone: false }, "amber"],
    ["not started, due in 30 days", { status: "not_started", dueOn: "2026-07-15", confirmedDone: false }, "amber"],
    ["not started, due in 31 days", { status: "not_started", dueOn: "2026-07-16", confirmedDone: false }, "grey"],
    ["not started, no date", { status: "not_started", dueOn: null, confirmedDone: false }, "grey"],
    ["in progress, due today", { status: "in_progress", dueOn: TODAY, confirmedDone: false }, "green"],
    ["in progress, due in 10 days", { status: "in_progress", dueOn: "2026-06-25", confirmedDone: false }, "green"],
    ["in progress, no date", { status: "in_progress", dueOn: null, confirmedDone: false }, "green"],
  ];
  it.each(cases)("%s is %s", (_name, facts, rag) => {
    expect(ragOf(facts, TODAY).rag).toBe(rag);
  });

  it("gives a reason in words with every rating", () => {
    for (const [, facts] of cases) expect(ragOf(facts, TODAY).reason).toMatch(/^[A-Z][a-z]/);
  });
});

describe("the day turns at midnight in the UK, not on the server's clock", () => {
  const dueOn = "2026-06-30";
  const inProgress = { status: "in_progress" as const, dueOn, confirmedDone: false };
  // British Summer Time: midnight in London is 23:00 UTC the day before.
  it.each([
    ["BST, 22:59 UTC on the due date (23:59 in London)", "2026-06-30T22:59:59Z", "green"],
    ["BST, 23:00 UTC on the due date (00:00 next day in London)", "2026-06-30T23:00:00Z", "red"],
  ] as const)("%s", (_name, instant, rag) => {
    expect(ragOf(inProgress, ukToday(new Date(instant))).rag).toBe(rag);
  });

  // Greenwich Mean Time: London and UTC agree.
  const winter = { status: "in_progress" as const, dueOn: "2026-12-31", confirmedDone: false };
  it.each([
    ["GMT, 23:59 UTC on the due date", "2026-12-31T23:59:59Z", "green"],
    ["GMT, 00:00 UTC the next day", "2027-01-01T00:00:00Z", "red"],
  ] as const)("%s", (_name, instant, rag) => {
    expect(ragOf(winter, ukToday(new Date(instant))).rag).toBe(rag);
  });

  it("counts 30 days on the UK calendar across the change to GMT", () => {
    const notStarted = { status: "not_started" as const, dueOn: "2026-11-23", confirmedDone: false };
    // 23:30 UTC on 24 October is 00:30 on 25 October in London (still BST): 29 days before the due date.
    expect(ragOf(notStarted, ukToday(new Date("2026-10-24T23:30:00Z"))).rag).toBe("amber");
    // 22:30 UTC on 23 October is 23:30 in London on the 23rd: 31 days before.
    expect(ragOf(notStarted, ukToday(new Date("2026-10-23T22:30:00Z"))).rag).toBe("grey");
  });
});

describe("countRatings", () => {
  it("lists every rating, zero when none", () => {
    expect(countRatings(["red", "red", "green"])).toEqual({ red: 2, amber: 0, green: 1, grey: 0 });
  });
});
