// Screens: board, move, action, plan, history (the route folders this spec covers; `npm run test:changed` reads it)
import { expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { card, column, drag, lane, openMove, openPlan, signIn } from "./support/session";

test.describe("the board, as the Third Sector Leadership Group's chair", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "leader@demo.test");
    await openPlan(page);
  });

  test("shows lanes, columns and cards with names that start with their number, and passes WCAG 2.2 AA checks", async ({ page }) => {
    await expect(lane(page, 1)).toBeVisible();
    await expect(lane(page, 2)).toBeVisible();
    await expect(column(page, 1, "At risk")).toBeVisible();
    await expect(card(page, "1.5")).toContainText("Map Portsmouth's third sector organisations");
    await expect(card(page, "1.5")).toContainText("Overdue");
    await expect(card(page, "2.2")).toContainText("Awaiting confirmation from the voluntary and community sector");
    await expectAccessible(page);
  });

  test("drags a card to another column with the mouse", async ({ page }) => {
    const target = column(page, 1, "At risk");
    await drag(page, card(page, "1.3").getByRole("button", { name: "Drag 1.3", exact: true }), target);
    await expect(target.getByRole("listitem", { name: /^1\.3 / })).toBeVisible();
    await page.reload();
    await expect(column(page, 1, "At risk").getByRole("listitem", { name: /^1\.3 / })).toBeVisible();
  });

  test("a mouse drag into another objective asks first, naming the new number; keeping it changes nothing", async ({ page }) => {
    // A card of its own, so that no other test's card changes objective.
    await lane(page, 1).getByLabel("New action for objective 1").fill("Map the lanes of the board");
    await lane(page, 1).getByRole("button", { name: "Add action to objective 1" }).click();
    const added = column(page, 1, "Not started").getByRole("listitem", { name: /^1\.\d+ Map the lanes of the board$/ });
    await expect(added).toBeVisible();
    const reference = /^1\.\d+/.exec((await added.getByRole("link", { name: /Map the lanes of the board$/ }).textContent())!.trim())![0];
    const handle = () => card(page, reference).getByRole("button", { name: `Drag ${reference}`, exact: true });

    await drag(page, handle(), column(page, 2, "In progress"));
    const ask = page.getByRole("dialog", { name: `Move ${reference} to objective 2?` });
    await expect(ask).toBeVisible();
    const confirm = ask.getByRole("button", { name: /^Move to objective 2 as 2\.\d+$/ });
    const promised = (await confirm.textContent())!.replace("Move to objective 2 as ", "");
    await expect(ask).toContainText(`its card says “Formerly ${reference}”`);
    await expect(ask.getByRole("button", { name: "Keep it in objective 1" })).toBeFocused();
    await expectAccessible(page);

    await ask.getByRole("button", { name: "Keep it in objective 1" }).click();
    await expect(ask).toBeHidden();
    await expect(column(page, 1, "Not started").getByRole("listitem", { name: new RegExp(`^${reference.replace(".", "\\.")} `) })).toBeVisible();
    await expect(handle()).toBeFocused();
    await page.reload();
    await expect(column(page, 1, "Not started").getByRole("listitem", { name: new RegExp(`^${reference.replace(".", "\\.")} `) })).toBeVisible();
    await expect(card(page, reference)).not.toContainText("Formerly");

    await drag(page, handle(), column(page, 2, "In progress"));
    await ask.getByRole("button", { name: `Move to objective 2 as ${promised}` }).click();
    await expect(column(page, 2, "In progress").getByRole("listitem", { name: new RegExp(`^${promised.replace(".", "\\.")} Map the lanes`) })).toBeVisible();
    await expect(card(page, promised)).toContainText(`Formerly ${reference}`);
  });

  test("moves a card with the keyboard, and says where in words", async ({ page }) => {
    const handle = card(page, "1.4").getByRole("button", { name: "Drag 1.4", exact: true });
    await handle.focus();
    await page.keyboard.press("Space");
    // Picked up: the card now follows the keys.
    await expect(page.locator(".card--overlay")).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText(/^1\.4 Promote the Joint Strategic Needs Assessment to the third sector is over In progress, objective 1/)).toBeAttached();
    await page.keyboard.press("Space");
    const announcement = page.getByText(
      /^1\.4 Promote the Joint Strategic Needs Assessment to the third sector was dropped into In progress, objective 1, position \d+ of \d+\.$/,
    );
    await expect(announcement).toBeAttached();
    await expect(column(page, 1, "In progress").getByRole("listitem", { name: /^1\.4 / })).toBeVisible();
    await page.reload();
    await expect(column(page, 1, "In progress").getByRole("listitem", { name: /^1\.4 / })).toBeVisible();
  });

  test("moves a card with the Move… form, by clicks alone", async ({ page }) => {
    // Escape closes the dialog and puts focus back on the Move… that opened it.
    await openMove(page, "2.1");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(card(page, "2.1").getByRole("link", { name: /^Move…/ })).toBeFocused();

    const move = await openMove(page, "2.1");
    await expectAccessible(page);
    // The positions offered follow the column chosen.
    await move.getByLabel("Column").selectOption({ label: "In progress" });
    await expect(move.getByLabel("Position").getByRole("option", { name: /^After 2\.3 / })).toHaveCount(1);
    await move.getByLabel("Column").selectOption({ label: "At risk" });
    await move.getByLabel("Position").selectOption({ label: "Top of the column" });
    await move.getByRole("button", { name: /^Move 2\.1/ }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(column(page, 2, "At risk").getByRole("listitem", { name: /^2\.1 / })).toBeVisible();
    // Focus follows the card to its new column, on its handle.
    await expect(card(page, "2.1").getByRole("button", { name: "Drag 2.1", exact: true })).toBeFocused();
    await page.reload();
    await expect(column(page, 2, "At risk").getByRole("listitem", { name: /^2\.1 / })).toBeVisible();

    // The Move page, which stands in for the dialog without JavaScript, opened in its own tab.
    const href = await card(page, "2.1")
      .getByRole("link", { name: /^Move…/ })
      .getAttribute("href");
    await page.goto(href!);
    await expect(page.getByRole("heading", { level: 1, name: /^Move 2\.1 / })).toBeVisible();
    await expectAccessible(page);
  });

  test("adds an action and edits it in the dialog", async ({ page }) => {
    const objective = lane(page, 2);
    await objective.getByLabel("New action for objective 2").fill("Hold a partnership values event");
    await objective.getByRole("button", { name: "Add action to objective 2" }).click();
    const added = column(page, 2, "Not started").getByRole("listitem", { name: /^2\.\d+ Hold a partnership values event$/ });
    await expect(added).toBeVisible();

    await added.getByRole("link", { name: /^2\.\d+ Hold a partnership values event$/ }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: /Hold a partnership values event/ })).toBeVisible();
    await expectAccessible(page);
    await dialog.getByLabel("Title").fill("Hold a partnership values event in the Guildhall");
    await dialog.getByLabel("Timescale, as the plan words it").fill("End July 2010");
    await dialog.getByLabel(/^Nicola Youern/).check();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Changes saved.");
    await dialog.getByRole("tab", { name: "History" }).click();
    await expect(dialog.getByRole("tabpanel")).toContainText(
      /Sam Patel \(voluntary and community sector\) changed the title, due date, timescale wording and leads of 2\.\d+ \(now due 31 July 2010\)/,
    );

    await dialog.getByRole("link", { name: /^Close/ }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    const edited = page.getByRole("listitem", { name: /^2\.\d+ Hold a partnership values event in the Guildhall$/ });
    await expect(edited).toContainText("Due 31 July 2010");
    await expect(edited).toContainText("Nicola Youern");
  });

  test("adds a progress note, which cannot be edited afterwards", async ({ page }) => {
    await card(page, "1.5")
      .getByRole("link", { name: /^1\.5 / })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("tab", { name: /^Progress notes/ }).click();
    await dialog.getByLabel("Add a progress note").fill("Two volunteers will refresh the Merlin data in July.");
    await dialog.getByRole("button", { name: "Add note" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Note added.");
    await dialog.getByRole("tab", { name: /^Progress notes/ }).click();
    await expect(dialog.getByRole("tabpanel")).toContainText("Two volunteers will refresh the Merlin data in July.");
    await expect(dialog.getByRole("button", { name: /edit|delete/i })).toHaveCount(0);
  });
});

test("the Move… form works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "leader@demo.test");
  await page.getByRole("link", { name: "Partnership Improvement Action Plan 2010" }).click();
  const move = await openMove(page, "1.2");
  await expect(page).toHaveURL(/\/actions\/[0-9a-f-]+\/move$/);
  await move.getByLabel("Column").selectOption({ label: "Done" });
  // The positions are the chosen column's: Done's, once asked for.
  await move.getByRole("button", { name: "Show positions in the chosen column" }).click();
  await move.getByLabel("Position").selectOption({ label: "After 1.6 Support third sector partnerships and consortium building" });
  await move.getByRole("button", { name: /^Move 1\.2/ }).click();
  // Back on the board, at the card.
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]+#card-[0-9a-f-]+$/);
  await expect(column(page, 1, "Done").getByRole("listitem", { name: /^\d\.\d+ / })).toHaveText([/1\.6 /, /1\.2 /]);
  await expect(column(page, 1, "Done").getByRole("listitem", { name: /^1\.2 / })).toContainText("Awaiting confirmation from the public sector");
  await context.close();
});

test("without JavaScript, a refused Move… says why and keeps the form as it was sent", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "leader@demo.test");
  await page.getByRole("link", { name: "Partnership Improvement Action Plan 2010" }).click();
  const move = await openMove(page, "1.6");
  await move.getByLabel("Column").selectOption({ label: "In progress" });
  await move.getByRole("button", { name: /^Move 1\.6/ }).click();

  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Give a reason for reopening a confirmed action");
  await expect(page.getByLabel("Column")).toHaveValue("in_progress");
  await page.getByLabel(/Reason for reopening/).fill("The directory needs another round of updates.");
  await page.getByRole("button", { name: /^Move 1\.6/ }).click();
  await expect(column(page, 1, "In progress").getByRole("listitem", { name: /^1\.6 / })).toBeVisible();
  await expect(page.getByText("There is a problem")).toHaveCount(0);
  await context.close();
});

test("a second editor's stale save is refused and both versions are offered", async ({ browser }) => {
  const officerContext = await browser.newContext();
  const leaderContext = await browser.newContext();
  const officer = await officerContext.newPage();
  const leader = await leaderContext.newPage();
  await signIn(officer, "officer@demo.test");
  await signIn(leader, "leader@demo.test");
  for (const page of [officer, leader]) {
    await openPlan(page);
    await card(page, "1.1")
      .getByRole("link", { name: /^1\.1 / })
      .click();
    await expect(page.getByRole("dialog").getByLabel("Title")).toBeVisible();
  }

  await officer.getByRole("dialog").getByLabel("Title").fill("Write the strategy for a thriving third sector");
  await officer.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
  await expect(officer.getByRole("dialog").getByRole("status")).toHaveText("Changes saved.");

  const dialog = leader.getByRole("dialog");
  await dialog.getByLabel("Description").fill("Builds on the refreshed Compact; the VCS draft goes first to the Consortium.");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("heading", { name: "Someone else saved this action while you were editing" })).toBeVisible();
  const titleChoice = dialog.getByRole("group", { name: "Title" });
  await expect(titleChoice).toContainText("Theirs: Write the strategy for a thriving third sector");
  await titleChoice.getByLabel(/^Theirs/).check();
  await expectAccessible(leader);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Changes saved.");
  await expect(dialog.getByLabel("Title")).toHaveValue("Write the strategy for a thriving third sector");
  await expect(dialog.getByLabel("Description")).toHaveValue("Builds on the refreshed Compact; the VCS draft goes first to the Consortium.");
  await officerContext.close();
  await leaderContext.close();
});

test("a change in one window appears in another without reloading", async ({ browser }) => {
  const watcherContext = await browser.newContext();
  const moverContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  const mover = await moverContext.newPage();
  await signIn(watcher, "councillor@demo.test");
  await signIn(mover, "leader@demo.test");
  await openPlan(watcher);
  await openPlan(mover);
  await expect(column(watcher, 2, "In progress").getByRole("listitem", { name: /^2\.3 / })).toBeVisible();

  const move = await openMove(mover, "2.3");
  await move.getByLabel("Column").selectOption({ label: "At risk" });
  await move.getByRole("button", { name: /^Move 2\.3/ }).click();

  await expect(column(watcher, 2, "At risk").getByRole("listitem", { name: /^2\.3 / })).toBeVisible({ timeout: 2_000 });
  await watcherContext.close();
  await moverContext.close();
});

test("an observer sees the board and the action but no way to change them", async ({ page }) => {
  await signIn(page, "councillor@demo.test");
  await openPlan(page);
  await expect(card(page, "1.5")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Drag / })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Move…/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Add action/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add objective" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "History" })).toHaveCount(0);
  await card(page, "1.5")
    .getByRole("link", { name: /^1\.5 / })
    .click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: /^1\.5 / })).toBeVisible();
  await expect(dialog.getByRole("button")).toHaveText([]);
  await expect(dialog.getByRole("textbox")).toHaveCount(0);
  await expectAccessible(page);
});

test("completion: the leader proposes, the officer from the other sector confirms", async ({ browser }) => {
  const leaderContext = await browser.newContext();
  const officerContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  const officer = await officerContext.newPage();
  await signIn(leader, "leader@demo.test");
  await signIn(officer, "officer@demo.test");
  await openPlan(leader);

  const move = await openMove(leader, "1.1");
  await move.getByLabel("Column").selectOption({ label: "Done" });
  await move.getByRole("button", { name: /^Move 1\.1/ }).click();
  await expect(card(leader, "1.1")).toContainText("Awaiting confirmation from the public sector");
  await card(leader, "1.1")
    .getByRole("link", { name: /^1\.1 / })
    .click();
  await expect(leader.getByRole("dialog")).toContainText("You cannot confirm this yourself: someone from another sector must.");
  await expect(leader.getByRole("button", { name: "Confirm it is done" })).toHaveCount(0);

  await openPlan(officer);
  await card(officer, "1.1")
    .getByRole("link", { name: /^1\.1 / })
    .click();
  await officer.getByRole("button", { name: "Confirm it is done" }).click();
  const officerDialog = officer.getByRole("dialog");
  const notice = officerDialog.getByRole("status");
  await expect(notice).toHaveText("Confirmed as done.");
  // The button has gone, so focus is on the message; a change someone else makes
  // meanwhile (a note, heard through the live updates) leaves the message there.
  await expect(notice).toBeFocused();
  const notesTab = officerDialog.getByRole("tab", { name: /^Progress notes/ });
  const notesBefore = Number((await notesTab.textContent())!.match(/\((\d+)\)/)![1]);
  await leader
    .getByRole("dialog")
    .getByRole("tab", { name: /^Progress notes/ })
    .click();
  await leader.getByRole("dialog").getByLabel("Add a progress note").fill("Strategy signed off at the June board.");
  await leader.getByRole("dialog").getByRole("button", { name: "Add note" }).click();
  await expect(notesTab).toHaveText(`Progress notes (${notesBefore + 1})`);
  await expect(notice).toHaveText("Confirmed as done.");
  await expect(notice).toBeFocused();
  await officerDialog.getByRole("link", { name: /^Close/ }).click();
  await expect(card(officer, "1.1")).toContainText("Confirmed done by Jordan Hughes");
  await leaderContext.close();
  await officerContext.close();
});

test("filters in the address show the same view to anyone who opens the link", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await openPlan(page);
  await page.getByLabel("My actions").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/mine=1/);
  await expect(page.getByText(/^Showing \d+ of \d+ actions\./)).toBeVisible();
  await expect(card(page, "1.5")).toBeVisible();
  await expect(card(page, "1.2")).toHaveCount(0);

  await page.goto(`${page.url().split("?")[0]}?q=directory`);
  await expect(page.getByRole("listitem", { name: /^\d\.\d+ / }).filter({ has: page.getByRole("link") })).toHaveCount(1);
  await expect(card(page, "1.5")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(card(page, "1.2")).toBeVisible();
});

test("the Lead filter offers those who can lead, not the councillor or the facilitator", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  await openPlan(page);
  const people = page.getByLabel("Lead").locator("optgroup[label='People'] option");
  await expect(people).toContainText(["Jordan Hughes", "Sam Patel"]);
  const names = await people.allTextContents();
  expect(names).not.toContain("Cllr Chris Taylor");
  expect(names).not.toContain("Morgan Reid");
});

test("a refused move puts the card back and says why", async ({ browser }) => {
  const officerContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const officer = await officerContext.newPage();
  const admin = await adminContext.newPage();
  await signIn(officer, "officer@demo.test");
  await signIn(admin, "admin@demo.test");
  await openPlan(officer);
  const before = await officer
    .getByRole("listitem", { name: /^1\.1 / })
    .locator("xpath=ancestor::ul[1]")
    .getAttribute("aria-label");

  // Meanwhile the admin takes Jordan out of the Compact Working Group, which leads 1.1.
  await admin.goto("/p/portsmouth/groups");
  await admin.getByRole("link", { name: "Compact Working Group" }).click();
  await admin.getByRole("button", { name: "Remove Jordan Hughes from the group" }).click();
  await expect(admin.getByRole("status")).toHaveText("Member removed.");

  try {
    const move = await openMove(officer, "1.1");
    await move.getByLabel("Column").selectOption({ label: before === "At risk" ? "In progress" : "At risk" });
    // Confirmed done by an earlier test, it needs a reason to leave Done.
    const reason = move.getByLabel(/Reason for reopening/);
    if ((await reason.count()) > 0) await reason.fill("Checking who may still move it.");
    await move.getByRole("button", { name: /^Move 1\.1/ }).click();
    await expect(officer.getByRole("alert").filter({ hasText: "Could not move 1.1" })).toHaveText("Could not move 1.1: You do not have permission to do that.");
    await expect(column(officer, 1, before as "At risk").getByRole("listitem", { name: /^1\.1 / })).toBeVisible();
  } finally {
    // Put Jordan back for the other tests, whatever happened.
    await admin.getByLabel("Add a member").selectOption({ label: "Jordan Hughes" });
    await admin.getByRole("button", { name: "Add to group" }).click();
    await expect(admin.getByRole("status")).toHaveText("Member added.");
  }
  await officerContext.close();
  await adminContext.close();
});
