import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// WCAG 2.0, 2.1 and 2.2, levels A and AA. axe ships target-size (2.5.8, AA)
// switched off, so it is switched on here.
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Fails with the list of violations when the page breaks WCAG 2.2 AA. */
export async function expectAccessible(page: Page, include?: string) {
  // axe.run in the page itself, not runPartial here and finishRun in a blank page
  // opened for each check: the same rules over the same DOM in half the time.
  // That way cannot reach into other frames, and our pages have none.
  expect(page.frames(), "a page with frames needs AxeBuilder without legacy mode").toHaveLength(1);
  let builder = new AxeBuilder({ page })
    .withTags(WCAG_22_AA)
    .options({ rules: { "target-size": { enabled: true } } })
    .setLegacyMode();
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const summary = violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
  }));
  expect(summary).toEqual([]);
}
