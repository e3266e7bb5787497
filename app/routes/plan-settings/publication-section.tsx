import { useEffect, useRef } from "react";
import { Form } from "react-router";
import { Notice } from "~/components/notice";
import { formatDateTime } from "~/domain/dates";
import { SETTINGS_INTENT } from "~/domain/intents";
import { PUBLIC_PAGE_NEVER_SHOWS, PUBLIC_PAGE_SHOWS } from "~/domain/publication";
import type { PublicationView } from "./types";

interface Props {
  publication: PublicationView;
  notice: string | null;
}

/**
 * The plan's public page: where consent to publish stands, who gave it, and
 * the one step this person may take. Both sectors agree before anyone else can
 * read the plan; either may withdraw it alone.
 */
export function PublicationSection({ publication, notice }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The button pressed has gone (Propose became Withdraw…): keep the person's place at this section, where the notice is read out.
  useEffect(() => {
    if (notice) headingRef.current?.focus();
  }, [notice]);
  const { offers, proposed, agreed } = publication;
  return (
    <section aria-labelledby="publication-heading" className="section">
      <h2 id="publication-heading" ref={headingRef} tabIndex={-1}>
        Public page
      </h2>
      <Notice>{notice}</Notice>
      <p>{publication.description}</p>
      {publication.publicPath ? (
        <p>
          Anyone can read it at <a href={publication.publicPath}>{publication.publicPath}</a>.
        </p>
      ) : null}
      {proposed || agreed ? (
        <dl className="details-list">
          {proposed ? (
            <>
              <dt>Proposed by</dt>
              <dd>
                {proposed.name} ({proposed.sectorWords}), {formatDateTime(proposed.at)}
              </dd>
            </>
          ) : null}
          {agreed ? (
            <>
              <dt>Agreed by</dt>
              <dd>
                {agreed.name} ({agreed.sectorWords}), {formatDateTime(agreed.at)}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <ul>
        <li>{PUBLIC_PAGE_SHOWS}</li>
        <li>{PUBLIC_PAGE_NEVER_SHOWS}</li>
      </ul>
      {publication.whoMustAgree ? <p className="notice notice--warning">{publication.whoMustAgree}</p> : null}
      <div className="button-row">
        {offers.propose ? <PublicationButton intent={SETTINGS_INTENT.proposePublication} label="Propose publishing" /> : null}
        {offers.agree ? <PublicationButton intent={SETTINGS_INTENT.agreePublication} label="Agree and publish" /> : null}
        {offers.withdraw ? (
          <PublicationButton
            intent={SETTINGS_INTENT.withdrawPublication}
            label={publication.state === "published" ? "Withdraw from the public page" : "Withdraw the proposal"}
            secondary
          />
        ) : null}
      </div>
    </section>
  );
}

function PublicationButton({ intent, label, secondary = false }: { intent: string; label: string; secondary?: boolean }) {
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? "button button--secondary" : "button"}>
        {label}
      </button>
    </Form>
  );
}
