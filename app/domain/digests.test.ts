import { describe, expect, it } from "vitest";
import { DIGEST_ITEM_BUDGET, DIGEST_LIST_CAP, digestEmail, dueReminderEmail, excerpt, inReminderWindow, type DigestFacts, type DigestPlan } from "./digests";

// The digest's words from known facts: lists capped with a way to the board,
// subjects that count right, and the reminder's window.

const link = (path: string) => `https://board.example${path}`;
const now = new Date("2026-12-07T07:00:00Z");

function plan(overrides: Partial<DigestPlan> = {}): DigestPlan {
  return { id: "plan-1", title: "Action Plan", led: [], awaitingConfirmation: [], changes: null, openReviews: [], publishedReviews: [], ...overrides };
}

function facts(plans: DigestPlan[], more: DigestFacts["partnerships"] = []): DigestFacts {
  return {
    personName: "Sam Patel",
    now,
    since: new Date("2026-11-30T07:00:00Z"),
    partnerships: [{ slug: "portsmouth", name: "Portsmouth", plans }, ...more],
  };
}

const overdue = (count: number, from = 1) =>
  Array.from({ length: count }, (_, index) => ({
    id: `a${from + index}`,
    reference: `1.${from + index}`,
    title: `Action ${from + index}`,
    status: "in_progress" as const,
    dueOn: "2026-11-01",
  }));

describe("the digest", () => {
  it("counts the actions that need the person in its subject, naming the one partnership", () => {
    expect(digestEmail(facts([plan({ led: overdue(1) })]), link).subject).toBe("1 action needs you this week — Portsmouth");
    expect(digestEmail(facts([plan({ led: overdue(3) })]), link).subject).toBe("3 actions need you this week — Portsmouth");
    const two = facts([plan({ led: overdue(1) })], [{ slug: "herts", name: "Hertfordshire Compact", plans: [plan({ id: "plan-2", led: overdue(1, 5) })] }]);
    expect(digestEmail(two, link).subject).toBe("2 actions need you this week — 2 partnerships");
  });

  it("leaves out done actions and those not yet due within 14 days", () => {
    const built = digestEmail(
      facts([
        plan({
          led: [
            { id: "done", reference: "1.1", title: "Done one", status: "done", dueOn: "2026-11-01" },
            { id: "later", reference: "1.2", title: "Later one", status: "not_started", dueOn: "2026-12-22" },
            { id: "soon", reference: "1.3", title: "Soon one", status: "not_started", dueOn: "2026-12-21" },
          ],
        }),
      ]),
      link,
    );
    expect(built.subject).toBe("1 action needs you this week — Portsmouth");
    const lists = built.document.sections![0]!.sections![0]!.sections!;
    expect(lists.map((list) => list.heading)).toEqual(["Due in the next 14 days (1)"]);
    expect(lists[0]!.items).toEqual([
      { text: "1.3 Soon one", href: "https://board.example/p/portsmouth/plans/plan-1/actions/soon", detail: "due 21 December 2026" },
    ]);
  });

  it(`shows ${DIGEST_LIST_CAP} of a long list and sends the rest to the board`, () => {
    const list = digestEmail(facts([plan({ led: overdue(25) })]), link).document.sections![0]!.sections![0]!.sections![0]!;
    expect(list.heading).toBe("Overdue (25)");
    expect(list.items).toHaveLength(DIGEST_LIST_CAP);
    expect(list.more).toEqual({ text: "and 15 more on the board:", href: "https://board.example/p/portsmouth/plans/plan-1?mine=1&due=overdue" });
  });

  it(`lists at most ${DIGEST_ITEM_BUDGET} items in all, however many plans`, () => {
    const plans = Array.from({ length: 20 }, (_, index) => plan({ id: `plan-${index}`, title: `Plan ${index}`, led: overdue(15, index * 100) }));
    const built = digestEmail(facts(plans), link);
    const items = built.document.sections![0]!.sections!.flatMap((section) => section.sections!.flatMap((list) => list.items ?? []));
    expect(items).toHaveLength(DIGEST_ITEM_BUDGET);
    expect(built.subject).toBe("300 actions need you this week — Portsmouth");
  });

  it("is empty, and says so, when there is nothing to say", () => {
    const built = digestEmail(facts([plan()]), link);
    expect(built.empty).toBe(true);
    expect(built.subject).toBe("Nothing needs you this week");
  });

  it("speaks of the plans' changes when only a steward's news is there", () => {
    const counts = { moves: 2, confirmations: 0, newActions: 1, notes: 1, other: 0 };
    const notes = [{ actionId: "a1", reference: "1.5", author: "Jordan Hughes", body: "Directory\r\nlive", createdAt: new Date("2026-12-03T10:00:00Z") }];
    const built = digestEmail(facts([plan({ changes: { counts, notes } })]), link);
    expect(built.subject).toBe("What changed on your plan this week — Portsmouth");
    const changed = built.document.sections![0]!.sections![0]!.sections![0]!;
    expect(changed.heading).toBe("What changed since 30 November 2026");
    expect(changed.paragraphs).toEqual(["4 updates to the plan. Cards moved: 2. New actions: 1. Progress notes added: 1."]);
    expect(changed.items![0]!.text).toBe("1.5 Jordan Hughes: “Directory live”");
  });

  it("names reviews published when that is all there is", () => {
    const review = {
      id: "r1",
      kind: "six_month" as const,
      title: "",
      status: "published" as const,
      dueOn: "2026-11-30",
      publishedAt: new Date("2026-12-02T12:00:00Z"),
      path: "/r",
    };
    expect(digestEmail(facts([plan({ publishedReviews: [review] })]), link).subject).toBe("A review was published this week — Portsmouth");
  });
});

describe("the due reminder", () => {
  it("falls in [due date − N days, due date)", () => {
    expect(inReminderWindow("2026-12-14", 7, "2026-12-06")).toBe(false);
    expect(inReminderWindow("2026-12-14", 7, "2026-12-07")).toBe(true);
    expect(inReminderWindow("2026-12-14", 7, "2026-12-13")).toBe(true);
    expect(inReminderWindow("2026-12-14", 7, "2026-12-14")).toBe(false);
  });

  it("says how many days are left", () => {
    const base = {
      personName: "Sam",
      partnershipName: "Portsmouth",
      planTitle: "Action Plan",
      reference: "1.5",
      title: "Map",
      dueOn: "2026-12-10",
      reminderDays: 3,
      path: "/a",
    };
    expect(dueReminderEmail(base, "2026-12-07", link).subject).toBe("1.5 is due in 3 days — Portsmouth: Action Plan");
    expect(dueReminderEmail(base, "2026-12-09", link).subject).toBe("1.5 is due tomorrow — Portsmouth: Action Plan");
  });
});

describe("excerpt", () => {
  it("keeps a note to one line and a short length", () => {
    expect(excerpt("a\r\nBcc: x@evil.test")).toBe("a Bcc: x@evil.test");
    expect(excerpt("x".repeat(400))).toHaveLength(160);
  });
});
