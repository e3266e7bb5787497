import { formatDueDate, isRealDate, ukToday } from "~/domain/dates";
import { pageLoader, planScope } from "~/server/http/pipeline.server";

/**
 * The status paper's running header: the plan's title and the date on every
 * printed page. @page margin boxes hold only literal text, and the CSP allows
 * no inline <style>, so the page links this small stylesheet of its own.
 */
export const loader = pageLoader(planScope("plan.view"), async ({ plan, url }) => {
  const asked = url.searchParams.get("on") ?? "";
  const on = isRealDate(asked) ? asked : ukToday();
  const css =
    `@page {\n  @top-left { content: "${cssString(plan.title)}"; font-size: 9pt; }\n ` +
    ` @top-right { content: "${cssString(formatDueDate(on))}"; font-size: 9pt; }\n}\n`;
  return new Response(css, { headers: { "Content-Type": "text/css; charset=utf-8" } });
});

/** Text as the inside of a CSS string: anything but letters, digits and plain punctuation as a hex escape. */
function cssString(text: string): string {
  return [...text].map((char) => (/^[\p{L}\p{N} .,:;()&–-]$/u.test(char) ? char : `\\${char.codePointAt(0)!.toString(16)} `)).join("");
}
