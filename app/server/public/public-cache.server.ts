import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import type { DatabaseHandle } from "../../../db/client";
import { ukToday } from "../../domain/dates";
import { isHearingChanges, watchEveryPlan } from "../platform/live.server";

// Public pages are made once per plan change, not per visit: a link shared on
// social media is answered from memory, compressed once, with an ETag that
// lets browsers and shared caches ask "has it changed?" for nothing. What is
// kept is forgotten when the plan changes (the change notification reaches
// every instance, so publishing, withdrawing and every board change count
// everywhere), when the UK date turns (ratings depend on it), after a few
// minutes in any case (a group or partnership renamed does not notify a
// plan), and whenever this instance may have missed a notification (then
// nothing is kept until it hears again).

/** Pages kept at most, oldest forgotten first: an address with a made-up Host (feeds keep one per site name) must not fill memory. */
const KEPT_PAGES_AT_MOST = 1_000;

/** The longest a kept page is used without a change notification to say it is still right. */
const KEPT_AT_MOST_MS = 5 * 60_000;

/** Browsers and shared caches may keep a public page this long (the figures). */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

export interface PublicDocument {
  body: string;
  contentType: string;
  /** When what the document says last changed. */
  lastModified: Date;
}

/** A document made and ready to send, in each encoding once asked for. */
export interface KeptDocument {
  identity: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
  encoded: Partial<Record<"br" | "gzip", Promise<Buffer>>>;
}

interface Entry {
  planId: string | null;
  madeOn: string;
  madeAt: number;
  document: Promise<KeptDocument | null>;
  /** The document once made, for answers that must not wait. */
  ready?: KeptDocument;
}

interface CacheState {
  entries: Map<string, Entry>;
  watching?: Promise<unknown>;
}

const STATE_KEY = Symbol.for("partnership-board.public-pages");
const state: CacheState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= { entries: new Map() }) as CacheState;

/** The kind of page and what names it: "plan" and "feed" belong to a plan, "partnership" lists its published plans. */
export type PublicKey =
  { kind: "plan"; slug: string; planId: string } | { kind: "feed"; slug: string; planId: string; origin: string } | { kind: "partnership"; slug: string };

/**
 * The document for `key`: kept from before when nothing it shows has changed,
 * otherwise made by `make` (once, however many visitors ask at the same time).
 * Null when there is no such public page; that answer is not kept.
 */
export async function keptPublicDocument(handle: DatabaseHandle, key: PublicKey, make: () => Promise<PublicDocument | null>): Promise<KeptDocument | null> {
  // Heard before read: a change committed while the page is being made still forgets it.
  await (state.watching ??= watchEveryPlan(handle, forget).catch((error: unknown) => {
    state.watching = undefined;
    throw error;
  }));
  if (!isHearingChanges()) return made(await make());

  const name = keyName(key);
  const today = ukToday();
  const kept = state.entries.get(name);
  if (kept && isFresh(kept, today)) return kept.document;

  const entry: Entry = { planId: key.kind === "partnership" ? null : key.planId, madeOn: today, madeAt: Date.now(), document: make().then(made) };
  void entry.document.then((document) => {
    if (document) entry.ready = document;
  }, ignore);
  state.entries.delete(name);
  state.entries.set(name, entry);
  if (state.entries.size > KEPT_PAGES_AT_MOST) state.entries.delete(state.entries.keys().next().value!);
  const document = await entry.document.catch((error: unknown) => {
    if (state.entries.get(name) === entry) state.entries.delete(name);
    throw error;
  });
  // "No such page" is not kept: made-up addresses must not fill memory.
  if (!document && state.entries.get(name) === entry) state.entries.delete(name);
  return document;
}

/** The document for `key` if one is kept, made and still right; null otherwise (the route then makes it). Never waits. */
export function keptPublicDocumentIfReady(key: PublicKey): KeptDocument | null {
  if (!isHearingChanges()) return null;
  const kept = state.entries.get(keyName(key));
  return kept?.ready && isFresh(kept, ukToday()) ? kept.ready : null;
}

function isFresh(entry: Entry, today: string): boolean {
  return entry.madeOn === today && Date.now() - entry.madeAt < KEPT_AT_MOST_MS;
}

function ignore() {}

/** The document in the encoding the request prefers of those we make: brotli, gzip, or none. */
export function encodingFor(acceptEncoding: string | null): "br" | "gzip" | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wants = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (wants("br")) return "br";
  if (wants("gzip")) return "gzip";
  return null;
}

export function encodedBody(document: KeptDocument, encoding: "br" | "gzip" | null): Promise<Buffer> | Buffer {
  if (!encoding) return document.identity;
  return (document.encoded[encoding] ??= encoding === "br" ? brotliOnce(document.identity) : gzipOnce(document.identity));
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

function brotliOnce(body: Buffer): Promise<Buffer> {
  return brotli(body, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

function gzipOnce(body: Buffer): Promise<Buffer> {
  return gzipped(body, { level: 9 });
}

function made(document: PublicDocument | null): KeptDocument | null {
  if (!document) return null;
  const identity = Buffer.from(document.body, "utf8");
  // Weak: the same page whatever its encoding. Made from the bytes, so every instance gives the same page the same tag.
  const etag = `W/"${createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`;
  return { identity, contentType: document.contentType, etag, lastModified: document.lastModified, encoded: {} };
}

function keyName(key: PublicKey): string {
  if (key.kind === "partnership") return `partnership ${key.slug}`;
  return key.kind === "feed" ? `feed ${key.slug} ${key.planId} ${key.origin}` : `plan ${key.slug} ${key.planId}`;
}

/** A plan changed (or, with null, any may have): forget its pages, and every list of published plans. */
function forget(planId: string | null) {
  for (const [name, entry] of state.entries) if (planId === null || entry.planId === null || entry.planId === planId) state.entries.delete(name);
}
