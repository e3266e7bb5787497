import ICAL from "ical.js";

// A deadline feed as a calendar app reads it, parsed by ical.js (Mozilla's
// parser, which Thunderbird uses) rather than by our own reading of the text.

export interface FeedEvent {
  uid: string;
  summary: string;
  /** "YYYY-MM-DD" for an all-day event. */
  start: string;
  end: string;
  allDay: boolean;
  url: string;
  description: string;
}

export function parseFeed(text: string): { name: string; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      url: String(component.getFirstPropertyValue("url") ?? ""),
      description: event.description,
    };
  });
  return { name: String(calendar.getFirstPropertyValue("x-wr-calname") ?? ""), events };
}
