import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { Notice } from "~/components/notice";
import { emailAddress } from "~/server/http/forms.server";
import { formAction, visitorScope } from "~/server/http/pipeline.server";
import { canSendMail, passwordResetEmail, sendMail, siteLink } from "~/server/mail/mail.server";
import { requestPasswordReset } from "~/server/auth/password-resets.server";
import { refused, succeeded } from "~/server/http/write-result.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Forgotten your password? – Partnership Board" }];

const RequestForm = z.object({ email: emailAddress() });

export function loader() {
  return { byEmail: canSendMail() };
}

/**
 * The same answer whether or not the address has an account, and whether or
 * not it was throttled; the email goes out after the answer, not before it.
 */
export const action = formAction({
  scope: visitorScope,
  form: RequestForm,
  run: async ({ email }, { db, client, request }) => {
    if (!canSendMail()) return refused(400, { formError: "This Partnership Board does not send emails. Ask a partnership admin for a reset link." });
    const mail = await requestPasswordReset(db, email, client);
    if (mail) {
      const link = siteLink(`/password-reset/${mail.token}`, request);
      void sendMail(passwordResetEmail({ to: mail.to, displayName: mail.displayName, link, expiresAt: mail.expiresAt }));
    }
    return succeeded(null, { requestedFor: email });
  },
});

export default function RequestPasswordReset({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const requestedFor = actionData && "requestedFor" in actionData ? actionData.requestedFor : null;

  if (requestedFor) {
    return (
      <div className="narrow">
        <h1>Check your email</h1>
        <Notice>If {requestedFor} belongs to an account, we have sent it a link to choose a new password. The link works once, for 1 hour.</Notice>
        <p>
          Nothing after a few minutes? Check your spam folder, or ask an admin of your partnership for a reset link: they can make one on their People page.
        </p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    );
  }

  if (!loaderData.byEmail) {
    return (
      <div className="narrow">
        <h1>Forgotten your password?</h1>
        <ErrorSummary formError={actionData?.formError} />
        <p>Ask an admin of your partnership for a reset link. They can make one on their People page and send it to you.</p>
        <p>The link lets you choose a new password once, within 24 hours. Choosing one signs you out everywhere.</p>
        <p>This Partnership Board does not send emails, so it cannot email you a link itself.</p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>Forgotten your password?</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p>Enter the email address you sign in with. We will email you a link to choose a new password.</p>
      <Form method="post" noValidate>
        <TextField name="email" label="Email" type="email" autoComplete="username" spellCheck={false} error={errors.email} required />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Email me a reset link
        </button>
      </Form>
      <p>You can also ask an admin of your partnership for a reset link.</p>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </div>
  );
}
