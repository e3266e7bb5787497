import { getDb } from "~/server/platform/db.server";
import { readImportForm } from "~/server/exchange/import-source.server";
import { importDirectory, previewImport, type ImportPreview } from "~/server/exchange/plan-import.server";
import { refused } from "~/server/http/write-result.server";

// Both import pages read what was sent and preview it the same way.

/** A preview shows this many actions; its counts and problems cover them all. */
const SHOWN_ACTIONS = 300;

export const PROBLEMS_TO_FIX = "The table has problems to fix before it can be imported; they are listed under Preview.";

/** The table or file sent, read and matched to the partnership; or the 400 that says why it could not be read. */
export async function readAndPreview(formData: FormData, partnershipId: string) {
  const source = await readImportForm(formData);
  if (!source.ok) return { ok: false as const, response: refused(400, { errors: { table: source.message } }, { text: source.text }) };
  const { reading } = source;
  const preview = previewImport(reading.draft, reading.problems, await importDirectory(await getDb(), partnershipId));
  const imported = { draft: reading.draft, problems: reading.problems, source: { kind: reading.kind, fileName: reading.fileName } };
  return { ok: true as const, reading, preview, imported, reply: { text: reading.text, fileName: reading.fileName, ignoredHeadings: reading.ignoredHeadings, preview: shown(preview), plan: reading.plan } };
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
