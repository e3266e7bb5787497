import { describe, expect, it } from "vitest";
import { describeActor, describeChange, type HistoryEvent } from "./history";

const base: HistoryEvent = {
  verb: "moved",
  entityType: "action",
  actorName: "Sam Patel",
  actorSector: "voluntary_community",
  actorRole: "member",
  reference: "1.5",
  changes: {},
  context: {},
};

describe("history sentences", () => {
  it("names the actor with their sector at the time", () => {
    expect(describeActor(base)).toBe("Sam Patel (voluntary and community sector)");
    expect(describeActor({ actorName: null, actorSector: null, actorRole: "system" })).toBe("Partnership Board");
  });

  it.each([
    [{ changes: { status: { before: "in_progress", after: "at_risk" } } }, "moved 1.5 from In progress to At risk"],
    [{ changes: {} }, "reordered 1.5"],
    [{ changes: { objectiveId: { before: "a", after: "b" }, number: { before: 5, after: 4 } }, reference: "2.4" }, "moved 2.4 to another objective (now 2.4)"],
    [{ verb: "completion_proposed", changes: { status: { before: "at_risk", after: "done" } } }, "moved 1.5 to Done from At risk, proposing it as complete"],
    [{ verb: "completion_confirmed" }, "confirmed that 1.5 is done"],
    [{ verb: "completion_returned", changes: { status: { before: "done", after: "in_progress" } }, context: { reason: "No evidence yet" } }, "returned 1.5 to In progress, not confirming it as done: “No evidence yet”"],
    [{ verb: "reopened", changes: { status: { before: "done", after: "at_risk" } }, context: { reason: "Funding fell through" } }, "reopened 1.5, moving it to At risk: “Funding fell through”"],
    [{ verb: "updated", changes: { title: { before: "a", after: "b" }, dueOn: { before: null, after: "2010-05-31" } } }, "changed the title and due date of 1.5 (now due 31 May 2010)"],
    [{ verb: "added", entityType: "progress_note" }, "added a progress note to 1.5"],
    [{ verb: "archived" }, "archived 1.5"],
  ] as Array<[Partial<HistoryEvent>, string]>)("%j → %s", (event, sentence) => {
    expect(describeChange({ ...base, ...event })).toBe(sentence);
  });
});
