// An email as a document of headings, paragraphs and lists: what the pure
// builders (digests, reminders) make and app/server/mail/compose.server.ts
// renders as text and HTML. Here, not in the mail room, so app/domain can build one.

/** A line of a list: text, optionally a link, and a detail after it ("due 3 Jun 2010"). */
export interface EmailItem {
  text: string;
  href?: string;
  detail?: string;
}

/** A section under a heading; sections nest (a partnership, then its plans, then their lists). */
export interface EmailSection {
  heading: string;
  paragraphs?: string[];
  items?: EmailItem[];
  /** Said after the list, such as "and 12 more on the board: <link>". */
  more?: EmailItem;
  sections?: EmailSection[];
}

export interface EmailDocument {
  /** The email's first heading (and the HTML's title). */
  title: string;
  intro?: string[];
  sections?: EmailSection[];
  /** Closing paragraphs before the footer. */
  outro?: string[];
}
