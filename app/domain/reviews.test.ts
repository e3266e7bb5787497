import { describe, expect, it } from "vitest";
import { compareReferences } from "./references";
import { changesSince, compareAssessments, defaultDueOn, reviewDueWords, type ActionState } from "./reviews";

const action = (actionId: string, reference: string, status: ActionState["status"], confirmedDone = false): ActionState => ({
  actionId,
  reference,
  title: `Action ${reference}`,
  status,
  confirmedDone,
});

describe("a review's due date", () => {
  it("defaults to six months after the plan starts for a six-month review, twelve for an annual one", () => {
    expect(defaultDueOn("six_month", "2010-03-31")).toBe("2010-09-30");
    expect(defaultDueOn("six_month", "2010-08-31")).toBe("2011-02-28");
    expect(defaultDueOn("annual", "2010-03-01")).toBe("2011-03-01");
    expect(defaultDueOn("other", "2010-03-01")).toBeNull();
    expect(defaultDueOn("six_month", null)).toBeNull();
  });

  it("is announced in words, and as overdue only after the day it falls due", () => {
    expect(reviewDueWords({ kind: "six_month", status: "open", dueOn: "2010-09-30" }, "2010-09-30")).toEqual({
      text: "Six-month review due 30 September 2010",
      overdue: false,
    });
    expect(reviewDueWords({ kind: "six_month", status: "open", dueOn: "2010-09-30" }, "2010-10-01")).toEqual({
      text: "Six-month review was due 30 September 2010: overdue",
      overdue: true,
    });
  });
});

describe("what changed since a review's snapshot", () => {
  it("lists moves, confirmations, new and archived actions, and nothing for what stayed", () => {
    const then = [action("a", "1.1", "in_progress"), action("b", "1.2", "done"), action("c", "1.3", "not_started"), action("d", "1.4", "at_risk")];
    const now = [action("a", "1.1", "at_risk"), action("b", "1.2", "done", true), action("c", "1.3", "not_started"), action("e", "1.5", "not_started")];
    expect(changesSince(then, now)).toEqual({
      moved: [{ reference: "1.1", title: "Action 1.1", from: "in_progress", to: "at_risk" }],
      confirmed: [{ reference: "1.2", title: "Action 1.2" }],
      added: [{ reference: "1.5", title: "Action 1.5" }],
      archived: [{ reference: "1.4", title: "Action 1.4" }],
    });
  });
});

describe("comparing two reviews", () => {
  it("pairs each action's assessments, in reference order, marking the ones that changed", () => {
    const row = (actionId: string, reference: string) => ({ actionId, reference, title: `Action ${reference}` });
    const rows = compareAssessments(
      {
        actions: [row("a", "1.10"), row("b", "1.2")],
        assessments: new Map([
          ["a", "on_track" as const],
          ["b", "some_progress" as const],
        ]),
      },
      {
        actions: [row("a", "1.10"), row("b", "1.2"), row("c", "2.1")],
        assessments: new Map([
          ["a", "on_track" as const],
          ["b", "achieved" as const],
        ]),
      },
    );
    expect(rows.map(({ reference, earlier, later, inEarlier, changed }) => [reference, earlier, later, inEarlier, changed])).toEqual([
      ["1.2", "some_progress", "achieved", true, true],
      ["1.10", "on_track", "on_track", true, false],
      ["2.1", null, null, false, false],
    ]);
  });

  it("orders references as people number them", () => {
    expect(["2.1", "1.10", "1.2"].sort(compareReferences)).toEqual(["1.2", "1.10", "2.1"]);
  });
});
