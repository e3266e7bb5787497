import { data, matchRoutes, type RouteObject, type ServerBuild } from "react-router";
import { z } from "zod";
import { TEXT_LIMITS } from "../../domain/limits";

// Every action reads its form through readForm(), so what browsers never send
// but attackers do (another content type, no body, a huge body, NUL bytes,
// thousands of fields) is refused here with a 4xx and a message, before any
// route code or database sees it. ESLint forbids request.formData() elsewhere.

/** Far above any form of ours (a 10,000-character note is at most 40 kB). */
export const MAX_FORM_BYTES = 1024 * 1024;
/** Far above any form of ours (the longest sends a few dozen fields). */
export const MAX_FORM_FIELDS = 1000;
export const FORM_TOO_LARGE = `This form is too large to send (over ${MAX_FORM_BYTES / 1024} kB). Shorten what you entered, and send it again.`;
/** The import pages take a table of up to 5 MB (MAX_TABLE_BYTES), and the form around it. */
export const MAX_UPLOAD_FORM_BYTES = 6 * 1024 * 1024;
export const UPLOAD_TOO_LARGE = "This file is over 5 MB. A plan's table is far smaller: check it is the right file, or split it.";

/**
 * A body refused as too large is still read to its end and thrown away, up to this much in
 * all, so that a client still sending it finishes and reads the 413: a server that hangs up
 * mid-upload makes it a connection reset (EPIPE, ECONNRESET) instead. Past this (far past
 * any file a person picks by mistake), the connection is closed.
 */
export const MAX_DISCARDED_BODY_BYTES = 32 * 1024 * 1024;

export interface FormLimit {
  maxBytes: number;
  tooLarge: string;
}
const FORM_LIMIT: FormLimit = { maxBytes: MAX_FORM_BYTES, tooLarge: FORM_TOO_LARGE };
const UPLOAD_LIMIT: FormLimit = { maxBytes: MAX_UPLOAD_FORM_BYTES, tooLarge: UPLOAD_TOO_LARGE };

/** The routes (ids as React Router builds them from app/routes.ts) whose forms carry a file: the import pages. */
const UPLOAD_ROUTE_IDS: ReadonlySet<string> = new Set(["routes/plan-import/route", "routes/plan-import-into/route"]);

let routeTree: Promise<RouteObject[]> | null = null;

/** The app's routes as React Router matches them, read once from the server build. */
function appRoutes(): Promise<RouteObject[]> {
  routeTree ??= (import("virtual:react-router/server-build") as Promise<ServerBuild>).then((build) => routesUnder(build.routes, undefined));
  return routeTree;
}

function routesUnder(manifest: ServerBuild["routes"], parentId: string | undefined): RouteObject[] {
  return Object.values(manifest)
    .filter((route): route is NonNullable<typeof route> => route !== undefined && route.parentId === parentId)
    .map(({ id, path, index, caseSensitive }) =>
      index ? { id, path, index: true, caseSensitive } : { id, path, caseSensitive, children: routesUnder(manifest, id) },
    );
}

/**
 * How large a form sent to this address may be, decided by the route React Router will
 * run for it, whichever form the address takes: the page's own, single fetch's `.data`
 * (with JavaScript: "…/import.data"), `_.data` or `_root.data`, a trailing slash, an
 * encoded letter. The query (`?index`) plays no part in which route it is.
 */
export async function formLimitOf(pathname: string): Promise<FormLimit> {
  const routedPath = pathname.replace(/\/(_root|_)\.data$/, "/").replace(/\.data$/, "");
  const routeId = matchRoutes(await appRoutes(), routedPath)?.at(-1)?.route.id;
  return routeId && UPLOAD_ROUTE_IDS.has(routeId) ? UPLOAD_LIMIT : FORM_LIMIT;
}
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** The request's form, or a thrown 400, 413 or 415 that says what was wrong with it. */
export async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPES.has(contentType.split(";")[0]!.trim().toLowerCase())) {
    throw refusal(415, "This address takes forms sent from its page. Go back to the page, and send the form from there.");
  }
  const body = await readBody(request, await formLimitOf(new URL(request.url).pathname));
  let formData: FormData;
  try {
    formData = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw refusal(400, "The form could not be read. Reload the page, and send the form again.");
  }
  let fields = 0;
  for (const [name, value] of formData) {
    if (++fields > MAX_FORM_FIELDS)
      throw refusal(400, `The form has more than ${MAX_FORM_FIELDS.toLocaleString("en-GB")} fields. Reload the page, and send the form again.`);
    // PostgreSQL cannot store NUL in text, and no keyboard types it.
    if (name.includes("\0") || (typeof value === "string" && value.includes("\0"))) {
      throw refusal(400, "The form contains a character that cannot be saved (a NUL character). Remove it, and send the form again.");
    }
  }
  return formData;
}

/**
 * The body's bytes, or a 413 once it passes the limit. A body that declares its size
 * over the limit never gets here (bodySizeGuard answers it). The rest of a refused body
 * is read and thrown away (up to MAX_DISCARDED_BODY_BYTES), so the 413 reaches a
 * client still sending it; past that, cancelling the body closes the connection.
 */
async function readBody(request: Request, limit: FormLimit): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_DISCARDED_BODY_BYTES) {
      await reader.cancel();
      throw refusal(413, limit.tooLarge);
    }
    if (size <= limit.maxBytes) chunks.push(chunk.value);
  }
  if (size > limit.maxBytes) throw refusal(413, limit.tooLarge);
  return Buffer.concat(chunks);
}

function refusal(status: 400 | 413 | 415, message: string) {
  return data(message, { status });
}

/** A form whose address says it all (confirm, archive, open a review): nothing to read but its intent. */
export const NoFields = z.object({});

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Partial<Record<string, string>> };

/** Reads a form with its zod schema: the data, or one message per field in words for people. */
export function parseForm<Schema extends z.ZodType>(formData: FormData, schema: Schema): FormResult<z.infer<Schema>> {
  // No prototype: a field named "__proto__" is a field like any other.
  const entries: Record<string, FormDataEntryValue | FormDataEntryValue[]> = Object.create(null);
  for (const key of new Set(formData.keys())) {
    // A line break counts as one character, as the fields' counts show it: browsers send it as two without JavaScript.
    const values = formData.getAll(key).map((value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value));
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
export function requiredText(what: string, max: number = TEXT_LIMITS.personName) {
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
