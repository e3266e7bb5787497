import { getDb } from "~/server/db.server";
import { readImportForm } from "~/server/import-source.server";
import { importDirectory, previewImport } from "~/server/plan-import.server";
import { refused } from "~/server/write-result.server";

// Both import pages read what was sent and preview it the same way.

export const PROBLEMS_TO_FIX = "The table has problems to fix before it can be imported; they are listed under Preview.";

/** The table or file sent, read and matched to the partnership; or the 400 that says why it could not be read. */
export async function readAndPreview(formData: FormData, partnershipId: string) {
  const source = await readImportForm(formData);
  if (!source.ok) return { ok: false as const, response: refused(400, { errors: { table: source.message } }, { text: source.text }) };
  const { reading } = source;
  const preview = previewImport(reading.draft, reading.problems, await importDirectory(await getDb(), partnershipId));
  const imported = { draft: reading.draft, problems: reading.problems, source: { kind: reading.kind, fileName: reading.fileName } };
  return { ok: true as const, reading, preview, imported, reply: { text: reading.text, fileName: reading.fileName, ignoredHeadings: reading.ignoredHeadings, preview, plan: reading.plan } };
}
