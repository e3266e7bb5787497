import { describe, expect, it } from "vitest";
import { actionEntry, calendarEntries, reviewEntry, type LedAction, type PlanReview } from "./calendar";

const action: LedAction = {
  id: "a1",
  planId: "p1",
  partnershipSlug: "portsmouth",
  partnershipName: "Portsmouth",
  planTitle: "Action Plan 2010",
  objectiveNumber: 1,
  number: 2,
  title: "Identify joint commissioning priorities",
  status: "in_progress",
  dueOn: "2010-05-31",
  timescaleText: "Draft by end May 2010",
  completionConfirmedAt: null,
};

const review: PlanReview = {
  id: "r1",
  planId: "p1",
  partnershipSlug: "portsmouth",
  partnershipName: "Portsmouth",
  planTitle: "Action Plan 2010",
  kind: "six_month",
  title: "Six-month review",
  status: "open",
  dueOn: "2010-09-30",
  readable: true,
};

describe("calendar entries", () => {
  it("name an action by its reference and title, on its due date, linking to it", () => {
    expect(actionEntry(action, "2010-05-01")).toEqual({
      uid: "action-a1",
      date: "2010-05-31",
      summary: "1.2 Identify joint commissioning priorities (Due)",
      description: "Action Plan 2010 (Portsmouth)\nStatus: In progress\nDue: 31 May 2010\nTimescale in the plan: Draft by end May 2010",
      path: "/p/portsmouth/plans/p1/actions/a1",
    });
  });

  it("leave out a completion confirmed, and say when one awaits confirmation", () => {
    expect(actionEntry({ ...action, status: "done", completionConfirmedAt: new Date() }, "2010-05-01")).toBeNull();
    const awaiting = actionEntry({ ...action, status: "done" }, "2010-06-01")!;
    expect(awaiting.summary).toBe("1.2 Identify joint commissioning priorities (Done, awaiting confirmation)");
    expect(awaiting.description).toContain("Status: Done, awaiting confirmation");
  });

  it("say Overdue past the due date, by the same rule as the board and Status", () => {
    expect(actionEntry(action, "2010-06-01")!.summary).toBe("1.2 Identify joint commissioning priorities (Overdue)");
    expect(actionEntry(action, "2010-05-31")!.summary).toBe("1.2 Identify joint commissioning priorities (Due)");
    expect(reviewEntry(review, "2010-10-01")!.summary).toBe("Six-month review: Action Plan 2010 (Overdue)");
  });

  it("leave out the timescale line when the plan gave no wording", () => {
    expect(actionEntry({ ...action, timescaleText: "" }, "2010-05-01")!.description).not.toContain("Timescale");
  });

  it("link a review a person may read to itself, and otherwise to the plan's reviews", () => {
    expect(reviewEntry(review, "2010-09-01")).toMatchObject({
      uid: "review-r1",
      date: "2010-09-30",
      summary: "Six-month review: Action Plan 2010 (Due)",
      path: "/p/portsmouth/plans/p1/reviews/r1",
    });
    expect(reviewEntry({ ...review, readable: false }, "2010-09-01")!.path).toBe("/p/portsmouth/plans/p1/reviews");
    expect(reviewEntry({ ...review, status: "published" }, "2010-10-01")).toBeNull();
  });

  it("come in date order, then by reference as people number them", () => {
    const entries = calendarEntries(
      [
        { ...action, id: "a10", number: 10, dueOn: "2010-06-30" },
        { ...action, id: "a2", number: 2, dueOn: "2010-06-30" },
        { ...action, id: "a3", number: 3, dueOn: "2010-04-30" },
      ],
      [review],
      "2010-04-01",
    );
    expect(entries.map((entry) => entry.uid)).toEqual(["action-a3", "action-a2", "action-a10", "review-r1"]);
  });
});
