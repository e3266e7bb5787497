import { z } from "zod";

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Partial<Record<string, string>> };

/** Reads a form with its zod schema: the data, or one message per field in words for people. */
export function parseForm<Schema extends z.ZodType>(formData: FormData, schema: Schema): FormResult<z.infer<Schema>> {
  const entries: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    entries[key] = values.length > 1 ? values : values[0]!;
  }
  const result = schema.safeParse(entries);
  if (result.success) return { ok: true, data: result.data };
  const errors: Partial<Record<string, string>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A required single line of text, trimmed, with a message that names the field. */
export function requiredText(what: string, max = 200) {
  return z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${capitalise(what)} must be ${max} characters or fewer`);
}

export function emailAddress() {
  return z
    .string({ error: "Enter an email address" })
    .trim()
    .toLowerCase()
    .min(1, "Enter an email address")
    .max(254, "Enter an email address of 254 characters or fewer")
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.org" }));
}

/** Checkbox lists and multi-selects arrive as a string, an array, or nothing. */
export function stringList() {
  return z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
