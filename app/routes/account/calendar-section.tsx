import { Form } from "react-router";
import { Notice } from "~/components/notice";
import { ShownLink } from "~/components/shown-link";
import { CALENDAR_INTENT } from "~/domain/intents";

interface Props {
  /** When the person's link was made, or null when they have none. */
  feed: { createdAt: string } | null;
  /** The link itself, only in the answer that made it: the server keeps its hash alone. */
  link: string | null;
  notice: string | null;
}

/** Your account's calendar link: made, shown once, copied, reset, turned off. */
export function CalendarSection({ feed, link, notice }: Props) {
  return (
    <section aria-labelledby="calendar-heading" className="section narrow">
      <h2 id="calendar-heading">Your deadlines in your calendar</h2>
      <p>
        Subscribe to your calendar link in Outlook, Google Calendar or another calendar app to see the due dates of the actions you lead and the dates of your
        plans’ reviews. Your calendar app fetches it itself, without signing in, and keeps it up to date.
      </p>
      <p>Keep the link to yourself: anyone who has it can see your deadlines.</p>
      <Notice>{notice}</Notice>
      {link ? (
        <ShownLink
          key={link}
          id="calendar-link"
          label="Your calendar link"
          hint={
            "Shown only now. Copy it, then add it in your calendar app: in Outlook, Add calendar, then Subscribe from web; " +
            "in Google Calendar, Other calendars, then From URL."
          }
          link={link}
          copied="Link copied. Paste it into your calendar app."
        />
      ) : null}
      {feed ? (
        <>
          <p>You have a calendar link, made {feed.createdAt}. It is shown only when it is made: if you have lost it, reset it to get a new one.</p>
          <p className="hint">Resetting or turning off stops the current link working: a calendar subscribed to it stops updating.</p>
          <div className="button-row">
            <Form method="post">
              <button type="submit" name="intent" value={CALENDAR_INTENT.reset} className="button button--secondary">
                Reset calendar link
              </button>
            </Form>
            <Form method="post">
              <button type="submit" name="intent" value={CALENDAR_INTENT.turnOff} className="button button--warning">
                Turn off calendar link
              </button>
            </Form>
          </div>
        </>
      ) : (
        <Form method="post">
          <button type="submit" name="intent" value={CALENDAR_INTENT.create} className="button">
            Create my calendar link
          </button>
        </Form>
      )}
    </section>
  );
}
