import { Form, Link, data, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { getCurrentUser } from "~/server/auth/current-user.server";
import { getDb } from "~/server/platform/db.server";
import { formAction, visitorScope } from "~/server/http/pipeline.server";
import { findPasswordReset, resetPassword, type ResetLinkState } from "~/server/auth/password-resets.server";
import { clearedSessionCookie } from "~/server/auth/sessions.server";
import { invalid, refused } from "~/server/http/write-result.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Choose a new password – Partnership Board" }];

type SpentState = Exclude<ResetLinkState["state"], "open">;

const NewPasswordForm = z.object({
  password: z.string({ error: "Enter a new password" }).min(1, "Enter a new password"),
});

/**
 * 404 for a link that never was; 410 for one that was, and is spent or past its time;
 * 403 for an admin's link that no longer reaches the whole account.
 */
const STATUS: Record<SpentState, 403 | 404 | 410> = { unknown: 404, expired: 410, used: 410, replaced: 410, beyondIssuer: 403 };

export async function loader({ params, context }: Route.LoaderArgs) {
  const reset = await findPasswordReset(await getDb(), params.token);
  if (reset.state !== "open") return data({ state: reset.state, email: null, signedInAs: null }, { status: STATUS[reset.state] });
  const user = getCurrentUser(context);
  return { state: reset.state, email: reset.email, signedInAs: user && user.id !== reset.userId ? user.email : null };
}

/**
 * The new password ends every session of the person, this browser's too; they
 * then sign in with it, which shows it works and lets a password manager keep it.
 */
export const action = formAction({
  scope: (args: Route.ActionArgs) => ({ ...visitorScope(args), token: args.params.token }),
  form: NewPasswordForm,
  run: async ({ password }, { db, currentUser, request, token }) => {
    const result = await resetPassword(db, token, password);
    if (result.outcome === "link")
      return refused<{ linkState: SpentState }>(STATUS[result.state], { formError: SPENT[result.state].title }, { linkState: result.state });
    if (result.outcome === "invalid") return invalid({ password: result.message });
    // Whoever reset their own password here is signed out of this browser too.
    const headers = currentUser?.id === result.userId ? { "Set-Cookie": clearedSessionCookie(request) } : undefined;
    return redirect("/login?passwordReset=1", { headers });
  },
});

const SPENT: Record<SpentState, { title: string; explanation: string }> = {
  unknown: { title: "This reset link is not valid", explanation: "Check you copied all of it." },
  expired: { title: "This reset link has expired", explanation: "Links sent by email work for 1 hour, links from an admin for 24 hours." },
  used: { title: "This reset link has already been used", explanation: "Each link works once. If you chose a new password with it, sign in with that." },
  replaced: {
    title: "This reset link has been replaced",
    explanation: "A newer link was made for your account, or your password was reset with another one. Use the newest link.",
  },
  beyondIssuer: {
    title: "This reset link can no longer be used",
    explanation:
      "The admin who made it does not run every partnership you belong to now, and a reset link opens your whole account. " +
      "Your password has not changed. Get a new link below, or ask an admin of every partnership you belong to.",
  },
};

export default function ChooseNewPassword({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const linkState = actionData && "linkState" in actionData ? (actionData.linkState as SpentState) : null;
  const state = linkState ?? loaderData.state;

  if (state !== "open") {
    const { title, explanation } = SPENT[state];
    return (
      <div className="narrow">
        <h1>{title}</h1>
        <p>{explanation}</p>
        <p>
          <Link className="button" to="/password-reset">
            Get a new reset link
          </Link>
        </p>
        <p>
          <Link to="/login">Go to sign in</Link>
        </p>
      </div>
    );
  }

  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <h1>Choose a new password</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      {loaderData.signedInAs ? (
        <p>
          You are signed in as {loaderData.signedInAs}. This link changes the password of {loaderData.email}, not yours.
        </p>
      ) : null}
      <p>For {loaderData.email}. Choosing a new password signs this account out everywhere; then you sign in with the new one.</p>
      <Form method="post" noValidate>
        <TextField
          name="password"
          label="New password"
          hint="At least 12 characters. A few unrelated words make a good password. Pasting is fine."
          type="password"
          autoComplete="new-password"
          error={errors.password}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Set new password
        </button>
      </Form>
    </div>
  );
}
