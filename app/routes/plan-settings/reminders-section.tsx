import { Form } from "react-router";
import type { FieldErrors } from "~/components/form-reply";
import { Notice } from "~/components/notice";
import { describeDueReminders, DUE_REMINDER_DAYS } from "~/domain/email-choices";
import { SETTINGS_INTENT } from "~/domain/intents";

interface Props {
  /** Days before a due date, or null when the plan sends no reminders. */
  days: number | null;
  notice: string | null;
  errors: FieldErrors;
  /** What was sent, when the form comes back refused. */
  sent?: { dueReminders?: string; dueReminderDays?: string };
}

/** A plan's due date reminders: on, how many days before, or off. Its stewards and admins choose. */
export function RemindersSection({ days, notice, errors, sent }: Props) {
  const on = sent?.dueReminders ? sent.dueReminders !== "off" : days !== null;
  const daysValue = sent?.dueReminderDays ?? String(days ?? DUE_REMINDER_DAYS.default);
  return (
    <section aria-labelledby="reminders-heading" className="section">
      <h2 id="reminders-heading">Due date reminders</h2>
      <p>{describeDueReminders(days)}</p>
      <Notice>{notice}</Notice>
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="intent" value={SETTINGS_INTENT.setDueReminders} />
        <fieldset className="fieldset" aria-describedby="dueReminders-hint">
          <legend>Remind leads before an action is due</legend>
          <p className="field__hint" id="dueReminders-hint">
            Each person who leads an action, in person or through a group, gets one email before its due date. They can turn these emails off under Your
            account.
          </p>
          {errors.dueReminders ? (
            <p className="field__error" id="dueReminders-error">
              <span className="visually-hidden">Error: </span>
              {errors.dueReminders}
            </p>
          ) : null}
          <div className="radio">
            <input type="radio" id="dueReminders" name="dueReminders" value="on" defaultChecked={on} />
            <label htmlFor="dueReminders">Remind them</label>
          </div>
          <div className={errors.dueReminderDays ? "field field--error radio__conditional" : "field radio__conditional"}>
            <label className="field__label" htmlFor="dueReminderDays">
              Days before the due date
            </label>
            <p className="field__hint" id="dueReminderDays-hint">
              From {DUE_REMINDER_DAYS.min} to {DUE_REMINDER_DAYS.max}. Usually {DUE_REMINDER_DAYS.default}.
            </p>
            {errors.dueReminderDays ? (
              <p className="field__error" id="dueReminderDays-error">
                <span className="visually-hidden">Error: </span>
                {errors.dueReminderDays}
              </p>
            ) : null}
            <input
              id="dueReminderDays"
              name="dueReminderDays"
              className="input input--short"
              inputMode="numeric"
              defaultValue={daysValue}
              aria-describedby={errors.dueReminderDays ? "dueReminderDays-hint dueReminderDays-error" : "dueReminderDays-hint"}
              aria-invalid={errors.dueReminderDays ? true : undefined}
            />
          </div>
          <div className="radio">
            <input type="radio" id="dueReminders-off" name="dueReminders" value="off" defaultChecked={!on} />
            <label htmlFor="dueReminders-off">Do not remind them</label>
          </div>
        </fieldset>
        <button type="submit" className="button">
          Save reminders
        </button>
      </Form>
    </section>
  );
}
