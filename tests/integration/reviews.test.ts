import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { dataFingerprint } from "./support/forms";
import { client, signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// The six-month review over HTTP, as each role would send its forms: who may
// schedule, open, write, publish and answer a review, what each may read and
// when, that the snapshot stays as it was taken, that publishing locks the
// text (in the database too), and that two facilitators never overwrite each
// other unseen. The demo review is open, assigned to facilitator@demo.test.

let app: TestApp;
let planPath: string;
let reviewPath: string;
let reviewId: string;
const ids: Record<string, string> = {};
type Person = "admin" | "leader" | "officer" | "facilitator" | "otherFacilitator" | "councillor";
const people = {} as Record<Person, Client>;

beforeAll(async () => {
  app = await startApp();
  const plan = await app.db.selectFrom("plans").select("id").executeTakeFirstOrThrow();
  planPath = `/p/portsmouth/plans/${plan.id}`;
  reviewId = (await app.db.selectFrom("reviews").select("id").where("planId", "=", plan.id).executeTakeFirstOrThrow()).id;
  reviewPath = `${planPath}/reviews/${reviewId}`;
  const actions = await app.db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .select(["a.id", "a.number", "o.number as objective"])
    .execute();
  for (const action of actions) ids[`${action.objective}.${action.number}`] = action.id;
  for (const category of await app.db.selectFrom("obstacleCategories").select(["id", "name"]).execute()) ids[category.name] = category.id;

  people.admin = await signedIn(app.url, "admin@demo.test");
  people.leader = await signedIn(app.url, "leader@demo.test");
  people.officer = await signedIn(app.url, "officer@demo.test");
  people.facilitator = await signedIn(app.url, "facilitator@demo.test");
  people.councillor = await signedIn(app.url, "councillor@demo.test");
  people.otherFacilitator = await newFacilitator("Robin Fraser", "robin.fraser@demo.test");
});
afterAll(() => app?.close());

/** A second review facilitator of the partnership, invited and signed up as a person would be. */
async function newFacilitator(displayName: string, email: string): Promise<Client> {
  const invited = await people.admin.post("/p/portsmouth/people", { intent: "invite", email, displayName, role: "facilitator", sector: "independent" });
  const token = /\/invitations\/([a-z2-7]+)/.exec(await invited.text())?.[1];
  if (!token) throw new Error(`No invitation link (${invited.status})`);
  const person = client(app.url);
  const accepted = await person.post(`/invitations/${token}`, { displayName, password: "a long enough passphrase" });
  expect(accepted.status).toBe(302);
  return person;
}

async function assessment(reference: string) {
  return app.db
    .selectFrom("reviewAssessments")
    .select(["assessment", "evidence", "version"])
    .where("reviewId", "=", reviewId)
    .where("actionId", "=", ids[reference]!)
    .executeTakeFirst();
}

async function reviewEvents() {
  const { count } = await app.db
    .selectFrom("auditEvents")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("entityType", "=", "review")
    .executeTakeFirstOrThrow();
  return Number(count);
}

const assess = (reference: string, version: number, evidence: string, value = "on_track") => ({
  intent: "assess",
  actionId: ids[reference]!,
  version: String(version),
  assessment: value,
  evidence,
});

describe(`a review while it is open, on ${engine}`, () => {
  it("is read by admins and facilitators; stewards see its schedule only; members and observers get 404", async () => {
    const evidence = "A first draft of the strategy went to the Leadership Group in June";
    for (const who of ["admin", "facilitator", "otherFacilitator"] as const) {
      const response = await people[who].get(reviewPath);
      expect(response.status, who).toBe(200);
      expect(await response.text(), who).toContain(evidence);
    }
    const steward = await people.leader.get(reviewPath);
    expect(steward.status).toBe(200);
    const stewardPage = await steward.text();
    expect(stewardPage).toContain("Change the schedule");
    expect(stewardPage).not.toContain(evidence);
    for (const who of ["officer", "councillor"] as const) {
      expect((await people[who].get(reviewPath)).status, who).toBe(404);
      expect((await people[who].get(`${reviewPath}/assessments.csv`)).status, who).toBe(404);
    }
    // Everyone sees that it is due, on the plan's pages.
    expect(await (await people.councillor.get(`${planPath}/reviews`)).text()).toContain("Six-month review was due 30 September 2010: overdue");
  });

  it("is written only by its assigned facilitators: every other role gets 403 and nothing is written", async () => {
    const forms: Array<Record<string, string>> = [
      assess("1.2", 0, "Forged"),
      { intent: "find-obstacle", obstacleCategoryId: ids.Structure!, version: "0", rating: "addressed", commentary: "Forged" },
      { intent: "save-summary", version: "0", summary: "Forged" },
      { intent: "add-barrier", name: "Forged", obstacleCategoryId: "new", description: "" },
      { intent: "add-recommendation", body: "Forged" },
      { intent: "publish" },
      { intent: "add-addendum", body: "Forged" },
    ];
    const before = await dataFingerprint(app);
    for (const who of ["admin", "leader", "officer", "otherFacilitator", "councillor"] as const) {
      for (const form of forms) {
        const response = await people[who].post(reviewPath, form);
        expect(response.status, `${who}: ${form.intent}`).toBe(403);
      }
    }
    // Rescheduling is for admins and stewards.
    const facilitatorUserIds = await facilitatorIds("facilitator@demo.test");
    for (const who of ["officer", "facilitator", "otherFacilitator", "councillor"] as const) {
      const response = await people[who].post(reviewPath, {
        intent: "reschedule",
        kind: "six_month",
        title: "Forged",
        dueOn: "2010-10-01",
        facilitatorUserIds,
      });
      expect(response.status, who).toBe(403);
    }
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("saves an assessment once, with one event, and keeps it across a reload", async () => {
    const events = await reviewEvents();
    const response = await people.facilitator.post(reviewPath, assess("1.2", 0, "Priorities listed in July."));
    expect(response.status).toBe(200);
    expect(await assessment("1.2")).toEqual({ assessment: "on_track", evidence: "Priorities listed in July.", version: 1 });
    expect(await reviewEvents()).toBe(events + 1);
    expect(await (await people.facilitator.get(reviewPath)).text()).toContain("Priorities listed in July.");
    // The draft stays out of the action's own history, which every role reads.
    for (const who of ["councillor", "officer"] as const) {
      const dialog = await (await people[who].get(`${planPath}/actions/${ids["1.2"]}`)).text();
      expect(dialog, who).toContain("History");
      expect(dialog, who).not.toContain("for the review");
    }
  });

  it("keeps the obstacle categories its snapshot assesses: removing one is refused with a reason", async () => {
    const response = await people.leader.post(`${planPath}/settings`, { intent: "remove-obstacle", categoryId: ids.Capacity! });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("A review of this plan assesses “Capacity”");
  });

  it("refuses a second facilitator's save over a version they never saw, handing back the newer text", async () => {
    const colleague = await newFacilitator("Alex Morgan", "alex.morgan@demo.test");
    const both = {
      kind: "six_month",
      title: "Six-month review",
      dueOn: "2010-09-30",
      facilitatorUserIds: await facilitatorIds("facilitator@demo.test", "alex.morgan@demo.test"),
    };
    expect((await people.admin.post(reviewPath, { intent: "reschedule", ...both })).status).toBe(200);

    // Both load version 1 of 1.2's assessment; the colleague saves first.
    expect((await colleague.post(reviewPath, assess("1.2", 1, "Met the commissioners in August.", "some_progress"))).status).toBe(200);
    const late = await people.facilitator.post(reviewPath, assess("1.2", 1, "Priorities listed in July, agreed in September.", "achieved"));
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Met the commissioners in August.");
    expect(await assessment("1.2")).toEqual({ assessment: "some_progress", evidence: "Met the commissioners in August.", version: 2 });

    // Saving again over the version now shown is a deliberate overwrite.
    expect((await people.facilitator.post(reviewPath, assess("1.2", 2, "Agreed in September.", "achieved"))).status).toBe(200);
    expect(await assessment("1.2")).toMatchObject({ assessment: "achieved", version: 3 });
  });

  it("keeps its snapshot as it was taken, whatever happens to the plan afterwards", async () => {
    const before = await app.db.selectFrom("reviews").select("snapshot").where("id", "=", reviewId).executeTakeFirstOrThrow();
    const then = before.snapshot!.actions.find((action) => action.actionId === ids["1.3"])!;
    const moved = await people.leader.post(planPath, {
      intent: "move",
      actionId: ids["1.3"]!,
      objectiveId: await objectiveOf("1.3"),
      status: "at_risk",
      placement: "top",
    });
    expect(moved.status).toBe(200);
    await people.leader.post(`${planPath}/actions/${ids["1.3"]}`, { intent: "add-note", body: "Slipped: the commissioners' meeting moved to November." });

    const after = await app.db.selectFrom("reviews").select("snapshot").where("id", "=", reviewId).executeTakeFirstOrThrow();
    expect(after.snapshot).toEqual(before.snapshot);
    expect(then.status).not.toBe("at_risk");
    // Nor can anyone rewrite it, even straight in the database.
    await expect(
      sql`update reviews set snapshot = '{"actions":[],"obstacles":[],"takenAt":"2010-01-01"}'::jsonb where id = ${reviewId}`.execute(app.db),
    ).rejects.toThrow(/snapshot never changes/);
  });

  it("answers bad input with 400 and a message at the field", async () => {
    const bad = await people.facilitator.post(reviewPath, { intent: "assess", actionId: ids["1.2"]!, version: "3", assessment: "brilliant", evidence: "" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choose an assessment");
    const long = await people.facilitator.post(reviewPath, { intent: "save-summary", version: "0", summary: "x".repeat(20_001) });
    expect(long.status).toBe(400);
    const unknown = await people.facilitator.post(reviewPath, {
      intent: "assess",
      actionId: crypto.randomUUID(),
      version: "0",
      assessment: "achieved",
      evidence: "",
    });
    expect(unknown.status).toBe(404);
    const elsewhere = await people.facilitator.post(`${planPath}/reviews/${crypto.randomUUID()}`, assess("1.2", 3, "Nowhere"));
    expect(elsewhere.status).toBe(404);
  });
});

describe(`publishing a review, on ${engine}`, () => {
  let recommendationId: string;

  it("needs a summary, then locks the review", async () => {
    const early = await people.facilitator.post(reviewPath, { intent: "publish" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Write the overall summary before publishing");

    expect((await people.facilitator.post(reviewPath, { intent: "save-summary", version: "0", summary: "Good progress on strategy." })).status).toBe(200);
    expect((await people.facilitator.post(reviewPath, { intent: "add-recommendation", body: "Name an owner for the website." })).status).toBe(200);
    recommendationId = (await app.db.selectFrom("reviewRecommendations").select("id").where("reviewId", "=", reviewId).executeTakeFirstOrThrow()).id;
    expect((await people.facilitator.post(reviewPath, { intent: "publish" })).status).toBe(200);
    expect(await app.db.selectFrom("reviews").select("status").where("id", "=", reviewId).executeTakeFirstOrThrow()).toEqual({ status: "published" });
  });

  it("refuses every change to a published review's text with 409, writing nothing (and the database refuses too)", async () => {
    const before = await dataFingerprint(app);
    const current = await assessment("1.2");
    const forms: Array<Record<string, string>> = [
      assess("1.2", current!.version, "Changed after publication"),
      { intent: "find-obstacle", obstacleCategoryId: ids.Structure!, version: "0", rating: "addressed", commentary: "Late" },
      { intent: "save-summary", version: "1", summary: "Rewritten" },
      { intent: "add-barrier", name: "Late barrier", obstacleCategoryId: "new", description: "" },
      { intent: "add-recommendation", body: "Late" },
      { intent: "update-recommendation", recommendationId, version: "1", body: "Rewritten" },
      { intent: "remove-recommendation", recommendationId },
      { intent: "reschedule", kind: "annual", title: "Renamed", dueOn: "2010-10-01", facilitatorUserIds: (await facilitatorIds("facilitator@demo.test"))[0]! },
    ];
    for (const form of forms) {
      const who = form.intent === "reschedule" ? people.admin : people.facilitator;
      const response = await who.post(reviewPath, form);
      expect(response.status, form.intent).toBe(409);
      expect(await response.text(), form.intent).toContain("published");
    }
    expect(await dataFingerprint(app)).toEqual(before);
    await expect(sql`update review_assessments set evidence = 'Rewritten' where review_id = ${reviewId}`.execute(app.db)).rejects.toThrow(
      /published review never changes/,
    );
    await expect(sql`update reviews set summary = 'Rewritten' where id = ${reviewId}`.execute(app.db)).rejects.toThrow(/published review never changes/);
  });

  it("refuses publishing or opening it again with 409, saying when it was published, writing nothing", async () => {
    const { publishedAt } = await app.db.selectFrom("reviews").select("publishedAt").where("id", "=", reviewId).executeTakeFirstOrThrow();
    const on = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(publishedAt!);
    const before = await dataFingerprint(app);
    for (const intent of ["publish", "open"]) {
      const response = await people.facilitator.post(reviewPath, { intent });
      expect(response.status, intent).toBe(409);
      const page = (await response.text()).replaceAll("<!-- -->", "");
      expect(page, intent).toContain(`This review was already published on ${on}; a published review cannot change.`);
      expect(page, intent).not.toContain("Published. Everyone who can see the plan");
    }
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("lets stewards answer a recommendation and assigned facilitators add a dated addendum; no one else", async () => {
    const answer = { intent: "respond", recommendationId, response: "accepted_in_part", body: "An owner by October; the budget in April." };
    for (const who of ["admin", "officer", "facilitator", "councillor"] as const) {
      expect((await people[who].post(reviewPath, answer)).status, who).toBe(403);
    }
    expect((await people.leader.post(reviewPath, answer)).status).toBe(200);
    const addendum = { intent: "add-addendum", body: "The owner was named on 12 October." };
    for (const who of ["admin", "leader", "otherFacilitator", "councillor"] as const) {
      expect((await people[who].post(reviewPath, addendum)).status, who).toBe(403);
    }
    expect((await people.facilitator.post(reviewPath, addendum)).status).toBe(200);
    expect(await app.db.selectFrom("reviewResponses").select(["response", "body"]).execute()).toEqual([{ response: "accepted_in_part", body: answer.body }]);
    expect(await app.db.selectFrom("reviewAddenda").select("body").execute()).toEqual([{ body: addendum.body }]);
  });

  it("is read by everyone who can see the plan, councillors included, with what changed since", async () => {
    for (const who of ["admin", "leader", "officer", "facilitator", "councillor"] as const) {
      const response = await people[who].get(reviewPath);
      expect(response.status, who).toBe(200);
      const page = await response.text();
      expect(page, who).toContain("Good progress on strategy.");
      expect(page, who).toContain("An owner by October; the budget in April.");
      expect(page, who).toContain("Since the review");
    }
    const page = await (await people.councillor.get(reviewPath)).text();
    expect(page).toMatch(/1\.3 [^<]*: from [A-Za-z ]+ to At risk/);
    const csv = await (await people.councillor.get(`${reviewPath}/assessments.csv`)).text();
    expect(csv.split("\r\n")[0]).toContain("assessment");
    expect(csv).toContain("Agreed in September.");
    // The board's cards show the published assessment in words.
    expect(await (await people.councillor.get(planPath)).text()).toContain("Six-month review: Achieved");
  });

  it("compares two published reviews per action", async () => {
    const annualId = crypto.randomUUID();
    const schedule = { kind: "annual", title: "Annual review", dueOn: "2011-03-31", facilitatorUserIds: await facilitatorIds("facilitator@demo.test") };
    expect((await people.leader.post(`${planPath}/reviews`, { id: annualId, ...schedule })).status).toBe(302);
    const annualPath = `${planPath}/reviews/${annualId}`;
    // A draft is not for members to read, nor to compare.
    expect((await people.officer.get(annualPath)).status).toBe(404);
    expect((await people.facilitator.post(annualPath, { intent: "open" })).status).toBe(200);
    expect((await people.facilitator.post(annualPath, assess("1.2", 0, "Done and dusted.", "achieved"))).status).toBe(200);
    expect((await people.facilitator.post(annualPath, assess("1.4", 0, "Stalled.", "no_progress"))).status).toBe(200);
    expect((await people.facilitator.post(annualPath, { intent: "save-summary", version: "0", summary: "A year on." })).status).toBe(200);
    expect((await people.officer.get(`${planPath}/reviews/compare?from=${reviewId}&to=${annualId}`)).status).toBe(404);
    expect((await people.facilitator.post(annualPath, { intent: "publish" })).status).toBe(200);

    const compared = await (await people.officer.get(`${planPath}/reviews/compare?from=${reviewId}&to=${annualId}`)).text();
    expect(cellsOfRow(compared, "1.4")).toEqual(["Some progress", "No progress", "Changed"]);
    expect(cellsOfRow(compared, "1.2")).toEqual(["Achieved", "Achieved", "Same"]);
  });
});

async function facilitatorIds(...emails: string[]) {
  return (await app.db.selectFrom("users").select("id").where("email", "in", emails).execute()).map((user) => user.id);
}

async function objectiveOf(reference: string) {
  return (await app.db.selectFrom("actions").select("objectiveId").where("id", "=", ids[reference]!).executeTakeFirstOrThrow()).objectiveId;
}

/** The text of a table row's cells, for the row whose heading starts with an action's reference. */
function cellsOfRow(html: string, reference: string): string[] {
  const text = (fragment: string) => fragment.replace(/<[^>]+>/g, "").trim();
  const row = html
    .split("<tr")
    .find((candidate) => /<th scope="row">/.test(candidate) && text(candidate.split("</th>")[0]!.replace(/^[^>]*>/, "")).startsWith(`${reference} `));
  if (!row) throw new Error(`No row for ${reference}`);
  return [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((match) => text(match[1]!));
}
