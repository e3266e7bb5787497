import { Form, Link, data, redirect, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { getCurrentUser } from "~/server/auth/current-user.server";
import { getDb } from "~/server/platform/db.server";
import { requiredText } from "~/server/http/forms.server";
import { formAction, visitorScope } from "~/server/http/pipeline.server";
import { acceptInvitation, findInvitation } from "~/server/people/invitations.server";
import { sessionCookie } from "~/server/auth/sessions.server";
import { invalid, refused } from "~/server/http/write-result.server";
import type { Route } from "./+types/route";
import { TEXT_LIMITS } from "~/domain/limits";

export const meta: Route.MetaFunction = () => [{ title: "Accept your invitation – Partnership Board" }];

const AcceptForm = z.object({
  displayName: requiredText("your name"),
  password: z.string().optional(),
});

export async function loader({ params, context }: Route.LoaderArgs) {
  const invitation = await findInvitation(await getDb(), params.token);
  const user = getCurrentUser(context);
  if (invitation.state === "invalid") throw data("This invitation link is not valid. Check you copied all of it, or ask for a new one.", { status: 404 });
  return { invitation, signedInAs: user?.email ?? null };
}

export const action = formAction({
  scope: (args: Route.ActionArgs) => ({ ...visitorScope(args), token: args.params.token }),
  form: AcceptForm,
  run: async ({ displayName, password }, { db, client, currentUser, request, token }) => {
    const result = await acceptInvitation(db, token, { displayName, password: password ?? null, signedInUserId: currentUser?.id ?? null }, client);
    if (result.outcome === "invalid") {
      return result.field === "form" ? refused(409, { formError: result.message }) : invalid({ [result.field]: result.message });
    }
    return redirect(`/p/${result.partnershipSlug}`, result.token ? { headers: { "Set-Cookie": sessionCookie(request, result.token) } } : undefined);
  },
});

export default function AcceptInvitation({ loaderData, params }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const { invitation, signedInAs } = loaderData;

  if (invitation.state === "expired" || invitation.state === "used") {
    return (
      <div className="narrow">
        <h1>{invitation.state === "expired" ? "This invitation has expired" : "This invitation has already been used"}</h1>
        <p>
          {invitation.state === "expired"
            ? `Invitations work for 7 days. Ask an admin of ${invitation.partnershipName} to invite you again.`
            : "If you accepted it, sign in with the email address it was sent to."}
        </p>
        <p>
          <Link to="/login">Go to sign in</Link>
        </p>
      </div>
    );
  }
  if (invitation.state !== "open") return null;

  if (invitation.hasAccount && signedInAs !== invitation.email) {
    return (
      <div className="narrow">
        <h1>Join {invitation.partnershipName}</h1>
        <p>You already have an account as {invitation.email}. Sign in with it, then open this link again to join.</p>
        <p>
          <Link className="button" to={`/login?redirectTo=${encodeURIComponent(`/invitations/${params.token}`)}`}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>Join {invitation.partnershipName}</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <Form method="post" noValidate>
        <p>You were invited as {invitation.email}.</p>
        {invitation.reopensAccount ? (
          <p>Your account was closed when the last partnership you belonged to disabled your membership. Enter its password to open it again.</p>
        ) : null}
        <TextField
          name="displayName"
          label="Your name"
          autoComplete="name"
          defaultValue={invitation.displayName}
          error={errors.displayName}
          limit={TEXT_LIMITS.personName}
        />
        {invitation.reopensAccount ? (
          <TextField
            name="password"
            label="Your password"
            hint={
              "The one you used before. If you have forgotten it, ask an admin of the partnership " +
              "you were in to restore your access, then reset it from the sign-in page."
            }
            type="password"
            autoComplete="current-password"
            error={errors.password}
          />
        ) : invitation.hasAccount ? null : (
          <TextField
            name="password"
            label="Choose a password"
            hint="At least 12 characters. A few unrelated words make a good password. Pasting is fine."
            type="password"
            autoComplete="new-password"
            error={errors.password}
          />
        )}
        <button type="submit" className="button">
          Accept and continue
        </button>
      </Form>
    </div>
  );
}
