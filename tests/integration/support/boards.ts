import type { Client } from "./http";

/** Where a person's partnerships' boards are: every plan's board link on the partnership pages they can reach from home. */
export async function boardPaths(person: Client, slugs: string[]): Promise<string[]> {
  const paths = new Set<string>();
  for (const slug of slugs) {
    const page = await (await person.get(`/p/${slug}`)).text();
    for (const [, planId] of page.matchAll(new RegExp(`href="/p/${slug}/plans/([0-9a-f-]{36})"`, "g"))) paths.add(`/p/${slug}/plans/${planId}`);
  }
  return [...paths].sort();
}

/** A page's main content as a person reads it: the words, without markup, scripts or the per-response nonce. */
export async function mainText(person: Client, path: string): Promise<string> {
  const response = await person.get(path);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  const html = await response.text();
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return main
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
