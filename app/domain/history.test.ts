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
    [
      {
        changes: { objectiveId: { before: "a", after: "b" }, number: { before: 2, after: 4 } },
        reference: "2.4",
        context: { formerReference: "1.2", objective: 2 },
      },
      "moved 1.2 to objective 2 as 2.4",
    ],
    [
      {
        changes: { status: { before: "not_started", after: "at_risk" }, objectiveId: { before: "a", after: "b" } },
        reference: "2.4",
        context: { formerReference: "1.2", objective: 2 },
      },
      "moved 1.2 to objective 2 as 2.4, from Not started to At risk",
    ],
    [
      {
        verb: "completion_proposed",
        changes: { status: { before: "in_progress", after: "done" }, objectiveId: { before: "a", after: "b" } },
        reference: "2.4",
        context: { formerReference: "1.2", objective: 2 },
      },
      "moved 1.2 to objective 2 as 2.4, and to Done from In progress, proposing it as complete",
    ],
    [{ verb: "completion_proposed", changes: { status: { before: "at_risk", after: "done" } } }, "moved 1.5 to Done from At risk, proposing it as complete"],
    [{ verb: "completion_confirmed" }, "confirmed that 1.5 is done"],
    [
      { verb: "completion_returned", changes: { status: { before: "done", after: "in_progress" } }, context: { reason: "No evidence yet" } },
      "returned 1.5 to In progress, not confirming it as done: “No evidence yet”",
    ],
    [
      { verb: "reopened", changes: { status: { before: "done", after: "at_risk" } }, context: { reason: "Funding fell through" } },
      "reopened 1.5, moving it to At risk: “Funding fell through”",
    ],
    [
      { verb: "updated", changes: { title: { before: "a", after: "b" }, dueOn: { before: null, after: "2010-05-31" } } },
      "changed the title and due date of 1.5 (now due 31 May 2010)",
    ],
    [{ verb: "added", entityType: "progress_note" }, "added a progress note to 1.5"],
    [
      { verb: "due_reminders_changed", entityType: "plan", reference: null, changes: { dueReminderDays: { before: 7, after: 1 } } },
      "set due date reminders to 1 day before",
    ],
    [
      { verb: "due_reminders_changed", entityType: "plan", reference: null, changes: { dueReminderDays: { before: null, after: 14 } } },
      "set due date reminders to 14 days before",
    ],
    [
      { verb: "due_reminders_changed", entityType: "plan", reference: null, changes: { dueReminderDays: { before: 7, after: null } } },
      "turned due date reminders off",
    ],
    [
      {
        entityType: "review",
        verb: "scheduled",
        changes: { title: { before: null, after: "Six-month review" }, dueOn: { before: null, after: "2010-09-30" } },
      },
      "scheduled the review “Six-month review”, due 30 September 2010",
    ],
    [
      {
        entityType: "review",
        verb: "action_assessed",
        changes: { assessment: { before: null, after: "some_progress" } },
        context: { title: "Six-month review" },
      },
      "assessed 1.5 for the review “Six-month review” as some progress",
    ],
    [
      {
        entityType: "review",
        verb: "recommendation_answered",
        changes: { response: { before: null, after: "accepted_in_part" } },
        context: { title: "Six-month review", recommendation: 2 },
      },
      "responded to recommendation 2 of the review “Six-month review” (accepted in part)",
    ],
    [
      {
        entityType: "review",
        verb: "rescheduled",
        changes: { dueOn: { before: "2010-09-30", after: "2010-10-15" }, facilitators: { before: [], after: [] } },
        context: { title: "Six-month review" },
      },
      "changed the due date and facilitators of the review “Six-month review”",
    ],
    [{ verb: "archived" }, "archived 1.5"],
    [
      { verb: "updated", changes: { obstacles: { before: ["Timescales"], after: ["Timescales", "Capacity"] } } },
      "changed the obstacle categories of 1.5 (now Timescales and Capacity)",
    ],
    [{ verb: "updated", changes: { obstacles: { before: ["Timescales"], after: [] } } }, "changed the obstacle categories of 1.5 (now none)"],
    [
      { entityType: "obstacle_category", verb: "created", reference: null, changes: { name: { before: null, after: "Trust" } } },
      "added the obstacle category “Trust”",
    ],
    [
      {
        entityType: "obstacle_category",
        verb: "updated",
        reference: null,
        changes: { name: { before: "Trust", after: "Mutual trust" } },
        context: { name: "Trust" },
      },
      "renamed the obstacle category “Trust” to “Mutual trust”",
    ],
    [
      {
        entityType: "obstacle_category",
        verb: "updated",
        reference: null,
        changes: { name: { before: "Trust", after: "Mutual trust" }, description: { before: "", after: "x" } },
        context: { name: "Trust" },
      },
      "renamed the obstacle category “Trust” to “Mutual trust” and changed its description",
    ],
    [
      { entityType: "obstacle_category", verb: "updated", reference: null, changes: { description: { before: "", after: "x" } }, context: { name: "Trust" } },
      "changed the description of the obstacle category “Trust”",
    ],
    [
      { entityType: "obstacle_category", verb: "reordered", reference: null, changes: { position: { before: 3, after: 2 } }, context: { name: "Trust" } },
      "moved the obstacle category “Trust” from position 3 to 2",
    ],
    [{ entityType: "obstacle_category", verb: "removed", reference: null, context: { name: "Trust", actions: [] } }, "removed the obstacle category “Trust”"],
    [
      { entityType: "obstacle_category", verb: "removed", reference: null, context: { name: "Trust", actions: ["1.1"] } },
      "removed the obstacle category “Trust”, so 1.1 no longer addresses it",
    ],
    [
      { entityType: "obstacle_category", verb: "removed", reference: null, context: { name: "Trust", actions: ["1.1", "1.4", "2.3"] } },
      "removed the obstacle category “Trust”, so 1.1, 1.4 and 2.3 no longer address it",
    ],
    [{ entityType: "plan", verb: "publication_proposed", reference: null }, "proposed publishing the plan on its public page"],
    [
      { entityType: "plan", verb: "published", reference: null, context: { address: "/public/hertfordshire/7d0c" } },
      "agreed, and the plan was published at /public/hertfordshire/7d0c",
    ],
    [{ entityType: "plan", verb: "publication_withdrawn", reference: null, context: { withdrew: "proposal" } }, "withdrew the proposal to publish the plan"],
    [{ entityType: "plan", verb: "publication_withdrawn", reference: null, context: { withdrew: "published" } }, "withdrew the plan from its public page"],
    [
      { entityType: "request", verb: "refused", reference: null, context: { permission: "plan.agreePublication", method: "POST" } },
      "tried to agree to publish the plan but may not",
    ],
    [
      { entityType: "user", verb: "public_name_changed", reference: null, changes: { nameShownPublicly: { before: false, after: true } } },
      "said yes to their name on public pages",
    ],
    [
      { entityType: "user", verb: "public_name_changed", reference: null, changes: { nameShownPublicly: { before: true, after: false } } },
      "said no to their name on public pages",
    ],
    [{ entityType: "user", verb: "personal_data_downloaded", reference: null, context: { person: "Sam Patel" } }, "downloaded the personal data of Sam Patel"],
    [{ entityType: "user", verb: "signed_in", reference: null, context: { session: "abc123" } }, "signed in"],
    [{ entityType: "user", verb: "calendar_feed_reset", reference: null }, "reset their calendar link"],
    // An account's word is for the account's own events only.
    [{ entityType: "group", verb: "signed_in", reference: null }, "signed in group"],
    [{ entityType: "request", verb: "refused", context: { permission: "action.edit", method: "POST" } }, "tried to change 1.5 but may not"],
    [
      { entityType: "request", verb: "refused", reference: null, context: { permission: "plan.viewHistory", method: "GET" } },
      "tried to read the plan's history but may not",
    ],
    [
      { entityType: "request", verb: "refused", reference: null, context: { permission: "plan.submitForms", method: "POST" } },
      "tried to change the plan but may not",
    ],
    [{ entityType: "request", verb: "refused", reference: null, context: { permission: "toString", method: "POST" } }, "was refused a request"],
    [
      { entityType: "request", verb: "refused", reference: null, context: { reason: "cross-site", method: "POST" } },
      "sent a form from another website, which was refused",
    ],
    [
      { entityType: "user", verb: "erased", reference: null, context: { formerMember: 3, notesTextRemoved: 2 } },
      "erased a person's name and email at their request: they now appear as Former member 3, and the text of their 2 progress notes was removed",
    ],
    [
      { entityType: "user", verb: "erased", reference: null, context: { formerMember: 1, notesTextRemoved: 0 } },
      "erased a person's name and email at their request: they now appear as Former member 1",
    ],
    [
      { entityType: "partnership", verb: "erasure_policy_changed", reference: null, changes: { erasureKeepsNoteText: { before: false, after: true } } },
      "decided that an erased person's progress notes keep their text, with their name replaced",
    ],
    [
      { entityType: "security_log", verb: "purged", reference: null, context: { removed: 12, days: 400 } },
      "removed 12 refused page visits and failed sign-ins older than 400 days from the security log",
    ],
  ] as Array<[Partial<HistoryEvent>, string]>)("%j → %s", (event, sentence) => {
    expect(describeChange({ ...base, ...event })).toBe(sentence);
  });
});

describe("a partner survey's history", () => {
  const event = (verb: string, context: Record<string, unknown>, changes: HistoryEvent["changes"] = {}): HistoryEvent => ({
    ...base,
    entityType: "survey",
    reference: null,
    verb,
    context: { title: "Partner survey 2026", ...context },
    changes,
  });

  it("names the organisations invited or removed, never their addresses, and the fields of an edit", () => {
    expect(describeChange(event("updated", { added: ["Age UK", "Solent Mind"] }))).toBe(
      "invited Age UK, Solent Mind to the partner survey “Partner survey 2026”",
    );
    expect(describeChange(event("updated", { removed: "Age UK" }))).toBe("removed Age UK from the partner survey “Partner survey 2026”");
    expect(describeChange(event("updated", {}, { title: { before: "a", after: "b" }, questions: { before: [], after: [] } }))).toBe(
      "changed the partner survey “Partner survey 2026” (title and questions)",
    );
    expect(describeChange(event("answered", {}))).toBe("received an answer to the partner survey “Partner survey 2026” from an invited organisation");
  });
});
