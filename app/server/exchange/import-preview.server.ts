import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { readImportForm } from "./import-source.server";
import { importDirectory, previewImport, type ImportPreview } from "./plan-import.server";

// Both import pages read what was sent and preview it the same way.

/** A preview shows this many actions; its counts and problems cover them all. */
const SHOWN_ACTIONS = 300;

export const PROBLEMS_TO_FIX = "The table has problems to fix before it can be imported; they are listed under Preview.";

/** The table or file sent, read and matched to the partnership; or why it could not be read, with the text to show again. */
export async function readAndPreview(db: Kysely<Database>, formData: FormData, partnershipId: string) {
  const source = await readImportForm(formData);
  if (!source.ok) return { ok: false as const, errors: { table: source.message }, sent: { text: source.text } };
  const { reading } = source;
  const preview = previewImport(reading.draft, reading.problems, await importDirectory(db, partnershipId));
  const imported = { draft: reading.draft, problems: reading.problems, source: { kind: reading.kind, fileName: reading.fileName } };
  return {
    ok: true as const,
    reading,
    preview,
    imported,
    reply: { text: reading.text, fileName: reading.fileName, ignoredHeadings: reading.ignoredHeadings, preview: shown(preview), plan: reading.plan },
  };
}

/** The preview the page is sent: a 2,000-row table's page would otherwise carry every row twice, as HTML and as data. */
function shown(preview: ImportPreview): ImportPreview {
  let remaining = SHOWN_ACTIONS;
  const objectives = preview.objectives.map((objective) => {
    const actions = objective.actions.slice(0, remaining);
    remaining -= actions.length;
    return { ...objective, actions };
  });
  return { ...preview, objectives };
}
