import { Form } from "react-router";
import { Notice } from "~/components/notice";
import { EMAIL_KIND_WORDS, WEEKDAYS } from "~/domain/emails";
import { ACCOUNT_INTENT } from "~/domain/intents";
import { PERSON_EMAIL_KINDS, type PersonEmailKind } from "~/domain/vocabulary";

interface Props {
  preferences: { digestDay: number; wanted: PersonEmailKind[] };
  /** Whether the site has a mail server (SMTP_URL): without one nothing is sent yet. */
  canSendMail: boolean;
  /** The person's next digest as it stands now, or null when it would say nothing. */
  preview: { subject: string; text: string } | null;
  notice: string | null;
  errors: Partial<Record<string, string>>;
}

/** Your account's email choices: the digest's day, each kind on or off, and the next digest as it would read. */
export function EmailsSection({ preferences, canSendMail, preview, notice, errors }: Props) {
  return (
    <section aria-labelledby="emails-heading" className="section narrow">
      <h2 id="emails-heading" tabIndex={-1}>
        Emails
      </h2>
      <p>Choose which emails Partnership Board sends you. Every email also has a link that turns its kind off in one click.</p>
      {canSendMail ? null : <p className="notice notice--warning">This site sends no emails yet: your choices apply once it does.</p>}
      <Notice>{notice}</Notice>
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="intent" value={ACCOUNT_INTENT.saveEmailPreferences} />
        <fieldset className="fieldset" id="wanted" aria-describedby={errors.wanted ? "wanted-error" : undefined}>
          <legend>Emails you get</legend>
          {errors.wanted ? (
            <p className="field__error" id="wanted-error">
              <span className="visually-hidden">Error: </span>
              {errors.wanted}
            </p>
          ) : null}
          {PERSON_EMAIL_KINDS.map((kind) => (
            <div className="checkbox" key={kind}>
              <input
                type="checkbox"
                id={`wanted-${kind}`}
                name="wanted"
                value={kind}
                defaultChecked={preferences.wanted.includes(kind)}
                aria-describedby={`wanted-${kind}-hint`}
              />
              <div>
                <label htmlFor={`wanted-${kind}`}>{EMAIL_KIND_WORDS[kind].label}</label>
                <p className="field__hint checkbox__hint" id={`wanted-${kind}-hint`}>
                  {EMAIL_KIND_WORDS[kind].hint}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <div className={errors.digestDay ? "field field--error" : "field"}>
          <label className="field__label" htmlFor="digestDay">
            Day of your weekly digest
          </label>
          <p className="field__hint" id="digestDay-hint">
            It comes at 7am UK time on that day, when there is something to tell you.
          </p>
          {errors.digestDay ? (
            <p className="field__error" id="digestDay-error">
              <span className="visually-hidden">Error: </span>
              {errors.digestDay}
            </p>
          ) : null}
          <select
            id="digestDay"
            name="digestDay"
            className="input select"
            defaultValue={String(preferences.digestDay)}
            aria-describedby={errors.digestDay ? "digestDay-hint digestDay-error" : "digestDay-hint"}
            aria-invalid={errors.digestDay ? true : undefined}
          >
            {WEEKDAYS.map((day, index) => (
              <option key={day} value={String(index + 1)}>
                {day}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Save email preferences
        </button>
      </Form>

      <h3 id="digest-preview-heading" className="email-preview__heading">
        Your next digest
      </h3>
      {preview ? (
        <details className="email-preview">
          <summary>
            <span className="visually-hidden">Show your next digest: </span>
            {preview.subject}
          </summary>
          <p className="hint">As it would read if it went now{preferences.wanted.includes("digest") ? "" : ", though you have turned the digest off"}.</p>
          <pre className="email-preview__text">{preview.text}</pre>
        </details>
      ) : (
        <p className="empty-state">Nothing to tell you this week: no digest would go to you now.</p>
      )}
    </section>
  );
}
