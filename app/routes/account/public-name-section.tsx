import { Form } from "react-router";
import { Notice } from "~/components/notice";
import { ACCOUNT_INTENT } from "~/domain/intents";

interface Props {
  /** The person said yes to their name on public pages. */
  shown: boolean;
  notice: string | null;
  error?: string;
}

/** Your name on published plans' public pages: yes or no, no unless the person says yes. */
export function PublicNameSection({ shown, notice, error }: Props) {
  return (
    <section aria-labelledby="public-name-heading" className="section narrow">
      <h2 id="public-name-heading">Your name on public pages</h2>
      <p>
        When the partners agree to publish a plan, anyone can read its public page. On a published plan&apos;s public page, actions you lead show your name;
        otherwise they show &ldquo;a voluntary and community sector lead&rdquo; or &ldquo;a public sector lead&rdquo;, as your sector is. Your email address is
        never shown.
      </p>
      <Notice>{notice}</Notice>
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="intent" value={ACCOUNT_INTENT.setPublicName} />
        <fieldset className="fieldset" id="nameShownPublicly" aria-describedby={error ? "nameShownPublicly-error" : undefined}>
          <legend>Show my name on public pages</legend>
          {error ? (
            <p className="field__error" id="nameShownPublicly-error">
              <span className="visually-hidden">Error: </span>
              {error}
            </p>
          ) : null}
          <div className="radio">
            <input type="radio" id="nameShownPublicly-yes" name="nameShownPublicly" value="yes" defaultChecked={shown} />
            <label htmlFor="nameShownPublicly-yes">Yes, show my name</label>
          </div>
          <div className="radio">
            <input type="radio" id="nameShownPublicly-no" name="nameShownPublicly" value="no" defaultChecked={!shown} />
            <label htmlFor="nameShownPublicly-no">No, show my sector only</label>
          </div>
        </fieldset>
        <button type="submit" className="button">
          Save your choice
        </button>
      </Form>
    </section>
  );
}
