import { createHash } from "node:crypto";
import { Feed } from "feed";
import { publicPlanPath } from "../../domain/public-pages";
import { actionReference } from "../../domain/references";
import type { PublicFeedData } from "./public-plan.server";

// A published plan's Atom feed: each completion the other sector confirmed and
// each review published, newest first, for feed readers and a council's own
// website. Written with `feed`, which marks titles and summaries as HTML: the
// partners' words are escaped first, so a reader shows them as typed.

export function publicFeedText(data: PublicFeedData, origin: string): string {
  const page = `${origin}${publicPlanPath(data.partnership.slug, data.plan.id)}`;
  const entries = [
    ...data.completions.map((completion) => ({
      id: derivedUrn(data.plan.id, `completion ${completion.id}`),
      title: `${actionReference(completion.objectiveNumber, completion.number)} ${completion.title}: done, confirmed`,
      link: `${page}#action-${completion.actionId}`,
      date: completion.occurredAt,
      description: `The partnership confirmed action ${actionReference(completion.objectiveNumber, completion.number)} done.`,
    })),
    ...data.reviews.map((review) => ({
      id: `urn:uuid:${review.id}`,
      title: `${review.title}: published`,
      link: `${page}#review-${review.id}`,
      date: review.publishedAt,
      description: review.summary || "The review was published.",
    })),
  ].sort((a, b) => b.date.getTime() - a.date.getTime());

  const feed = new Feed({
    id: `urn:uuid:${data.plan.id}`,
    title: `${data.plan.title}: completions and reviews`,
    description: `Completions confirmed and reviews published in ${data.partnership.name}'s plan.`,
    link: page,
    updated: entries[0]?.date ?? data.plan.publishedAt,
    copyright: data.partnership.name,
    generator: "Partnership Board",
  });
  for (const entry of entries) feed.addItem({ ...entry, title: asHtml(entry.title), description: asHtml(entry.description) });
  return feed.atom1();
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function asHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** A stable URN for something that has no UUID of its own (an audit event's number), the same on every instance. */
function derivedUrn(namespace: string, name: string): string {
  const hex = createHash("sha256").update(`${namespace} ${name}`).digest("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
