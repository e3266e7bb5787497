import { useEffect, useRef, useState, useSyncExternalStore } from "react";

interface Props {
  /** The field's id, which tests and labels name ("calendar-link"). */
  id: string;
  label: string;
  hint: string;
  link: string;
  /** What the Copy button says once it has copied: what to do with the link next. */
  copied: string;
}

/**
 * A link shown once (a calendar, invitation or reset link) in a read-only
 * field, focused and selected where the person is, so Ctrl+C copies it at once
 * (also without JavaScript, where the field is simply there to select); with
 * JavaScript a Copy button as well, which says what it did. Key it by the link,
 * so a new link starts without the last one's copy message.
 */
export function ShownLink({ id, label, hint, link, copied }: Props) {
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
      setCopyMessage(copied);
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopyMessage("Your browser did not let us copy it. The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input id={id} className="input" readOnly value={link} aria-describedby={`${id}-hint`} ref={field} onFocus={(event) => event.currentTarget.select()} />
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
