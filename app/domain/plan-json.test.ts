import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkProperty, PROPERTY_RUNS } from "../../tests/support/property";
import type { DraftAction, PlanDraft } from "./plan-draft";
import { planDraftFromJson, planJsonDocument, type PlanExportSource } from "./plan-json";
import { STATUSES } from "./vocabulary";

const source: PlanExportSource = {
  plan: { title: "Partnership Improvement Action Plan 2010", periodStart: "2010-04-01", periodEnd: "2011-03-31" },
  exportedAt: new Date("2010-06-01T09:00:00Z"),
  obstacleCategories: [
    { id: "c1", name: "Timescales", description: "Too little time" },
    { id: "c2", name: "Communications", description: "" },
  ],
  // Out of order on purpose: the document orders objectives and actions by number.
  objectives: [
    { id: "o2", number: 2, title: "Improve communications" },
    { id: "o1", number: 1, title: "Adopt the Compact" },
  ],
  actions: [
    {
      id: "a2",
      objectiveId: "o1",
      number: 2,
      title: "Publish the Compact",
      description: "",
      status: "done",
      confirmed: true,
      dueOn: "2010-05-31",
      timescaleText: "End May 2010",
      leads: [{ kind: "group", name: "Compact Working Group", email: null }],
      obstacleIds: ["c2", "c1"],
    },
    {
      id: "a1",
      objectiveId: "o1",
      number: 1,
      title: "Draft the Compact",
      description: "With both sectors",
      status: "in_progress",
      confirmed: false,
      dueOn: null,
      timescaleText: "Ongoing",
      leads: [
        { kind: "person", name: "Mandy Lindley", email: "mandy@demo.test" },
        { kind: "outside", name: "JSNA team", email: null },
      ],
      obstacleIds: ["c1"],
    },
    {
      id: "a3",
      objectiveId: "o2",
      number: 1,
      title: "Newsletter",
      description: "",
      status: "not_started",
      confirmed: false,
      dueOn: "2010-09-30",
      timescaleText: "",
      leads: [],
      obstacleIds: [],
    },
  ],
  notes: [
    { actionId: "a1", authorEmail: "sam@demo.test", authorName: "Sam Patel", body: "First draft out", createdAt: new Date("2010-05-03T10:00:00Z") },
    { actionId: "a1", authorEmail: null, authorName: "Former member", body: "Comments back", createdAt: new Date("2010-05-10T10:00:00Z") },
  ],
  indicators: [
    {
      name: "Organisations that feel heard",
      measures: "Share of VCS organisations who say the council listens",
      unit: "percent",
      better: "higher",
      baselineValue: 40,
      baselineOn: "2010-04-01",
      targetValue: 60,
      targetOn: "2011-03-31",
      source: "Partner survey",
      comparisonValue: 52,
      comparisonLabel: "National average",
      objectiveIds: ["o2", "o1"],
      readings: [
        { id: "r1", value: 44, measuredOn: "2010-06-30", sourceNote: "Summer survey", correctsReadingId: null, recordedAt: new Date("2010-07-01T09:00:00Z") },
        { id: "r2", value: 45, measuredOn: "2010-06-30", sourceNote: "Recounted", correctsReadingId: "r1", recordedAt: new Date("2010-07-02T09:00:00Z") },
      ],
    },
  ],
};

const action = (fields: Partial<DraftAction> & Pick<DraftAction, "number" | "title" | "status">): DraftAction => ({
  line: null,
  description: "",
  leadNames: [],
  timescaleText: "",
  dueOn: null,
  confirmed: false,
  obstacleNames: [],
  notes: [],
  ...fields,
});

describe("a plan as JSON", () => {
  it("reads an export back as the plan it came from", () => {
    const document = planJsonDocument(source);
    expect(document.objectives[0]!.actions[0]!.leads).toEqual([
      { kind: "person", name: "Mandy Lindley", email: "mandy@demo.test" },
      { kind: "outside", name: "JSNA team" },
    ]);
    expect(document.objectives[0]!.actions[0]!.notes[0]).toEqual({
      author: "sam@demo.test",
      authorName: "Sam Patel",
      body: "First draft out",
      createdAt: "2010-05-03T10:00:00.000Z",
    });

    const result = planDraftFromJson(JSON.stringify(document));
    expect(result).toEqual({
      ok: true,
      title: "Partnership Improvement Action Plan 2010",
      periodStart: "2010-04-01",
      periodEnd: "2011-03-31",
      draft: {
        obstacleCategories: [
          { name: "Timescales", description: "Too little time" },
          { name: "Communications", description: "" },
        ],
        objectives: [
          {
            line: null,
            number: 1,
            title: "Adopt the Compact",
            actions: [
              action({
                number: 1,
                title: "Draft the Compact",
                description: "With both sectors",
                status: "in_progress",
                timescaleText: "Ongoing",
                leadNames: ["Mandy Lindley", "JSNA team"],
                obstacleNames: ["Timescales"],
                notes: [
                  { author: "sam@demo.test", body: "First draft out", createdAt: "2010-05-03T10:00:00.000Z" },
                  { author: "Former member", body: "Comments back", createdAt: "2010-05-10T10:00:00.000Z" },
                ],
              }),
              action({
                number: 2,
                title: "Publish the Compact",
                status: "done",
                confirmed: true,
                dueOn: "2010-05-31",
                timescaleText: "End May 2010",
                leadNames: ["Compact Working Group"],
                obstacleNames: ["Communications", "Timescales"],
              }),
            ],
          },
          {
            line: null,
            number: 2,
            title: "Improve communications",
            actions: [action({ number: 1, title: "Newsletter", status: "not_started", dueOn: "2010-09-30" })],
          },
        ],
        indicators: [
          {
            name: "Organisations that feel heard",
            measures: "Share of VCS organisations who say the council listens",
            unit: "percent",
            better: "higher",
            baselineValue: 40,
            baselineOn: "2010-04-01",
            targetValue: 60,
            targetOn: "2011-03-31",
            source: "Partner survey",
            comparisonValue: 52,
            comparisonLabel: "National average",
            objectiveNumbers: [1, 2],
            readings: [
              { value: 44, measuredOn: "2010-06-30", sourceNote: "Summer survey", recordedAt: "2010-07-01T09:00:00.000Z", corrects: null },
              { value: 45, measuredOn: "2010-06-30", sourceNote: "Recounted", recordedAt: "2010-07-02T09:00:00.000Z", corrects: 1 },
            ],
          },
        ],
      } satisfies PlanDraft,
    });
  });

  it("writes indicators with the objectives they serve by number and every reading, a correction naming the one it corrects", () => {
    expect(planJsonDocument(source).indicators).toEqual([
      expect.objectContaining({
        name: "Organisations that feel heard",
        objectives: [1, 2],
        readings: [
          { value: 44, measuredOn: "2010-06-30", sourceNote: "Summer survey", recordedAt: "2010-07-01T09:00:00.000Z", corrects: null },
          { value: 45, measuredOn: "2010-06-30", sourceNote: "Recounted", recordedAt: "2010-07-02T09:00:00.000Z", corrects: 1 },
        ],
      }),
    ]);
    // An export made before outcomes has no indicators: it reads as a plan with none.
    const { indicators: _indicators, ...older } = planJsonDocument(source);
    expect(planDraftFromJson(JSON.stringify(older))).toMatchObject({ ok: true, draft: { indicators: [] } });
  });

  it("says what is wrong with an indicator, by its place and name", () => {
    const document = planJsonDocument(source);
    const indicator = document.indicators[0]!;
    const broken = {
      ...document,
      indicators: [
        { ...indicator, targetValue: 30, objectives: [1, 7], readings: [{ ...indicator.readings[0]!, corrects: 2 }, indicator.readings[1]!] },
        { ...indicator, name: "organisations that feel HEARD", targetOn: "2010-01-01", comparisonValue: null },
        { ...indicator, name: "Spend", unit: "pounds", baselineOn: "2010-02-30" },
      ],
    };
    const result = planDraftFromJson(JSON.stringify(broken));
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      "Indicator 3: Give the unit as one of “percent”, “number”, “money”",
      "Indicator 3: The baseline's date “2010-02-30” is not a real date: write it as YYYY-MM-DD",
    ]);
    const fixed = { ...broken, indicators: broken.indicators.slice(0, 2) };
    const again = planDraftFromJson(JSON.stringify(fixed));
    expect(again.ok ? [] : again.problems.map((problem) => problem.message)).toEqual([
      "Indicator 1 (“Organisations that feel heard”): the target must be higher than the baseline, as higher is better",
      "Indicator 1 (“Organisations that feel heard”): serves objective 7, which is not one of the plan's objectives",
      "Indicator 1 (“Organisations that feel heard”), reading 1: it can correct only a reading listed before it",
      "Indicator 2 (“organisations that feel HEARD”): another indicator has the same name",
      "Indicator 2 (“organisations that feel HEARD”): the target's date must be after the baseline's date",
      "Indicator 2 (“organisations that feel HEARD”): the comparison has a label but no value",
    ]);
  });

  it("reads the file as Windows saves it, with a byte-order mark", () => {
    expect(planDraftFromJson(`\uFEFF${JSON.stringify(planJsonDocument(source))}`).ok).toBe(true);
  });

  describe("says what is wrong with a file it cannot read", () => {
    const valid = () => JSON.parse(JSON.stringify(planJsonDocument(source))) as ReturnType<typeof planJsonDocument>;
    const problemsOf = (text: string) => {
      const result = planDraftFromJson(text);
      if (result.ok) throw new Error("expected problems");
      return result.problems.map((problem) => problem.message);
    };
    const problemsWith = (change: (document: ReturnType<typeof valid>) => void) => {
      const document = valid();
      change(document);
      return problemsOf(JSON.stringify(document));
    };

    it("not JSON, not ours, or a version it does not know", () => {
      expect(problemsOf("Objective,Action\n1,Draft")).toEqual([expect.stringMatching(/^This file is not valid JSON/)]);
      expect(problemsOf(JSON.stringify({ objectives: [] }))).toEqual([
        expect.stringMatching(/^This JSON is not a Partnership Board plan: its "format" should be "partnership-board-plan"/),
      ]);
      expect(problemsOf("[1, 2]")).toEqual([expect.stringMatching(/^This JSON is not a Partnership Board plan/)]);
      expect(problemsWith((document) => Object.assign(document, { version: 2 }))).toEqual([
        "This plan was exported in version 2 of the format; this Partnership Board reads version 1",
      ]);
    });

    it("fields over their limits, each saying where", () => {
      const long = (length: number) => "x".repeat(length);
      expect(
        problemsWith((document) => {
          const objective = document.objectives[0]!;
          const [first, second] = objective.actions as [(typeof objective.actions)[number], (typeof objective.actions)[number]];
          objective.title = long(501);
          first.title = long(501);
          first.description = long(10_001);
          first.timescaleText = long(301);
          first.notes[0]!.body = long(10_001);
          first.leads[1]!.name = long(201);
          second.leads = Array.from({ length: 51 }, (_, index) => ({ kind: "outside" as const, name: `Body ${index}` }));
        }),
      ).toEqual([
        "Objective 1: The objective's title must be 500 characters or fewer",
        "Action 1.1: The action's title must be 500 characters or fewer",
        "Action 1.1: The description must be 10,000 characters or fewer",
        "Action 1.1: The timescale wording must be 300 characters or fewer",
        "Action 1.1, lead 2: The lead's name must be 200 characters or fewer",
        "Action 1.1, note 1: The note must be 10,000 characters or fewer",
        "Action 1.2: Name at most 50 leads",
      ]);
    });

    it("missing and mistyped fields", () => {
      expect(
        problemsWith((document) => {
          const first = document.objectives[0]!.actions[0]!;
          Object.assign(first, { title: "  ", status: "finished", number: 1.5 });
          Object.assign(document.plan, { title: undefined });
        }),
      ).toEqual([
        "Plan: Give the plan's title as text",
        "Objective 1, action 1 in the list: Give the action number as a whole number",
        "Objective 1, action 1 in the list: Give the action's title",
        "Objective 1, action 1 in the list: Give the status as one of “not_started”, “in_progress”, “at_risk”, “done”",
      ]);
    });

    it("duplicate numbers, unknown obstacle categories, a confirmed action not done", () => {
      expect(
        problemsWith((document) => {
          document.objectives[1]!.number = 1;
          document.objectives[0]!.actions[1]!.number = 1;
          document.objectives[0]!.actions[0]!.obstacles = ["Capacity"];
          // The indicator serves objectives 1 and 2; there is no objective 2 now.
        }),
      ).toEqual([
        "Action 1.1: addresses “Capacity”, which is not one of the plan's obstacle categories",
        "Action 1.1: another action of objective 1 has the same number",
        "Objective 1: another objective has the same number",
        "Indicator 1 (“Organisations that feel heard”): serves objective 2, which is not one of the plan's objectives",
      ]);
      expect(problemsWith((document) => Object.assign(document.objectives[0]!.actions[0]!, { confirmed: true }))).toEqual([
        "Action 1.1: Only a done action can be confirmed",
      ]);
    });

    it("dates that are not real dates", () => {
      expect(
        problemsWith((document) => {
          document.plan.periodEnd = "2011-02-30";
          document.objectives[0]!.actions[0]!.dueOn = "31/05/2010";
          document.objectives[0]!.actions[0]!.notes[0]!.createdAt = "yesterday";
        }),
      ).toEqual([
        "Plan: The end of the plan's period “2011-02-30” is not a real date: write it as YYYY-MM-DD",
        "Action 1.1: The due date “31/05/2010” is not a real date: write it as YYYY-MM-DD",
        "Action 1.1, note 1: Give when the note was written as a date and time (ISO 8601), or null",
      ]);
      expect(problemsWith((document) => Object.assign(document.plan, { periodStart: "2011-04-01", periodEnd: "2011-03-31" }))).toEqual([
        "Plan: the end of the period must be on or after its start",
      ]);
    });
  });

  it("any plan survives the journey out and back", async () => {
    const words = (max: number) =>
      fc
        .string({ minLength: 1, maxLength: max })
        .map((value) => value.trim())
        .filter((value) => value.length > 0);
    const isoDay = fc
      .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
      .map((day) => day.toISOString().slice(0, 10));
    const moment = fc
      .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
      .map((when) => when.toISOString());
    const categories = fc.uniqueArray(fc.record({ name: words(100), description: fc.constant("") }), {
      maxLength: 4,
      selector: (category) => category.name.toLowerCase(),
    });
    const draftAction = (categoryNames: string[]) =>
      fc.record({
        title: words(40),
        description: fc.string({ maxLength: 40 }).map((value) => value.trim()),
        leadNames: fc.array(words(30), { maxLength: 3 }),
        timescaleText: fc.string({ maxLength: 30 }).map((value) => value.trim()),
        dueOn: fc.option(isoDay, { nil: null }),
        status: fc.constantFrom(...STATUSES),
        confirmed: fc.boolean(),
        obstacleNames: fc.subarray(categoryNames),
        notes: fc.array(fc.record({ author: words(30), body: words(60), createdAt: moment }), { maxLength: 2 }),
      });
    const numbered = <T>(items: fc.Arbitrary<T>) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { maxLength: 4 })
        .chain((numbers) => fc.tuple(...numbers.toSorted((a, b) => a - b).map((number) => items.map((item) => ({ number, ...item })))));
    const drafts = categories.chain((obstacleCategories) =>
      numbered(fc.record({ title: words(40), actions: numbered(draftAction(obstacleCategories.map((category) => category.name))) })).map(
        (objectives): PlanDraft => ({
          obstacleCategories,
          indicators: [],
          objectives: objectives.map((objective) => ({
            line: null,
            ...objective,
            actions: objective.actions.map((drafted) => ({ line: null, ...drafted, confirmed: drafted.status === "done" && drafted.confirmed })),
          })),
        }),
      ),
    );

    await checkProperty(
      fc.property(drafts, (draft) => {
        const result = planDraftFromJson(JSON.stringify(planJsonDocument(sourceOf(draft))));
        expect(result.ok && result.draft).toEqual(draft);
      }),
      PROPERTY_RUNS.planJsonRoundTrip,
    );
  });
});

/** What the server would read for a plan like `draft`: ids made up, every lead an outside body. */
function sourceOf(draft: PlanDraft): PlanExportSource {
  const categories = draft.obstacleCategories.map((category, index) => ({ id: `c${index}`, ...category }));
  const idOf = new Map(categories.map((category) => [category.name, category.id]));
  const actions = draft.objectives.flatMap((objective) =>
    objective.actions.map((drafted) => ({ objective, drafted, id: `a${objective.number}.${drafted.number}` })),
  );
  return {
    plan: { title: "A plan", periodStart: null, periodEnd: null },
    exportedAt: new Date(),
    obstacleCategories: categories,
    objectives: draft.objectives.map((objective) => ({ id: `o${objective.number}`, number: objective.number, title: objective.title })),
    actions: actions.map(({ objective, drafted, id }) => ({
      id,
      objectiveId: `o${objective.number}`,
      number: drafted.number,
      title: drafted.title,
      description: drafted.description,
      status: drafted.status,
      confirmed: drafted.confirmed,
      dueOn: drafted.dueOn,
      timescaleText: drafted.timescaleText,
      leads: drafted.leadNames.map((name) => ({ kind: "outside" as const, name, email: null })),
      obstacleIds: drafted.obstacleNames.map((name) => idOf.get(name)!),
    })),
    notes: actions.flatMap(({ drafted, id }) =>
      drafted.notes.map((note) => ({ actionId: id, authorEmail: null, authorName: note.author, body: note.body, createdAt: new Date(note.createdAt!) })),
    ),
    indicators: draft.indicators.map(({ objectiveNumbers, readings, ...indicator }, index) => ({
      ...indicator,
      objectiveIds: objectiveNumbers.map((number) => `o${number}`),
      readings: readings.map((reading, place) => ({
        id: `r${index}.${place + 1}`,
        value: reading.value,
        measuredOn: reading.measuredOn,
        sourceNote: reading.sourceNote,
        correctsReadingId: reading.corrects === null ? null : `r${index}.${reading.corrects}`,
        recordedAt: new Date(reading.recordedAt!),
      })),
    })),
  };
}
