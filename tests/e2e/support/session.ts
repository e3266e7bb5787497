import fs from "node:fs";
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { isDemoEmail, savedSignInPath } from "./run-folder";

export const DEMO_PASSWORD = "partnership-demo";

/**
 * Signs in and lands on the home page. A demo person reuses the sign-in the
 * setup made through the form (their session is in every worker's copy of the
 * database); anyone else, or another password, goes through the form.
 * A test that signs out, ends sessions, changes a password or disables the
 * person must use signInWithForm: it would end the saved session that later
 * tests in its worker use.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (!isDemoEmail(email) || password !== DEMO_PASSWORD) return signInWithForm(page, email, password);
  const { cookies } = JSON.parse(fs.readFileSync(savedSignInPath(email), "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
  await page.context().addCookies(cookies);
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs in through the form, as a person would, and lands on the home page. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function openPlan(page: Page) {
  // Straight after signIn the home page is already open: loading it again would only cost time.
  if (new URL(page.url()).pathname !== "/") await page.goto("/");
  await page.getByRole("link", { name: "Partnership Improvement Action Plan 2010" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Partnership Improvement Action Plan 2010" })).toBeVisible();
  // Live updates are connected once the stream opens; moves before that could miss nothing, but tests wait for a calm page.
  await expect(page.getByText("Live: changes by others appear here")).toBeVisible();
}

/** The lane of objective `number`, and a column in it. */
export function lane(page: Page, number: number) {
  return page.getByRole("region", { name: new RegExp(`^Objective ${number}: `) });
}

export function column(page: Page, laneNumber: number, status: "Not started" | "In progress" | "At risk" | "Done") {
  return lane(page, laneNumber).getByRole("list", { name: status, exact: true });
}

/** A card by its reference, like "1.5". */
export function card(page: Page, reference: string) {
  return page.getByRole("listitem", { name: new RegExp(`^${reference.replace(".", "\\.")} `) });
}

/**
 * Opens a card's Move… and returns where its fields are: the board's Move
 * dialog with JavaScript, the Move page without it.
 */
export async function openMove(page: Page, reference: string) {
  await card(page, reference)
    .getByRole("link", { name: /^Move…/ })
    .click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`^Move ${reference.replace(".", "\\.")} `) });
  const movePage = page.getByRole("main");
  await expect(dialog.or(page.getByRole("heading", { level: 1, name: new RegExp(`^Move ${reference.replace(".", "\\.")} `) }))).toBeVisible();
  return (await dialog.count()) > 0 ? dialog : movePage;
}

/** Drags by the card's handle with the mouse, in small steps as a hand would. */
export async function drag(page: Page, handle: Locator, target: Locator) {
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  await expect(page.locator(".card--overlay")).toBeVisible();
  // The card hangs right of the handle it is held by: hold it near the column's left edge.
  await page.mouse.move(to.x + 24, to.y + to.height - 10, { steps: 12 });
  await page.mouse.up();
}
