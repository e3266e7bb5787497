import type { EmailDocument, EmailItem, EmailSection } from "../../domain/email-document";
import { config } from "../platform/config.server";

// Every email the board writes is a document of headings, paragraphs and
// lists, rendered twice: as plain text and as HTML that a screen reader can
// walk (real headings and lists, no layout tables, nothing that needs an
// image). Every piece of text is escaped here, so a note that contains HTML
// arrives as the text it is.

export type { EmailDocument, EmailItem, EmailSection } from "../../domain/email-document";

/** A link to a page of this site for an email sent with no request at hand: on PUBLIC_URL, else the local address. */
export function mailLink(path: string): string {
  return new URL(path, config.publicUrl ?? `http://localhost:${process.env.PORT || 3000}`).toString();
}

export function renderText(document: EmailDocument): string {
  const lines: string[] = [document.title, "=".repeat(Math.min(document.title.length, 72)), ""];
  for (const paragraph of document.intro ?? []) lines.push(paragraph, "");
  const section = (part: EmailSection, depth: number) => {
    // A lighter underline each level down, so a plan's lists read as under the plan.
    lines.push(part.heading, (["-", "~", "."][Math.min(depth, 2)] ?? ".").repeat(Math.min(part.heading.length, 72)), "");
    for (const paragraph of part.paragraphs ?? []) lines.push(paragraph, "");
    if (part.items?.length) {
      for (const item of part.items) lines.push(...textItem(item));
      lines.push("");
    }
    if (part.more) lines.push(...textItem(part.more).map((line) => line.replace(/^- /, "")), "");
    for (const child of part.sections ?? []) section(child, depth + 1);
  };
  for (const part of document.sections ?? []) section(part, 0);
  for (const paragraph of document.outro ?? []) lines.push(paragraph, "");
  return (
    lines
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}

function textItem(item: EmailItem): string[] {
  const lines = [`- ${item.text}${item.detail ? ` (${item.detail})` : ""}`];
  if (item.href) lines.push(`  ${item.href}`);
  return lines;
}

export function renderHtml(document: EmailDocument): string {
  const parts: string[] = [`<h1>${escapeHtml(document.title)}</h1>`];
  for (const paragraph of document.intro ?? []) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
  const section = (part: EmailSection, level: number) => {
    parts.push(`<h${level}>${escapeHtml(part.heading)}</h${level}>`);
    for (const paragraph of part.paragraphs ?? []) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
    if (part.items?.length) parts.push(`<ul>${part.items.map((item) => `<li>${htmlItem(item)}</li>`).join("")}</ul>`);
    if (part.more) parts.push(`<p>${htmlItem(part.more)}</p>`);
    for (const child of part.sections ?? []) section(child, Math.min(level + 1, 4));
  };
  for (const part of document.sections ?? []) section(part, 2);
  for (const paragraph of document.outro ?? []) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
  return [
    "<!doctype html>",
    '<html lang="en-GB">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(document.title)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c; max-width: 40em;">',
    ...parts,
    "</body>",
    "</html>",
  ].join("\n");
}

function htmlItem(item: EmailItem): string {
  const text = item.href ? `<a href="${escapeHtml(item.href)}">${escapeHtml(item.text)}</a>` : escapeHtml(item.text);
  return item.detail ? `${text} (${escapeHtml(item.detail)})` : text;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Both parts of a document. */
export function renderEmail(document: EmailDocument): { text: string; html: string } {
  return { text: renderText(document), html: renderHtml(document) };
}
