import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Form } from "react-router";
import { Notice } from "~/components/notice";
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
      {/* Keyed by the link: a reset's new link starts without the last one's copy message. */}
      {link ? <ShownLink key={link} link={link} /> : null}
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

/**
 * The new link in a read-only field, selected and focused so Ctrl+C copies it
 * at once (also without JavaScript, where the field is simply there to
 * select); with JavaScript a Copy button as well, which says what it did.
 */
function ShownLink({ link }: { link: string }) {
  const field = useRef<HTMLInputElement>(null);
  // False in the server's HTML and until hydration: without JavaScript there is no button that cannot work.
  const canCopy = useSyncExternalStore(noChanges, clipboardAvailable, () => false);
  const [copyMessage, setCopyMessage] = useState("");
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopyMessage("Link copied. Paste it into your calendar app.");
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopyMessage("Your browser did not let us copy it. The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor="calendar-link">
        Your calendar link
      </label>
      <p className="field__hint" id="calendar-link-hint">
        Shown only now. Copy it, then add it in your calendar app: in Outlook, Add calendar, then Subscribe from web; in Google Calendar, Other calendars, then
        From URL.
      </p>
      <input
        id="calendar-link"
        className="input"
        readOnly
        value={link}
        aria-describedby="calendar-link-hint"
        ref={field}
        onFocus={(event) => event.currentTarget.select()}
      />
      {canCopy ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={copy}>
            Copy link
          </button>
        </div>
      ) : null}
      <p role="status" className="hint">
        {copyMessage}
      </p>
    </div>
  );
}

const noChanges = () => () => {};
const clipboardAvailable = () => Boolean(navigator.clipboard);
