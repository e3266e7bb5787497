import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { IMPORT_INTENT } from "../../domain/intents";
import { readAndPreview } from "../exchange/import-preview.server";
import { NoFields } from "./forms.server";
import { invalid, succeeded } from "./write-result.server";

// Both import pages (a new plan, and an empty plan filled) take the same two
// buttons and read the table the same way; only what Import writes differs.

/** Preview (also a form sent without a button named) and Import: the table is in the form. */
export const IMPORT_FORMS = { [IMPORT_INTENT.preview]: NoFields, [IMPORT_INTENT.import]: NoFields };

interface ImportScope {
  db: Kysely<Database>;
  formData: FormData;
  membership: { partnership: { id: string } };
}

/** The table sent, read and matched; or the 400 that says why it could not be read, with its text. */
export async function readImportTable({ db, formData, membership }: ImportScope) {
  const read = await readAndPreview(db, formData, membership.partnership.id);
  return read.ok ? read : { ok: false as const, response: invalid(read.errors, read.sent) };
}

/** Preview: what Import would write, shown on the page. */
export async function previewImport(scope: ImportScope) {
  const read = await readImportTable(scope);
  return read.ok ? succeeded(null, read.reply) : read.response;
}
