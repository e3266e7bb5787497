import { createContext, type RouterContextProvider } from "react-router";
import { requestInfoContext } from "../platform/request-context.server";

// A signed-in page rendered once for everyone who would be shown the same
// page, not once per visit: fifty readers of an unchanged 300-card board
// share one render. The route names what its page depends on (the plan's
// version, the date, the address, and the viewer's permission class: what
// they may do and which controls they get), so two viewers share a page only
// when every control on it is theirs to use. What differs between such
// viewers is filled in per response, never kept: the page's script nonce,
// their own name in the header, and the fresh ids of forms sent without
// JavaScript. Those are rendered as placeholders and the page kept in parts
// around them.

/** Kept pages at most, least recently used forgotten first. */
const KEPT_PAGES_AT_MOST = 64;
/** And at most this many bytes of them: a 300-card board is about 600 kB. */
const KEPT_BYTES_AT_MOST = 48 * 1024 * 1024;

/** What a page being kept renders in place of what belongs to one viewer; null when the page is rendered for one viewer only. */
export interface ViewerPlaceholders {
  displayName: string;
  /** Ids for forms sent without JavaScript, each filled in afresh per response. */
  spareIds: [string, string];
}

export const viewerPlaceholdersContext = createContext<ViewerPlaceholders | null>(null);

/** One viewer's own parts of a page: filled into the kept page's places. */
interface Viewer {
  displayName: string;
  nonce: string;
}

type Slot = "nonce" | "nameInMarkup" | "nameInData" | "spareId0" | "spareId1";

interface KeptPage {
  /** The page between its slots: parts.length === slots.length + 1. */
  parts: Buffer[];
  slots: Slot[];
  status: number;
  headers: Array<[string, string]>;
  bytes: number;
}

interface KeptPages {
  pages: Map<string, KeptPage>;
  bytes: number;
  /** Pages being rendered to be kept, by key. */
  rendering: Map<string, Promise<KeptPage | null>>;
}

// On globalThis, so that a test running the build in its process can forget every kept page (and compare a kept page with a fresh render).
const STATE_KEY = Symbol.for("partnership-board.kept-pages");
const state: KeptPages = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= { pages: new Map(), bytes: 0, rendering: new Map() }) as KeptPages;
const kept = state.pages;

/**
 * The page for a GET of a document: kept under `key` from an earlier render
 * when there is one, otherwise rendered by `next()` with placeholders and kept.
 * Route data requests (`.data`) and every other method go straight to `next()`.
 */
export async function keptPage(
  { request, context, key, displayName }: { request: Request; context: Readonly<RouterContextProvider>; key: string; displayName: string },
  next: () => Promise<Response>,
): Promise<Response> {
  if (request.method !== "GET" || new URL(request.url).pathname.endsWith(".data")) return next();
  const viewer = { displayName, nonce: context.get(requestInfoContext).cspNonce };
  const page = kept.get(key);
  if (page) {
    kept.delete(key);
    kept.set(key, page);
    return answer(page, viewer, true);
  }
  // Readers arriving while the page is first rendered wait for that render rather than making their own.
  const rendering = state.rendering.get(key);
  if (rendering) {
    const made = await rendering;
    return made ? answer(made, viewer, true) : next();
  }
  const placeholders: ViewerPlaceholders = {
    displayName: `viewer${crypto.randomUUID().replaceAll("-", "")}`,
    spareIds: [crypto.randomUUID(), crypto.randomUUID()],
  };
  (context as RouterContextProvider).set(viewerPlaceholdersContext, placeholders);
  let settle!: (page: KeptPage | null) => void;
  state.rendering.set(key, new Promise((resolve) => (settle = resolve)));
  try {
    const response = await next();
    if (!response.headers.get("Content-Type")?.startsWith("text/html")) {
      settle(null);
      return response;
    }
    const made = pageInParts(Buffer.from(await response.arrayBuffer()), response, viewer.nonce, placeholders);
    if (response.status === 200) keep(key, made);
    settle(response.status === 200 ? made : null);
    return answer(made, viewer, false);
  } catch (error) {
    settle(null);
    throw error;
  } finally {
    state.rendering.delete(key);
  }
}

function keep(key: string, page: KeptPage) {
  if (page.bytes > KEPT_BYTES_AT_MOST / 4) return;
  const before = kept.get(key);
  if (before) state.bytes -= before.bytes;
  kept.delete(key);
  kept.set(key, page);
  state.bytes += page.bytes;
  while (kept.size > KEPT_PAGES_AT_MOST || state.bytes > KEPT_BYTES_AT_MOST) {
    const [oldest, oldPage] = kept.entries().next().value!;
    kept.delete(oldest);
    state.bytes -= oldPage.bytes;
  }
}

/** The page filled in for `viewer`; a page sent again says so in its Server-Timing header, for operators and tests. */
function answer(page: KeptPage, viewer: Viewer, again: boolean): Response {
  const fills: Record<Slot, Buffer> = {
    nonce: Buffer.from(viewer.nonce),
    nameInMarkup: Buffer.from(inMarkup(viewer.displayName)),
    nameInData: Buffer.from(inData(viewer.displayName)),
    spareId0: Buffer.from(crypto.randomUUID()),
    spareId1: Buffer.from(crypto.randomUUID()),
  };
  const pieces: Buffer[] = [page.parts[0]!];
  page.slots.forEach((slot, index) => pieces.push(fills[slot], page.parts[index + 1]!));
  const headers = new Headers(page.headers);
  if (again) headers.append("Server-Timing", 'page;desc="kept"');
  return new Response(Buffer.concat(pieces), { status: page.status, headers });
}

/**
 * Cuts the rendered page at each placeholder. The viewer's name is written
 * twice, in two languages: as text in the header, escaped as React escapes
 * text, and in the route data React Router streams to the browser inside
 * script elements, after every element of the page.
 */
function pageInParts(body: Buffer, response: Response, nonce: string, placeholders: ViewerPlaceholders): KeptPage {
  const firstScript = body.indexOf("<script");
  const marks: Array<{ text: string; slot: (at: number) => Slot }> = [
    { text: nonce, slot: () => "nonce" },
    { text: placeholders.displayName, slot: (at) => (firstScript !== -1 && at > firstScript ? "nameInData" : "nameInMarkup") },
    { text: placeholders.spareIds[0], slot: () => "spareId0" },
    { text: placeholders.spareIds[1], slot: () => "spareId1" },
  ];
  const found: Array<{ at: number; length: number; slot: Slot }> = [];
  for (const mark of marks) {
    if (!mark.text) continue;
    for (let at = body.indexOf(mark.text); at !== -1; at = body.indexOf(mark.text, at + mark.text.length))
      found.push({ at, length: Buffer.byteLength(mark.text), slot: mark.slot(at) });
  }
  found.sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  let from = 0;
  for (const place of found) {
    parts.push(body.subarray(from, place.at));
    from = place.at + place.length;
  }
  parts.push(body.subarray(from));
  const headers = [...response.headers].filter(([name]) => !["set-cookie", "content-length"].includes(name.toLowerCase()));
  return { parts, slots: found.map((place) => place.slot), status: response.status, headers, bytes: body.length };
}

const IN_MARKUP: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** Text as React writes it into the page. */
function inMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (character) => IN_MARKUP[character]!);
}

const IN_SCRIPT: Record<string, string> = { "&": "\\u0026", ">": "\\u003e", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/**
 * A string as React Router streams route data: JSON in turbo-stream's text,
 * that text as a JSON string in a script, made safe inside a script element.
 */
function inData(text: string): string {
  const inStream = JSON.stringify(text).slice(1, -1);
  return JSON.stringify(inStream)
    .slice(1, -1)
    .replace(/[&<>\u2028\u2029]/g, (character) => IN_SCRIPT[character]!);
}
