import fs from "node:fs";
import { chromium, type Browser, type Page, type Request } from "@playwright/test";

// The board in Chromium, signed in (the person's session cookie is set
// first): how long until it is usable, and which requests one keyboard move
// of a card makes, recorded so the load generator can send the same.

export function findChromium(): string | null {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => candidate && fs.existsSync(candidate)) ?? null;
}

/** One request of a recorded move, as the load generator replays it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, without the origin. */
  path: string;
  /** Only the headers the server reads for a move besides the cookie: Content-Type and Origin. */
  headers: Record<string, string>;
  body?: string;
  status: number;
}

const HANDLE = "button.card__handle";
/** The live-update stream stays open for as long as the page does; it is no request of the move's. */
const LIVE_UPDATES = /\/events$/;
/** A move's requests are over when none has started for this long after the last answer. */
const QUIET_MS = 1_000;

async function openSignedIn(executablePath: string, baseUrl: string, cookie: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext();
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  return { browser, page: await context.newPage() };
}

/**
 * Resolves, with the page's clock then (milliseconds since its navigation
 * started), once React has hydrated a drag handle: its props hold dnd-kit's
 * keyboard or pointer listener. Read in the page, so Playwright's round trips are not counted.
 */
async function reactAttached(page: Page): Promise<number> {
  const attachedAt = await page.waitForFunction(
    (selector) => {
      const handle = document.querySelector(selector);
      if (!handle) return false;
      const propsKey = Object.keys(handle).find((key) => key.startsWith("__reactProps"));
      const props = propsKey ? (handle as unknown as Record<string, { onKeyDown?: unknown; onPointerDown?: unknown }>)[propsKey] : undefined;
      const listens = typeof props?.onKeyDown === "function" || typeof props?.onPointerDown === "function";
      return listens && performance.now();
    },
    HANDLE,
    { polling: "raf" },
  );
  return attachedAt.jsonValue() as Promise<number>;
}

/** Milliseconds from navigation start until React is attached to a drag handle, once per run after one unmeasured visit. */
export async function timeUntilUsable(executablePath: string, baseUrl: string, cookie: string, boardPath: string, runs: number): Promise<number[]> {
  const { browser, page } = await openSignedIn(executablePath, baseUrl, cookie);
  try {
    const times: number[] = [];
    // The unmeasured visit fills the cache with the scripts, as a returning reader has them.
    for (let run = 0; run <= runs; run += 1) {
      await page.goto(`${baseUrl}${boardPath}`, { waitUntil: "commit" });
      const usableMs = await reactAttached(page);
      if (run > 0) times.push(usableMs);
    }
    return times;
  } finally {
    await browser.close();
  }
}

/** Resolves once every request so far is answered and no new one has started for QUIET_MS. */
async function quiet(page: Page, made: Request[], counts: (request: Request) => boolean): Promise<void> {
  for (;;) {
    await Promise.all(made.map((request) => request.response()));
    const another = await page
      .waitForEvent("request", { predicate: counts, timeout: QUIET_MS })
      .then(() => true)
      .catch(() => false);
    if (!another) return;
  }
}

/**
 * Moves the board's first card one column right with the keyboard (Space,
 * ArrowRight, Space) and records every request the page makes from the key
 * press until the network has been quiet for a second after the last answer.
 */
export async function recordMove(executablePath: string, baseUrl: string, cookie: string, boardPath: string): Promise<RecordedRequest[]> {
  const { browser, page } = await openSignedIn(executablePath, baseUrl, cookie);
  try {
    const made: Request[] = [];
    const isMoves = (request: Request) => !LIVE_UPDATES.test(new URL(request.url()).pathname);
    page.on("request", (request) => {
      if (isMoves(request)) made.push(request);
    });
    await page.goto(`${baseUrl}${boardPath}`);
    await reactAttached(page);
    // The server echoes a move to live viewers, so the stream must be open before the move for its reload to be seen.
    await page.locator(".live-state--live").waitFor();
    // What the page asks for after loading (route discovery) is no part of the move.
    await quiet(page, made, isMoves);
    made.length = 0;

    // The first move is not counted: what a page asks for once, after its first change (React Router's
    // route discovery), is no part of a move. The second, back where the card was, is.
    const label = await page.locator(HANDLE).first().getAttribute("aria-label");
    const handle = page.locator(`${HANDLE}[aria-label="${label}"]`);
    for (const key of ["ArrowRight", "ArrowLeft"]) {
      made.length = 0;
      const posted = page.waitForResponse((response) => response.request().method() === "POST");
      await handle.focus();
      // Each key waits for the board to show the last one's effect: dnd-kit listens for the arrows only once the card is picked up.
      await page.keyboard.press("Space");
      await page.locator(".card--overlay").waitFor();
      await page.keyboard.press(key);
      // Over a column the card is not in (at first the board marks its own).
      await page.locator(`.column--over:not(:has(${HANDLE}[aria-label="${label}"]))`).waitFor();
      await page.keyboard.press("Space");
      await posted.catch((error: Error) => {
        const sent = made.map((request) => `${request.method()} ${new URL(request.url()).pathname}`).join(", ") || "none";
        throw new Error(`the move's POST had no answer (requests made: ${sent}): ${error.message.split("\n")[0]}`);
      });
      await quiet(page, made, isMoves);
    }

    return Promise.all(
      made.map(async (request) => {
        const url = new URL(request.url());
        const headers = await request.allHeaders();
        const kept = Object.fromEntries(
          Object.entries({ "Content-Type": headers["content-type"], Origin: headers.origin }).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        );
        return {
          method: request.method(),
          path: `${url.pathname}${url.search}`,
          headers: kept,
          body: request.postData() ?? undefined,
          status: (await request.response())?.status() ?? 0,
        };
      }),
    );
  } finally {
    await browser.close();
  }
}
