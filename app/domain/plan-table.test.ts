import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeTable, readPlanTable, titleAndDescription } from "./plan-table";

const appendixA = fs.readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures/appendix-a.tsv"), "utf8");
const errorsOf = (text: string) => readPlanTable(text).problems.filter((problem) => problem.severity === "error");

describe("reading Appendix A as Word copies it (tabs, numbered cells, blank objective cells)", () => {
  const reading = readPlanTable(appendixA);

  it("finds two objectives of six and three actions, with no problems", () => {
    expect(reading.problems).toEqual([]);
    expect(reading.delimiter).toBe("\t");
    expect(reading.draft.objectives.map((objective) => [objective.number, objective.actions.map((action) => action.number)])).toEqual([
      [1, [1, 2, 3, 4, 5, 6]],
      [2, [1, 2, 3]],
    ]);
    expect(reading.draft.objectives[1]!.title).toBe("To develop the culture, behaviours and structures which lead to positive partnership working");
  });

  it("keeps each action's wording, takes its first sentence as the title, and reads leads and timescales", () => {
    const map = reading.draft.objectives[0]!.actions[4]!;
    expect(map.title).toBe("Map Portsmouth's third sector organisations, who is doing what and terms of reference");
    expect(map.description).toMatch(/^Map Portsmouth's third sector organisations.*advice and support\.$/);
    expect(map.leadNames).toEqual(["Community First", "Third Sector leadership group", "Matt Gummerson"]);
    expect([map.timescaleText, map.dueOn]).toEqual(["End June 2010", "2010-06-30"]);
    const undated = reading.draft.objectives[0]!.actions[2]!;
    expect([undated.timescaleText, undated.dueOn]).toEqual(["", null]);
  });
});

describe("tables as Excel and Word save them", () => {
  it("reads commas, quoted cells with line breaks and doubled quotes, and headings in any order and case", () => {
    const reading = readPlanTable('TIMESCALE,lead person/group,Action,OBJECTIVE\r\n"June 2010","Ann Chair & Bob","Say ""hello""\nto all",Reach out\r\n');
    expect(reading.problems).toEqual([]);
    const action = reading.draft.objectives[0]!.actions[0]!;
    expect(action).toMatchObject({ title: 'Say "hello"\nto all', leadNames: ["Ann Chair & Bob"], dueOn: "2010-06-30" });
  });

  it("reads semicolons (Excel in much of Europe) and a byte-order mark", () => {
    const reading = readPlanTable("\uFEFFObjective;Action;Due date\nOne;Do it;31/03/2011\n");
    expect(reading.problems).toEqual([]);
    expect(reading.draft.objectives[0]!.actions[0]!.dueOn).toBe("2011-03-31");
  });

  it("decodes UTF-8 with and without its mark, Windows-1252 and UTF-16 to the same text", () => {
    const text = "Objective,Action\nOne,Media – a website for “all”, café\n";
    const utf8 = new TextEncoder().encode(text);
    const windows1252 = Uint8Array.from(text, (character) => ({ "–": 0x96, "“": 0x93, "”": 0x94, é: 0xe9 })[character] ?? character.charCodeAt(0));
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((character) => [character.charCodeAt(0) & 0xff, character.charCodeAt(0) >> 8])]);
    for (const bytes of [utf8, Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), windows1252, utf16]) {
      const decoded = decodeTable(bytes);
      expect(decoded.ok && decoded.text.replace(/^\uFEFF/, "")).toBe(text);
    }
    expect(decodeTable(windows1252)).toMatchObject({ encoding: "Windows-1252" });
  });

  it("reads its own export back: repeated objectives, references, formula-neutralised cells and extra columns", () => {
    const reading = readPlanTable(
      [
        "Objective number,Objective title,Action number,Title,Leads,Lead sectors,Status,Confirmed,RAG,Due date,Timescale wording,Last change,Latest note",
        '1,Aim,1.1,"\'=SUM(A1)",Ann,public,"Done, awaiting confirmation",no,Amber,2010-06-30,June 2010,2010-07-01,note',
        "1,Aim,1.3,Second,,,In progress,,Green,,Ongoing,,",
        "2,Other,2.1,Third,,,At risk,,Red,,,,",
      ].join("\n"),
    );
    expect(reading.problems).toEqual([]);
    expect(reading.ignoredHeadings).toEqual(["Lead sectors", "Confirmed", "RAG", "Last change", "Latest note"]);
    expect(
      reading.draft.objectives.map((objective) => [
        objective.number,
        objective.title,
        objective.actions.map((action) => [action.number, action.title, action.status]),
      ]),
    ).toEqual([
      [
        1,
        "Aim",
        [
          [1, "=SUM(A1)", "done"],
          [3, "Second", "in_progress"],
        ],
      ],
      [2, "Other", [[1, "Third", "at_risk"]]],
    ]);
  });
});

describe("problems, by line, and nothing read from a bad file", () => {
  it("refuses Word and Excel documents, PDFs, binary, empty and oversized files with what to do", () => {
    expect(decodeTable(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({ ok: false, message: expect.stringContaining("Save As") });
    expect(decodeTable(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toMatchObject({ ok: false, message: expect.stringContaining("CSV") });
    expect(decodeTable(new TextEncoder().encode("%PDF-1.4"))).toMatchObject({ ok: false, message: expect.stringContaining("PDF") });
    expect(decodeTable(Uint8Array.from([0x41, 0, 0x42, 0x43]))).toMatchObject({ ok: false, message: expect.stringContaining("not text") });
    expect(decodeTable(new Uint8Array())).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(decodeTable(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41))).toMatchObject({ ok: false, message: expect.stringContaining("over 5 MB") });
  });

  it("says what is wrong with the table as a whole", () => {
    expect(errorsOf("   \n")).toEqual([expect.objectContaining({ message: expect.stringContaining("empty") })]);
    expect(errorsOf("Name,Email\nAnn,ann@example.org\n")).toEqual([
      expect.objectContaining({ message: expect.stringContaining("No column headings we recognise") }),
    ]);
    expect(errorsOf("Objective,Lead\nOne,Ann\n")).toEqual([expect.objectContaining({ message: expect.stringContaining("no Action column") })]);
    expect(errorsOf('Objective,Action\nOne,"Never closed\nTwo,Fine\n')).toEqual([
      expect.objectContaining({ message: expect.stringContaining("never closed") }),
    ]);
    expect(errorsOf("Objective,Action\n")).toEqual([expect.objectContaining({ message: expect.stringContaining("no actions") })]);
  });

  it("lists each row's problem with its line, counting the lines inside quoted cells", () => {
    const problems = readPlanTable(
      [
        "Objective,Action,Status,Due date,Timescale,Lead",
        '1. Aim,"1. First,\nover two lines",,,,',
        ",1. Again,,,,",
        `,${"x ".repeat(5001)},,,,`,
        ",Fourth,Someday,,,",
        ",Fifth,,31/02/2011,,",
        ",Sixth,,,Sometime soon,",
        ",Seventh,,,Ongoing,",
        `,Eighth,,,,${"y".repeat(201)}`,
        ",,,,June 2010,",
      ].join("\n"),
    ).problems;
    expect(problems.map((problem) => [problem.line, problem.severity, problem.message.slice(0, 40)])).toEqual([
      [4, "error", "Action 1.1 appears twice (line 2 and lin"],
      [5, "error", "The description is 10,001 characters; it"],
      [6, "error", '"Someday" is not a status we know. Use N'],
      [7, "error", '"31/02/2011" in the Due date column is n'],
      [8, "warning", 'No date found in the timescale "Sometime'],
      [10, "error", "A lead's name is 201 characters; it can "],
      [11, "error", "This row has no action. Write the action"],
    ]);
  });

  it("refuses an objective number given twice with different titles, and an action before any objective", () => {
    expect(errorsOf("Objective,Action\n1. Aim,Do\n1. Other aim,Do more\n")[0]!.message).toContain(
      "Objective 1 appears twice with different titles (line 2 and line 3)",
    );
    expect(errorsOf("Objective,Action\n,Do\n")[0]!).toMatchObject({ line: 2, message: expect.stringContaining("no objective above it") });
  });
});

describe("an action's title and description from one paragraph", () => {
  it("takes the first sentence, without its full stop, and keeps the paragraph when there is more", () => {
    expect(titleAndDescription("Do this.")).toEqual({ title: "Do this", description: "" });
    expect(titleAndDescription("Do this. Then that.")).toEqual({ title: "Do this", description: "Do this. Then that." });
    const long = `${"word ".repeat(120)}end`;
    const { title, description } = titleAndDescription(long);
    expect(title.length).toBeLessThanOrEqual(500);
    expect(title.endsWith("…")).toBe(true);
    expect(description).toBe(long);
  });
});
