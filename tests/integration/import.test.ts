import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoObjectives } from "../../app/demo/portsmouth-data.server";
import { startApp, type TestApp } from "./support/app";
import { dataFingerprint } from "./support/forms";
import { signedIn, type Client } from "./support/http";
import { demoPlan } from "./support/people";
import { engine } from "./support/test-database";

// Importing a plan over HTTP, as the pages send it: a multipart form with the
// pasted table or a chosen file, previewed, then imported in one write.

const appendixA = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/appendix-a.tsv"));

let app: TestApp;
let admin: Client;
let leader: Client;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  leader = await signedIn(app.url, "leader@demo.test");
});
afterAll(() => app?.close());

/** Sends the import form as a browser does: multipart, with a file when given. */
async function send(person: Client, pathname: string, fields: Record<string, string | string[]>, file?: { bytes: Uint8Array; name: string }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  return fetch(new URL(pathname, app.url), {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Origin: new URL(app.url).origin, Cookie: person.cookie ?? "" },
  });
}

/** A page's words, as a screen reader reads them: no tags, no React's text separators. */
const wordsOf = async (response: Response) =>
  (await response.text())
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ");

const groupId = async (name: string) => (await app.db.selectFrom("groups").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

/** A plan's objectives, actions, leads and dates, in a shape two plans can be compared by. */
async function planShape(planId: string) {
  const objectives = await app.db.selectFrom("objectives").select(["id", "number", "title"]).where("planId", "=", planId).orderBy("number").execute();
  const actions = await app.db
    .selectFrom("actions")
    .select(["id", "objectiveId", "number", "title", "description", "dueOn", "timescaleText", "status"])
    .where("planId", "=", planId)
    .orderBy("number")
    .execute();
  const leads = await app.db
    .selectFrom("actionLeads")
    .select(["actionId", "userId", "groupId", "outsideBody", "position"])
    .where(
      "actionId",
      "in",
      actions.map((action) => action.id),
    )
    .orderBy("position")
    .execute();
  return objectives.map((objective) => ({
    number: objective.number,
    title: objective.title,
    actions: actions
      .filter((action) => action.objectiveId === objective.id)
      .map((action) => ({
        number: action.number,
        // The demo gives each action a short title and keeps the plan's paragraph as its description.
        wording: (action.description || action.title).replace(/\.$/, ""),
        dueOn: action.dueOn,
        timescaleText: action.timescaleText,
        leads: leads.filter((lead) => lead.actionId === action.id).map((lead) => lead.userId ?? lead.groupId ?? `outside: ${lead.outsideBody}`),
      })),
  }));
}

describe(`importing Appendix A, on ${engine}`, () => {
  it("previews it without writing: every action, leads matched, two left undated and nothing to fix", async () => {
    const before = await dataFingerprint(app);
    const response = await send(admin, "/p/portsmouth/plans/import", { intent: "preview", title: "" }, { bytes: appendixA, name: "appendix-a.tsv" });
    expect(response.status).toBe(200);
    const page = await wordsOf(response);
    expect(page).toContain(
      "2 objectives, 9 actions. 19 leads matched to people and groups of the partnership, 2 named as outside bodies; 2 actions without a due date.",
    );
    expect(page).toContain("Import 9 actions");
    expect(page).not.toContain("to fix before importing");
    expect(page).toContain("JSNA team (outside body)");
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("imports the same objectives, actions, leads and due dates as the demo seed, in one audited write", async () => {
    const events = await app.db.selectFrom("auditEvents").select("id").execute();
    const steward = await groupId("Third Sector Leadership Group");
    const response = await send(
      admin,
      "/p/portsmouth/plans/import",
      { intent: "import", title: "Appendix A, imported", stewardGroupIds: steward },
      { bytes: appendixA, name: "appendix-a.tsv" },
    );
    expect(response.status).toBe(302);
    const planId = /\/plans\/([0-9a-f-]{36})\?imported=9$/.exec(response.headers.get("Location") ?? "")?.[1];
    expect(planId).toBeDefined();

    const imported = await planShape(planId!);
    const seeded = await planShape((await demoPlan(app.db)).id);
    expect(imported).toEqual(seeded);
    expect(imported.flatMap((objective) => objective.actions).length).toBe(demoObjectives.flatMap((objective) => objective.actions).length);

    const newEvents = await app.db
      .selectFrom("auditEvents")
      .select(["verb", "entityType", "planId", "context"])
      .where(
        "id",
        "not in",
        events.map((event) => event.id),
      )
      .execute();
    expect(newEvents).toEqual([
      {
        verb: "imported",
        entityType: "plan",
        planId,
        context: expect.objectContaining({ objectives: 2, actions: 9, source: "table", fileName: "appendix-a.tsv" }),
      },
    ]);
    const history = await (await admin.get(`/p/portsmouth/plans/${planId}/history`)).text();
    expect(history).toContain("imported the plan from “appendix-a.tsv”: 2 objectives, 9 actions");
    const board = await (await admin.get(`/p/portsmouth/plans/${planId}`)).text();
    expect(board).toContain("Local authority, PCT and third sector to develop a written strategy");
  });

  it("reads the table pasted, saved by Excel in Windows-1252, and with a byte-order mark, alike", async () => {
    const text = appendixA.toString("utf8");
    const windows1252 = Uint8Array.from(text, (character) => (character === "–" ? 0x96 : character.charCodeAt(0)));
    const previews = await Promise.all([
      send(admin, "/p/portsmouth/plans/import", { intent: "preview", table: text }),
      send(admin, "/p/portsmouth/plans/import", { intent: "preview" }, { bytes: windows1252, name: "excel.csv" }),
      send(admin, "/p/portsmouth/plans/import", { intent: "preview" }, { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), appendixA]), name: "bom.csv" }),
    ]);
    for (const response of previews) {
      expect(response.status).toBe(200);
      const page = await wordsOf(response);
      expect(page).toContain("2 objectives, 9 actions.");
      expect(page).toContain("Develop more comprehensive communication media – a partnership website");
    }
  });
});

describe(`a bad file gets a clear message and writes nothing, on ${engine}`, () => {
  const cases: Array<[string, Uint8Array, number, string]> = [
    ["empty", new Uint8Array(), 200, ""],
    ["a Word document", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), 400, "This is a Word or Excel document"],
    ["no recognisable columns", Buffer.from("Name,Email\nAnn,ann@example.org\n"), 400, "No column headings we recognise"],
    ["broken quoting", Buffer.from('Objective,Action\nOne,"never closed\nTwo,Fine\n'), 400, "A quoted cell is never closed"],
    ["duplicate action numbers", Buffer.from("Objective,Action\n1. Aim,1. Do\n,1. Again\n"), 400, "Line 3: Action 1.1 appears twice"],
    [
      "a cell over the field limits",
      Buffer.from(`Objective,Action,Timescale\nAim,Do,${"June 2010 ".repeat(40)}\n`),
      400,
      "The timescale is 399 characters; it can be at most 300.",
    ],
  ];
  for (const [name, bytes, _status, message] of cases) {
    it(name, async () => {
      const before = await dataFingerprint(app);
      const response = await send(admin, "/p/portsmouth/plans/import", { intent: "import", title: "Bad file" }, { bytes, name: "plan.csv" });
      // An empty file field is no file: the empty box is what is read.
      expect(response.status).toBe(400);
      expect(await wordsOf(response)).toContain(message || "The table is empty");
      expect(await dataFingerprint(app)).toEqual(before);
    });
  }

  it("over 5 MB: refused by its declared size, before the form is read", async () => {
    const response = await send(
      admin,
      "/p/portsmouth/plans/import",
      { intent: "preview" },
      { bytes: new Uint8Array(7 * 1024 * 1024).fill(0x41), name: "huge.csv" },
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("over 5 MB");
  });

  it("a file of 5 MB and a little: read, and refused with the same words", async () => {
    const response = await send(
      admin,
      "/p/portsmouth/plans/import",
      { intent: "preview" },
      { bytes: new Uint8Array(5 * 1024 * 1024 + 10).fill(0x41), name: "big.csv" },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The file is over 5 MB");
  });

  it("a NUL byte in the pasted table", async () => {
    const response = await send(admin, "/p/portsmouth/plans/import", { intent: "preview", table: "Objective,Action\nA,B\0" });
    expect(response.status).toBe(400);
  });
});

describe(`a file's size, whatever address the form is sent to, on ${engine}`, () => {
  /** A table of 1,000 actions with long descriptions: about 2 MB, over the 1 MiB of other forms. */
  const twoMegabytes = () => {
    const rows = ["Objective,Action,Description"];
    for (let index = 0; index < 1000; index += 1) {
      rows.push(`${index % 100 === 0 ? `Objective ${index / 100 + 1}` : ""},Action ${index + 1},${"The partnership will do this. ".repeat(70)}`);
    }
    const bytes = Buffer.from(rows.join("\r\n"));
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    return { bytes, name: "two-megabytes.csv" };
  };
  // With JavaScript, React Router sends the form to the page's address plus ".data" (single fetch).
  const addresses = ["/p/portsmouth/plans/import", "/p/portsmouth/plans/import.data", "/p/portsmouth/plans/import/", "/p/portsmouth/plans/import?index"];

  for (const address of addresses) {
    it(`reads a 2 MB file sent to ${address}`, async () => {
      const response = await send(admin, address, { intent: "preview" }, twoMegabytes());
      const page = await response.text();
      expect(response.status).toBe(200);
      expect(page).not.toContain("too large");
      expect(page).toContain("Action 1000");
    });
  }

  for (const address of ["/p/portsmouth/plans/import", "/p/portsmouth/plans/import.data"]) {
    it(`refuses a file over 5 MB sent to ${address} with 413 and the import page's words`, async () => {
      const response = await send(admin, address, { intent: "preview" }, { bytes: new Uint8Array(7 * 1024 * 1024).fill(0x41), name: "huge.csv" });
      expect(response.status).toBe(413);
      expect(await response.text()).toContain("This file is over 5 MB");
    });
  }

  it("keeps other forms to 1 MiB at their .data address too", async () => {
    const response = await send(admin, "/p/portsmouth/plans/new.data", { title: "x".repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("over 1024 kB");
  });
});

describe(`who may import, on ${engine}`, () => {
  it("a member may not create a plan by importing one", async () => {
    const before = await dataFingerprint(app);
    expect((await send(leader, "/p/portsmouth/plans/import", { intent: "import", title: "Mine" }, { bytes: appendixA, name: "a.tsv" })).status).toBe(403);
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("a plan's stewards fill it while it is empty, and only then", async () => {
    const steward = await groupId("Third Sector Leadership Group");
    const created = await admin.post("/p/portsmouth/plans/new", { title: "Empty for now", stewardGroupIds: steward });
    const planPath = created.headers.get("Location")!;
    // The admin is not among its stewards; the leader chairs the steward group.
    expect((await send(admin, `${planPath}/import`, { intent: "import" }, { bytes: appendixA, name: "a.tsv" })).status).toBe(403);
    expect(await (await leader.get(planPath)).text()).toContain("import them from a table");

    const imported = await send(leader, `${planPath}/import`, { intent: "import" }, { bytes: appendixA, name: "a.tsv" });
    expect(imported.status).toBe(302);
    expect(imported.headers.get("Location")).toBe(`${planPath}?imported=9`);

    const before = await dataFingerprint(app);
    const again = await send(leader, `${planPath}/import`, { intent: "import" }, { bytes: appendixA, name: "a.tsv" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This plan already has objectives");
    expect(await dataFingerprint(app)).toEqual(before);
    expect(await (await leader.get(`${planPath}/import`)).text()).toContain("an import only fills an empty plan");
  });
});

describe(`a large table, on ${engine}`, () => {
  it("imports 2,000 rows in one write, with every lead and date", async () => {
    const rows = ["Objective,Action,Lead person/group,Timescale"];
    for (let index = 0; index < 2000; index += 1) {
      rows.push(
        `${index % 100 === 0 ? `Objective ${index / 100 + 1}` : ""},Action ${index + 1} for ` +
          `the partnership,Mandy Lindley/Providers Network/Outside body ${index % 7},March 2011`,
      );
    }
    const file = { bytes: Buffer.from(rows.join("\r\n")), name: "large.csv" };
    const preview = await wordsOf(await send(admin, "/p/portsmouth/plans/import", { intent: "preview" }, file));
    expect(preview).toContain("20 objectives, 2,000 actions.");
    // The page shows the first 300 actions; the counts cover all.
    expect(preview).toContain("Objective 3: Objective 3");
    expect(preview).toContain("And 100 more actions, not shown here.");
    expect(preview).toContain("Import 2,000 actions");
    const response = await send(admin, "/p/portsmouth/plans/import", { intent: "import", title: "Two thousand" }, file);
    expect(response.status).toBe(302);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(response.headers.get("Location")!)![1]!;
    const counts = await app.db
      .selectFrom("actions")
      .leftJoin("actionLeads", "actionLeads.actionId", "actions.id")
      .select((eb) => [eb.fn.count("actions.id").distinct().as("actions"), eb.fn.count("actionLeads.id").as("leads")])
      .where("actions.planId", "=", planId)
      .where("actions.dueOn", "=", "2011-03-31")
      .executeTakeFirstOrThrow();
    expect({ actions: Number(counts.actions), leads: Number(counts.leads) }).toEqual({ actions: 2000, leads: 6000 });
  });
});

describe(`a plan out and back in, on ${engine}`, () => {
  const demoPath = async () => `/p/portsmouth/plans/${(await demoPlan(app.db)).id}`;
  const importedPath = (response: Response) => response.headers.get("Location")!.replace(/\?.*$/, "");

  it("JSON: the export, imported as a new plan, exports again as the same document", async () => {
    const exported = await (await admin.get(`${await demoPath()}/plan.json`)).text();
    const document = JSON.parse(exported) as { plan: { title: string; periodStart: string; periodEnd: string }; exportedAt: string };
    const response = await send(
      admin,
      "/p/portsmouth/plans/import",
      { intent: "import", title: document.plan.title, periodStart: document.plan.periodStart, periodEnd: document.plan.periodEnd },
      { bytes: Buffer.from(exported), name: "plan.json" },
    );
    expect(response.status).toBe(302);
    const again = JSON.parse(await (await admin.get(`${importedPath(response)}/plan.json`)).text()) as typeof document;
    expect({ ...again, exportedAt: null }).toEqual({ ...document, exportedAt: null });
  });

  it("CSV: the spreadsheet, imported, exports again with the same objectives, actions, leads, statuses and dates", async () => {
    const columns = ["objective_number", "objective", "action_number", "action", "leads", "lead_sectors", "status", "due_date", "timescale"];
    const rowsOf = (csv: string) => {
      const [header, ...rows] = csv
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      const names = header!.split(",").map((name) => name.replaceAll('"', ""));
      return rows.map((row) => {
        const cells = [...row.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!);
        return columns.map((column) => cells[names.indexOf(column)]);
      });
    };
    const exported = await (await admin.get(`${await demoPath()}/actions.csv`)).text();
    const response = await send(
      admin,
      "/p/portsmouth/plans/import",
      { intent: "import", title: "From the spreadsheet" },
      { bytes: Buffer.from(exported), name: "actions.csv" },
    );
    expect(response.status).toBe(302);
    const again = await (await admin.get(`${importedPath(response)}/actions.csv`)).text();
    expect(rowsOf(again)).toEqual(rowsOf(exported));
    expect(rowsOf(again)).toHaveLength(9);
  });

  it("JSON with a problem writes nothing and says where", async () => {
    const before = await dataFingerprint(app);
    const broken = JSON.stringify({
      format: "partnership-board-plan",
      version: 1,
      plan: { title: "X" },
      objectives: [{ number: 1, title: "A", actions: [{ number: 1, title: "" }] }],
    });
    const response = await send(admin, "/p/portsmouth/plans/import", { intent: "import", title: "Broken" }, { bytes: Buffer.from(broken), name: "plan.json" });
    expect(response.status).toBe(400);
    expect(await wordsOf(response)).toMatch(/Action 1\.1/);
    expect(await dataFingerprint(app)).toEqual(before);
  });
});
