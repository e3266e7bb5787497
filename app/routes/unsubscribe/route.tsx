import { useEffect, useRef } from "react";
import { data, Form, Link, useActionData } from "react-router";
import { EMAIL_KIND_WORDS } from "~/domain/emails";
import { NoFields } from "~/server/http/forms.server";
import { formAction, pageLoader } from "~/server/http/pipeline.server";
import { succeeded } from "~/server/http/write-result.server";
import { readUnsubscribeLink, unsubscribeByLink } from "~/server/mail/preferences.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Stop these emails – Partnership Board" }];

// The link in every email's footer and List-Unsubscribe header. No session is
// read or needed: the signed token says whose emails and which kind. Opening
// the link changes nothing (mail scanners open links to check them); the
// button, or a mail provider's one-click POST (RFC 8058, which
// crossSiteRequestGuard lets through for this address alone), turns the kind off.

const INVALID = "This unsubscribe link is not valid";

export const loader = pageLoader(
  ({ params }: Route.LoaderArgs) => ({ token: params.token }),
  async ({ db, token }) => {
    const link = await readUnsubscribeLink(db, token);
    if (!link) return data({ valid: false as const }, { status: 404 });
    return { valid: true as const, name: link.displayName, kind: link.kind, wanted: link.wanted };
  },
);

export const action = formAction({
  scope: ({ params }: Route.ActionArgs) => ({ token: params.token }),
  // RFC 8058's body is "List-Unsubscribe=One-Click"; whatever else a provider adds is no concern of ours.
  form: NoFields,
  run: async (_none, { db, token, write }) => {
    const result = await write(() => unsubscribeByLink(db, token));
    if (!result.ok) return data({ ok: false as const, formError: INVALID }, { status: 404 });
    return succeeded(null, { turnedOff: result.value });
  },
});

export default function Unsubscribe({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const heading = useRef<HTMLHeadingElement>(null);
  const done = actionData?.ok === true;
  // The button is gone once pressed: the heading that says what happened takes focus.
  useEffect(() => {
    if (actionData) heading.current?.focus();
  }, [actionData]);

  if (!loaderData.valid || actionData?.ok === false) {
    return (
      <div className="narrow">
        <h1 ref={heading} tabIndex={-1}>
          {INVALID}
        </h1>
        <p>Check that you opened the whole link from the email. Links from emails sent before this site&apos;s keys changed no longer work.</p>
        <p>
          You can choose which emails you get under <Link to="/account#emails-heading">Your account</Link>, once you have signed in.
        </p>
      </div>
    );
  }

  const label = EMAIL_KIND_WORDS[loaderData.kind].label;
  if (done || !loaderData.wanted) {
    return (
      <div className="narrow">
        <h1 ref={heading} tabIndex={-1}>
          {done ? "Emails turned off" : "These emails are already off"}
        </h1>
        <p className="notice" role="status">
          {loaderData.name}, you will no longer get “{label}” emails from Partnership Board.
        </p>
        <p>
          You can turn them back on under <Link to="/account#emails-heading">Your account</Link>.
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1 ref={heading} tabIndex={-1}>
        Stop getting “{label}” emails?
      </h1>
      <p>This link is for the emails Partnership Board sends to {loaderData.name}.</p>
      <p>
        “{label}”: {EMAIL_KIND_WORDS[loaderData.kind].hint}
      </p>
      <Form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" className="button button--warning">
          Turn off these emails
        </button>
      </Form>
      <p>
        Other emails are not affected. To choose which emails you get, go to <Link to="/account#emails-heading">Your account</Link>.
      </p>
    </div>
  );
}
