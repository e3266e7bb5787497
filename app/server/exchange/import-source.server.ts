import type { DraftProblem, PlanDraft } from "../../domain/plan-draft";
import { planDraftFromJson } from "../../domain/plan-json";
import { decodeTable, MAX_TABLE_BYTES, readPlanTable } from "../../domain/plan-table";

// What a person brings to import: a file (CSV, TSV or our JSON export) or a
// table pasted into the box. The web pages and `npm run import` read it here
// the same way, so both show the same preview and refuse the same files.

export interface ImportReading {
  /** The text read, shown again in the box so the person can fix it and preview again. */
  text: string;
  fileName: string | null;
  kind: "table" | "json";
  draft: PlanDraft;
  problems: DraftProblem[];
  /** Headings present in the table but not read (shown, so nobody wonders where a column went). */
  ignoredHeadings: string[];
  /** A JSON export names its plan; a table does not. */
  plan: { title: string; periodStart: string | null; periodEnd: string | null } | null;
}

export type ImportSourceResult = { ok: true; reading: ImportReading } | { ok: false; message: string; text: string };

/** From a file's bytes, as uploaded or read from disk. */
export function readImportFile(bytes: Uint8Array, fileName: string): ImportSourceResult {
  const decoded = decodeTable(bytes);
  if (!decoded.ok) return { ok: false, message: decoded.message, text: "" };
  return readImportText(decoded.text, fileName);
}

/** From text, as pasted. */
export function readImportText(input: string, fileName: string | null = null): ImportSourceResult {
  const text = input.replace(/^\uFEFF/, "");
  if (Buffer.byteLength(text) > MAX_TABLE_BYTES)
    return { ok: false, message: "The table is over 5 MB. A plan's table is far smaller: check it is the right one, or split it.", text: "" };
  if (text.trimStart().startsWith("{")) {
    const json = planDraftFromJson(text);
    if (!json.ok)
      return {
        ok: true,
        reading: {
          text,
          fileName,
          kind: "json",
          draft: { objectives: [], obstacleCategories: [], indicators: [] },
          problems: json.problems.map((problem) => ({ ...problem, severity: "error" })),
          ignoredHeadings: [],
          plan: null,
        },
      };
    return {
      ok: true,
      reading: {
        text,
        fileName,
        kind: "json",
        draft: json.draft,
        problems: [],
        ignoredHeadings: [],
        plan: { title: json.title, periodStart: json.periodStart, periodEnd: json.periodEnd },
      },
    };
  }
  const table = readPlanTable(text);
  return {
    ok: true,
    reading: { text, fileName, kind: "table", draft: table.draft, problems: table.problems, ignoredHeadings: table.ignoredHeadings, plan: null },
  };
}

/** The file field if a file was chosen, else the pasted table. */
export async function readImportForm(formData: FormData): Promise<ImportSourceResult> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) return readImportFile(new Uint8Array(await file.arrayBuffer()), file.name.slice(0, 200));
  const table = formData.get("table");
  return readImportText(typeof table === "string" ? table : "");
}
