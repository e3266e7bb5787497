import { encodedBody, encodingFor, PUBLIC_CACHE_CONTROL, type KeptDocument } from "./public-cache.server";

// How a public page is answered over HTTP: 304 when the browser or a shared
// cache already holds this version (by ETag, or by date when it sends no
// tag), otherwise the kept bytes in the encoding it accepts. Nothing here
// reads or sets a cookie.

/** What a request is asking: its method and its headers by name. */
export interface PublicRequest {
  method: string;
  header(name: string): string | null;
}

export interface PublicAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | null;
}

export async function publicAnswer(request: PublicRequest, document: KeptDocument): Promise<PublicAnswer> {
  const headers: Record<string, string> = {
    "Content-Type": document.contentType,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    ETag: document.etag,
    "Last-Modified": document.lastModified.toUTCString(),
    Vary: "Accept-Encoding",
  };
  if (isNotModified(request, document)) return { status: 304, headers, body: null };
  const encoding = encodingFor(request.header("Accept-Encoding"));
  // Already encoded, so the compression middleware leaves it alone.
  if (encoding) headers["Content-Encoding"] = encoding;
  const body = await encodedBody(document, encoding);
  headers["Content-Length"] = String(body.length);
  return { status: 200, headers, body: request.method === "HEAD" ? null : body };
}

export async function publicDocumentResponse(request: Request, document: KeptDocument): Promise<Response> {
  const answer = await publicAnswer({ method: request.method, header: (name) => request.headers.get(name) }, document);
  return new Response(answer.body ? new Uint8Array(answer.body) : null, { status: answer.status, headers: answer.headers });
}

/** No public page here: the same answer for an unpublished, withdrawn or made-up plan. */
export function publicNotFoundResponse(html: string): Response {
  return new Response(html, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

function isNotModified(request: PublicRequest, document: KeptDocument): boolean {
  const tags = request.header("If-None-Match");
  // A tag list decides alone when sent (RFC 9110, 13.2.2); compared weakly, as a GET may be.
  if (tags !== null) return tags.split(",").some((tag) => tag.trim() === "*" || weak(tag.trim()) === weak(document.etag));
  const since = Date.parse(request.header("If-Modified-Since") ?? "");
  return Number.isFinite(since) && Math.floor(document.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

const weak = (tag: string) => tag.replace(/^W\//, "");
