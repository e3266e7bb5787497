import { CsvError, parse } from "csv-parse/sync";
import { isRealDate } from "./dates";
import { splitLeadWording } from "./leads";
import { DRAFT_LIMITS, type DraftAction, type DraftObjective, type DraftProblem, type PlanDraft } from "./plan-draft";
import { parseTimescale, timescaleWarning } from "./timescale";
import type { Status } from "./vocabulary";

// A plan as councils already hold it: a table saved or copied from Word or
// Excel (Appendix A of the Portsmouth plan is one). Columns are found by their
// headings, in any order; a blank objective cell continues the objective
// above. Reading never throws for bad input: it returns the problems, each
// with the line it is on, so the preview can list them.

export const MAX_TABLE_BYTES = 5 * 1024 * 1024;

export type TableColumn = "objective" | "objectiveNumber" | "action" | "actionNumber" | "leads" | "timescale" | "dueDate" | "status" | "description";

/** Headings people write, after lower-casing and dropping punctuation, for each column we read. */
const HEADINGS: Record<TableColumn, string[]> = {
  objective: ["objective", "objectives", "objective title", "objective name", "aim", "aims"],
  objectiveNumber: ["objective number", "objective no", "objective ref", "objective reference"],
  action: ["action", "actions", "action title", "title", "task", "tasks"],
  actionNumber: ["action number", "action no", "action ref", "action reference", "number", "no", "ref", "reference"],
  leads: ["lead", "leads", "lead person group", "lead person", "lead group", "lead s", "lead persons groups", "owner", "owners", "responsible", "who"],
  timescale: ["timescale", "timescales", "timescale wording", "timeframe", "timing", "when"],
  dueDate: ["due date", "due", "deadline", "due by", "target date"],
  status: ["status", "progress", "column"],
  description: ["description", "details", "detail", "notes on the action"],
};

const STATUS_WORDS: Record<string, Status> = {
  "": "not_started",
  "not started": "not_started",
  "to do": "not_started",
  todo: "not_started",
  "in progress": "in_progress",
  started: "in_progress",
  ongoing: "in_progress",
  "at risk": "at_risk",
  delayed: "at_risk",
  done: "done",
  complete: "done",
  completed: "done",
};

export interface TableReading {
  draft: PlanDraft;
  problems: DraftProblem[];
  /** Headings present but not read (a "Lead sectors" or "RAG" column of an export). */
  ignoredHeadings: string[];
  delimiter: "," | "\t" | ";";
}

export type Decoded = { ok: true; text: string; encoding: "UTF-8" | "UTF-16" | "Windows-1252" } | { ok: false; message: string };

/**
 * The text of an uploaded file: UTF-8 with or without its byte-order mark,
 * UTF-16 as Excel's "Unicode text" writes it, else Windows-1252 as Excel's
 * CSV writes it. Word and Excel documents themselves are refused with what to do.
 */
export function decodeTable(bytes: Uint8Array): Decoded {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty. Choose the file that holds your plan's table." };
  if (bytes.byteLength > MAX_TABLE_BYTES)
    return { ok: false, message: "The file is over 5 MB. A plan's table is far smaller: check it is the right file, or split it." };
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return {
      ok: false,
      message:
        "This is a Word or Excel document, not a table of text. In Word or Excel, choose File, Save As, and pick " +
        '"CSV UTF-8 (Comma delimited)", then choose that file here; or copy the table and paste it into the box.',
    };
  }
  if (starts(0x25, 0x50, 0x44, 0x46))
    return { ok: false, message: "This is a PDF. Open the plan in Word or Excel, save the table as CSV, and choose that file here." };
  let decoded: { text: string; encoding: "UTF-8" | "UTF-16" | "Windows-1252" };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    decoded = { text: new TextDecoder(starts(0xff, 0xfe) ? "utf-16le" : "utf-16be").decode(bytes), encoding: "UTF-16" };
  } else {
    try {
      decoded = { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
    } catch {
      decoded = { text: windows1252(bytes), encoding: "Windows-1252" };
    }
  }
  if (decoded.text.includes("\0")) return { ok: false, message: "This file is not text. Save the table as CSV from Word or Excel, and choose that file here." };
  return { ok: true, ...decoded };
}

// Windows-1252 is Latin-1 but for 0x80–0x9F, where Excel writes – “ ” ‘ ’ € and the like.
// Node's TextDecoder decodes that range as Latin-1's control characters, so they are mapped here.
const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function windows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/** The plan a table describes, and every problem with it, by line. */
export function readPlanTable(input: string): TableReading {
  const text = input.replace(/^\uFEFF/, "");
  const empty = (message: string): TableReading => ({
    draft: { objectives: [], obstacleCategories: [], indicators: [] },
    problems: [{ line: null, severity: "error", message }],
    ignoredHeadings: [],
    delimiter: ",",
  });
  if (text.trim() === "") return empty("The table is empty. Paste the table, or choose the file that holds it.");
  if (text.includes("\0")) return empty("The table contains a character that cannot be saved (a NUL character). Remove it, and preview again.");

  const delimiter = likelyDelimiter(text);
  let rows: Array<{ cells: string[]; line: number }>;
  try {
    rows = readRows(text, delimiter);
  } catch (error) {
    if (error instanceof CsvError) return empty(quotingMessage(error));
    throw error;
  }

  const header = rows.slice(0, 10).find((row) => headingsOf(row.cells).found >= 2);
  if (!header) {
    return empty(
      "No column headings we recognise. The first row of the table needs headings such as Objective, " +
        "Action, Lead person/group and Timescale (Due date, Status and Description are optional).",
    );
  }
  const { columns, ignored } = headingsOf(header.cells);
  if (columns.action === undefined) {
    return empty(`There is no Action column. The headings found were: ${header.cells.filter(Boolean).join(", ")}. Name the column of actions "Action".`);
  }
  const problems: DraftProblem[] = [];
  const objectives = draftObjectives(
    rows.filter((row) => row.line > header.line),
    columns,
    problems,
  );
  if (objectives.length === 0 && !problems.some((problem) => problem.severity === "error")) {
    problems.push({ line: null, severity: "error", message: "The table has headings but no actions under them." });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { draft: { objectives, obstacleCategories: [], indicators: [] }, problems, ignoredHeadings: ignored, delimiter };
}

/** Tabs when the first line has more of them than commas (copied from Word or Excel), else commas or, failing those, semicolons. */
function likelyDelimiter(text: string): "," | "\t" | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (character: string) => firstLine.split(character).length - 1;
  const [tabs, commas, semicolons] = [count("\t"), count(","), count(";")];
  if (tabs > 0 && tabs >= commas) return "\t";
  if (commas === 0 && semicolons > 0) return ";";
  return ",";
}

function readRows(text: string, delimiter: string): Array<{ cells: string[]; line: number }> {
  const records = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    // A quote inside an unquoted cell (Third Sector "leadership group") is
    // text; only a quoted cell that never closes is broken.
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  let nextLine = 1;
  return records.map(({ record, info }) => {
    const row = { cells: record.map((cell) => cell.trim()), line: nextLine };
    nextLine = info.lines + 1;
    return row;
  });
}

function quotingMessage(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return (
      `A quoted cell is never closed: a cell opens with a quote mark (") and the table ends${line ? ` at line ${line}` : ""} ` +
      `before it closes. Check the cells with quote marks, or save the table from Excel again.`
    );
  }
  return `The table could not be read${line ? ` at line ${line}` : ""}: ${error.message}. Save it from Word or Excel as CSV, or paste it again.`;
}

function normaliseHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function headingsOf(cells: string[]): { columns: Partial<Record<TableColumn, number>>; ignored: string[]; found: number } {
  const columns: Partial<Record<TableColumn, number>> = {};
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const heading = normaliseHeading(cell);
    const column = (Object.keys(HEADINGS) as TableColumn[]).find((name) => HEADINGS[name].includes(heading));
    if (column && columns[column] === undefined) columns[column] = index;
    else if (cell) ignored.push(cell);
  });
  return { columns, ignored, found: Object.keys(columns).length };
}

/** "1.2 Do this", "2. Do this", "3) Do this": the numbers and the rest of the text. */
const NUMBERED = /^(?:(\d{1,3})\.(\d{1,3})\.?|(\d{1,3})[.)])\s+([\s\S]*)$/;

function numberedText(cell: string): { first?: number; second?: number; text: string } {
  const match = NUMBERED.exec(cell);
  if (!match) return { text: cell };
  if (match[1] !== undefined) return { first: Number(match[1]), second: Number(match[2]), text: match[4]!.trim() };
  return { first: Number(match[3]), text: match[4]!.trim() };
}

function draftObjectives(
  rows: Array<{ cells: string[]; line: number }>,
  columns: Partial<Record<TableColumn, number>>,
  problems: DraftProblem[],
): DraftObjective[] {
  const cell = (row: { cells: string[] }, column: TableColumn) => unneutralised(columns[column] === undefined ? "" : (row.cells[columns[column]] ?? ""));
  const objectives: DraftObjective[] = [];
  const actionLines = new Map<string, number>();
  const problem = (line: number, message: string, severity: DraftProblem["severity"] = "error") => problems.push({ line, severity, message });

  for (const row of rows) {
    if (row.cells.every((value) => value === "")) continue;
    const objectiveCell = numberedText(cell(row, "objective"));
    const actionCell = numberedText(cell(row, "action"));
    const reference = parseReference(cell(row, "actionNumber"));
    // The objective's number: its own column, else "1." in its cell, else "1.2" naming the action.
    const objectiveNumber =
      parseNumber(cell(row, "objectiveNumber")) ??
      objectiveCell.first ??
      reference?.objective ??
      (actionCell.second !== undefined ? actionCell.first : undefined);

    const current = objectives.at(-1);
    const sameAsCurrent =
      current !== undefined &&
      (objectiveCell.text === "" || objectiveCell.text === current.title) &&
      (objectiveNumber === undefined || objectiveNumber === current.number);
    let objective: DraftObjective;
    if (sameAsCurrent) {
      objective = current;
    } else if (objectiveCell.text === "" && objectiveNumber === undefined) {
      problem(row.line, "This row has an action but no objective above it. Put the objective in the Objective column of the first row.");
      continue;
    } else {
      // A table sorted another way, or one that repeats the objective on every row, names an objective again.
      const earlier = objectives.find((other) => (objectiveNumber === undefined ? other.title === objectiveCell.text : other.number === objectiveNumber));
      if (earlier && (objectiveCell.text === "" || objectiveCell.text === earlier.title)) {
        objective = earlier;
      } else if (earlier) {
        problem(
          row.line,
          `Objective ${earlier.number} appears twice with different titles (line ${earlier.line} and line ${row.line}). ` +
            `Give each objective its own number, or leave the objective cell blank to continue the one above.`,
        );
        continue;
      } else {
        objective = newObjective(row.line, objectiveNumber ?? Math.max(0, ...objectives.map((other) => other.number)) + 1, objectiveCell.text, problem);
        objectives.push(objective);
      }
    }
    if (actionCell.text === "" && actionCell.first === undefined) {
      const rest = (["leads", "timescale", "dueDate", "status", "description"] as const).some((column) => cell(row, column) !== "");
      if (rest) problem(row.line, "This row has no action. Write the action in the Action column, or delete the row.");
      continue;
    }
    const actionNumber = reference?.action ?? actionCell.second ?? actionCell.first ?? Math.max(0, ...objective.actions.map((action) => action.number)) + 1;
    const key = `${objective.number}.${actionNumber}`;
    const earlierLine = actionLines.get(key);
    if (earlierLine !== undefined) {
      problem(row.line, `Action ${key} appears twice (line ${earlierLine} and line ${row.line}). Give each action its own number.`);
      continue;
    }
    actionLines.set(key, row.line);
    objective.actions.push(draftAction(row.line, actionNumber, actionCell.text, (column) => cell(row, column), columns.description !== undefined, problem));
  }
  return objectives;
}

function newObjective(
  line: number,
  number: number,
  text: string,
  problem: (line: number, message: string, severity?: DraftProblem["severity"]) => void,
): DraftObjective {
  const title = text || `Objective ${number}`;
  if (!text) problem(line, `Objective ${number} has no title; it will be called "${title}" until you rename it.`, "warning");
  if (title.length > DRAFT_LIMITS.objectiveTitle)
    problem(line, `Objective ${number}'s title is ${title.length.toLocaleString("en-GB")} characters; it can be at most ${DRAFT_LIMITS.objectiveTitle}.`);
  return { line, number, title, actions: [] };
}

function draftAction(
  line: number,
  number: number,
  actionText: string,
  cell: (column: TableColumn) => string,
  hasDescriptionColumn: boolean,
  problem: (line: number, message: string, severity?: DraftProblem["severity"]) => void,
): DraftAction {
  const { title, description } = hasDescriptionColumn ? { title: actionText, description: cell("description") } : titleAndDescription(actionText);
  if (title === "") problem(line, "This action has no title. Write it in the Action column.");
  if (title.length > DRAFT_LIMITS.actionTitle)
    problem(
      line,
      `The action is ${title.length.toLocaleString("en-GB")} characters; a title can be at ` +
        `most ${DRAFT_LIMITS.actionTitle}. Shorten it, or put the detail in a Description column.`,
    );
  if (description.length > DRAFT_LIMITS.description)
    problem(
      line,
      `The description is ${description.length.toLocaleString("en-GB")} characters; it can be at most ${DRAFT_LIMITS.description.toLocaleString("en-GB")}.`,
    );

  const leadNames = splitLeadWording(cell("leads").replace(/[;\n]+/g, "/"));
  if (leadNames.length > DRAFT_LIMITS.leads) problem(line, `The action names ${leadNames.length} leads; it can have at most ${DRAFT_LIMITS.leads}.`);
  const longLead = leadNames.find((name) => name.length > DRAFT_LIMITS.leadName);
  if (longLead) problem(line, `A lead's name is ${longLead.length} characters; it can be at most ${DRAFT_LIMITS.leadName}. Separate several leads with "/".`);

  const timescale = parseTimescale(cell("timescale"));
  if (timescale.text.length > DRAFT_LIMITS.timescaleText)
    problem(line, `The timescale is ${timescale.text.length} characters; it can be at most ${DRAFT_LIMITS.timescaleText}.`);
  let dueOn = timescale.dueOn;
  const dueCell = cell("dueDate");
  if (dueCell) {
    const due = isRealDate(dueCell) ? dueCell : parseTimescale(dueCell).dueOn;
    if (due) dueOn = due;
    else problem(line, `"${dueCell}" in the Due date column is not a date. Write it as 30/06/2010 or 2010-06-30, or leave it blank.`);
  } else {
    const warning = timescaleWarning(timescale.text);
    if (warning) problem(line, warning, "warning");
  }

  const statusWording = cell("status")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[^a-z ]/g, "")
    .trim();
  // Our own export writes "Done, awaiting confirmation": a table cannot confirm, so both read as Done.
  const status = STATUS_WORDS[statusWording] ?? (statusWording.startsWith("done ") ? "done" : undefined);
  if (!status) problem(line, `"${cell("status")}" is not a status we know. Use Not started, In progress, At risk or Done, or leave it blank.`);

  return {
    line,
    number,
    title,
    description,
    leadNames,
    timescaleText: timescale.text,
    dueOn,
    status: status ?? "not_started",
    confirmed: false,
    obstacleNames: [],
    notes: [],
  };
}

/**
 * Tables like Appendix A write each action as a paragraph. Its first sentence
 * is the title the board shows; the whole paragraph stays as the description.
 */
export function titleAndDescription(text: string): { title: string; description: string } {
  const firstSentence = /^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (firstSentence === text) {
    return text.length <= DRAFT_LIMITS.actionTitle ? { title: text.replace(/\.$/, ""), description: "" } : { title: shorten(text), description: text };
  }
  return { title: firstSentence.length <= DRAFT_LIMITS.actionTitle ? firstSentence.replace(/\.$/, "") : shorten(firstSentence), description: text };
}

function shorten(text: string): string {
  const cut = text.slice(0, DRAFT_LIMITS.actionTitle - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

/** A cell our own export (or the history CSV) kept from running as a formula: '=SUM(…) is =SUM(…) again. */
function unneutralised(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

function parseNumber(value: string): number | undefined {
  return /^\d{1,3}\.?$/.test(value) ? Number.parseInt(value, 10) : undefined;
}

function parseReference(value: string): { objective?: number; action: number } | undefined {
  const match = /^(?:(\d{1,3})\.)?(\d{1,3})\.?$/.exec(value);
  if (!match) return undefined;
  return { objective: match[1] === undefined ? undefined : Number(match[1]), action: Number(match[2]) };
}
