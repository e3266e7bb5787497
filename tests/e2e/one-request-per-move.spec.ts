// Screens: board, action (the route folders this spec covers; `npm run test:changed` reads it)
import type { Page, Request } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { card, column, lane, openMove, openPlan, signIn } from "./support/session";

// Issue 30: a move costs the browser one request, its own POST. The reply
// carries the moved card, so nothing is read again after it, and its echo on
// the live stream carries a version the board already shows. Each test moves
// a card of its own, so later specs in the worker find the demo's cards as
// they were.

/** Counts the live stream's change events the page hears, as a sign that a move's echo has arrived. */
async function hearChanges(page: Page) {
  await page.addInitScript(() => {
    const heard: unknown[] = [];
    Object.assign(window, { heardChanges: heard });
    const NativeEventSource = window.EventSource;
    window.EventSource = class extends NativeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("change", (event) => heard.push(JSON.parse((event as MessageEvent<string>).data)));
      }
    };
  });
}
const heardCount = (page: Page) => page.evaluate(() => (window as unknown as { heardChanges: unknown[] }).heardChanges.length);

/** Every request the page makes from now on, the live stream aside. */
function recordRequests(page: Page) {
  const made: Request[] = [];
  const record = (request: Request) => {
    if (!new URL(request.url()).pathname.endsWith("/events")) made.push(request);
  };
  page.on("request", record);
  return {
    made,
    stop: () => page.off("request", record),
    describe: () => made.map((request) => `${request.method()} ${new URL(request.url()).pathname}${new URL(request.url()).search}`),
  };
}

/** Adds an action to objective 2 and waits until the board has it, and has heard of it, so the moves that follow start calm. */
async function addOwnCard(page: Page, title: string) {
  const heard = await heardCount(page);
  await lane(page, 2).getByLabel("New action for objective 2").fill(title);
  await lane(page, 2).getByRole("button", { name: "Add action to objective 2" }).click();
  const added = column(page, 2, "Not started").getByRole("listitem", { name: new RegExp(`^2\\.\\d+ ${title}$`) });
  await expect(added).toBeVisible();
  await expect.poll(() => heardCount(page)).toBeGreaterThan(heard);
  return /^2\.\d+/.exec((await added.getByRole("link", { name: new RegExp(`${title}$`) }).textContent())!.trim())![0];
}

/** Runs a move and waits for its POST's answer and then for its echo on the live stream. */
async function moveAndHearEcho(page: Page, doMove: () => Promise<void>) {
  const heard = await heardCount(page);
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await doMove();
  const response = await answered;
  await expect.poll(() => heardCount(page)).toBe(heard + 1);
  return response;
}

test("a move by keyboard and a move by Move… cost one request each; another viewer sees both live", async ({ browser }) => {
  test.slow();
  const moverContext = await browser.newContext();
  const watcherContext = await browser.newContext();
  const mover = await moverContext.newPage();
  const watcher = await watcherContext.newPage();
  await hearChanges(mover);
  await signIn(mover, "leader@demo.test");
  await signIn(watcher, "councillor@demo.test");
  await openPlan(mover);
  await openPlan(watcher);
  const title = "Walk the lanes by keyboard";
  const reference = await addOwnCard(mover, title);
  await expect(card(watcher, reference)).toBeVisible();

  // By keyboard, to the objective above and the next column: the card takes a number there.
  const requests = recordRequests(mover);
  const response = await moveAndHearEcho(mover, async () => {
    await card(mover, reference)
      .getByRole("button", { name: `Drag ${reference}`, exact: true })
      .focus();
    await mover.keyboard.press("Space");
    await expect(mover.locator(".card--overlay")).toBeVisible();
    await mover.keyboard.press("Shift+ArrowUp");
    await expect(mover.getByText(new RegExp(`^${reference.replace(".", "\\.")} ${title} is over Not started, objective 1`))).toBeAttached();
    await mover.keyboard.press("ArrowRight");
    await expect(mover.getByText(new RegExp(`^${reference.replace(".", "\\.")} ${title} is over In progress, objective 1`))).toBeAttached();
    await mover.keyboard.press("Space");
  });
  expect(response.status()).toBe(200);
  const moved = column(mover, 1, "In progress").getByRole("listitem", { name: new RegExp(`^1\\.\\d+ ${title}$`) });
  await expect(moved).toBeVisible();
  await expect(moved).toContainText(`Formerly ${reference}`);
  const newReference = /^1\.\d+/.exec((await moved.getByRole("link", { name: new RegExp(`${title}$`) }).textContent())!.trim())![0];
  // Focus follows the card, on its handle.
  await expect(moved.getByRole("button", { name: `Drag ${newReference}`, exact: true })).toBeFocused();
  // The other viewer's board reloads for it (after the same short pause the mover's would wait), and shows it there.
  await expect(column(watcher, 1, "In progress").getByRole("listitem", { name: new RegExp(`^${newReference.replace(".", "\\.")} ${title}$`) })).toBeVisible();
  expect(requests.describe()).toEqual([expect.stringMatching(/^POST \/p\/portsmouth\/plans\/[0-9a-f-]+\.data$/)]);
  requests.stop();

  // By Move…, into Done: the reply names who may confirm, still without reading the board again.
  const again = recordRequests(mover);
  await moveAndHearEcho(mover, async () => {
    const move = await openMove(mover, newReference);
    await move.getByLabel("Column").selectOption({ label: "Done" });
    await move.getByRole("button", { name: new RegExp(`^Move ${newReference.replace(".", "\\.")}`) }).click();
  });
  const done = column(mover, 1, "Done").getByRole("listitem", { name: new RegExp(`^${newReference.replace(".", "\\.")} ${title}$`) });
  await expect(done).toContainText("Awaiting confirmation from the public sector");
  await expect(done).toContainText(/can confirm\.$|can confirm\./);
  await expect(done.getByRole("button", { name: `Drag ${newReference}`, exact: true })).toBeFocused();
  await expect(column(watcher, 1, "Done").getByRole("listitem", { name: new RegExp(`^${newReference.replace(".", "\\.")} `) })).toContainText(
    "Awaiting confirmation from the public sector",
  );
  expect(again.describe()).toEqual([expect.stringMatching(/^POST \/p\/portsmouth\/plans\/[0-9a-f-]+\.data$/)]);
  again.stop();

  // What the reply showed is what the board holds.
  await mover.reload();
  await expect(column(mover, 1, "Done").getByRole("listitem", { name: new RegExp(`^${newReference.replace(".", "\\.")} ${title}$`) })).toContainText(
    "Awaiting confirmation from the public sector",
  );
  await moverContext.close();
  await watcherContext.close();
});

test("a refused move puts the card back with its message, and reads the board again", async ({ browser }) => {
  test.slow();
  const leaderContext = await browser.newContext();
  const officerContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  const officer = await officerContext.newPage();
  await hearChanges(leader);
  await signIn(leader, "leader@demo.test");
  await signIn(officer, "officer@demo.test");
  await openPlan(leader);
  const title = "Reopen only with a reason";
  const reference = await addOwnCard(leader, title);
  const escaped = reference.replace(".", "\\.");
  await moveAndHearEcho(leader, async () => {
    const move = await openMove(leader, reference);
    await move.getByLabel("Column").selectOption({ label: "Done" });
    await move.getByRole("button", { name: new RegExp(`^Move ${escaped}`) }).click();
  });

  // Jordan, of the other sector, confirms it: Sam's board hears of it.
  await openPlan(officer);
  await card(officer, reference)
    .getByRole("link", { name: new RegExp(`^Confirm or return ${escaped}`) })
    .click();
  await officer.getByRole("dialog").getByRole("button", { name: "Confirm it is done" }).click();
  await expect(officer.getByRole("dialog").getByRole("status")).toHaveText("Confirmed as done.");
  await expect(card(leader, reference)).toContainText("Confirmed done by Jordan Hughes");

  // Out of Done by keyboard, without the reason a confirmed action needs: refused.
  const requests = recordRequests(leader);
  const answered = leader.waitForResponse((response) => response.request().method() === "POST");
  await card(leader, reference)
    .getByRole("button", { name: `Drag ${reference}`, exact: true })
    .focus();
  await leader.keyboard.press("Space");
  await expect(leader.locator(".card--overlay")).toBeVisible();
  await leader.keyboard.press("ArrowLeft");
  await expect(leader.getByText(new RegExp(`^${escaped} ${title} is over At risk, objective 2`))).toBeAttached();
  await leader.keyboard.press("Space");
  expect((await answered).status()).toBe(400);
  await expect(card(leader, reference).getByRole("alert")).toHaveText(`Could not move ${reference}: Give a reason for reopening a confirmed action`);
  await expect(column(leader, 2, "Done").getByRole("listitem", { name: new RegExp(`^${escaped} ${title}$`) })).toBeVisible();
  await expect(card(leader, reference).getByRole("button", { name: `Drag ${reference}`, exact: true })).toBeFocused();
  // The refusal reads the board again, as before: the POST, then the board's data.
  await expect.poll(() => requests.made.length).toBe(2);
  expect(requests.describe()[1]).toMatch(/^GET \/p\/portsmouth\/plans\/[0-9a-f-]+\.data\?_routes=.*routes%2Fboard%2Froute$/);
  requests.stop();
  await leaderContext.close();
  await officerContext.close();
});
