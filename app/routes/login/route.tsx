import { Form, Link, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { safeRedirectPath } from "~/domain/redirects";
import { signIn } from "~/server/auth/sign-in.server";
import { getCurrentUser } from "~/server/auth/current-user.server";
import { formAction, visitorScope } from "~/server/http/pipeline.server";
import { deleteSession, sessionCookie } from "~/server/auth/sessions.server";
import { formatTime } from "~/domain/dates";
import { refused, throttled } from "~/server/http/write-result.server";
import type { Route } from "./+types/route";
import { Notice } from "~/components/notice";

export const meta: Route.MetaFunction = () => [{ title: "Sign in – Partnership Board" }];

// Retry-After from a refused attempt reaches the browser on a full page load too.
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

const SignInForm = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "Enter an email address of 254 characters or fewer"),
  password: z.string().min(1, "Enter your password").max(256, "Enter a password of 256 characters or fewer"),
  redirectTo: z.string().optional(),
});

export function loader({ request, context }: Route.LoaderArgs) {
  if (getCurrentUser(context)) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export const action = formAction({
  scope: visitorScope,
  form: SignInForm,
  run: async ({ email, password, redirectTo }, { db, client, currentUser, request }) => {
    const result = await signIn(db, { email, password }, client);
    if (result.outcome === "throttled") {
      return throttled(`Too many failed attempts to sign in. Wait until ${formatTime(result.retryAt)}, then try again.`, result.retryAt);
    }
    if (result.outcome === "refused") return refused(401, { formError: "Enter a correct email address and password" });
    // Signing in again replaces the session this browser had.
    if (currentUser) await deleteSession(db, currentUser.sessionId);
    return redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": sessionCookie(request, result.token) } });
  },
});

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <Notice>
        {searchParams.get("signedOut")
          ? "You have signed out."
          : searchParams.get("passwordReset")
            ? "Your password has been changed, and your account has been signed out everywhere. Sign in with your new password."
            : null}
      </Notice>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField name="email" label="Email" type="email" autoComplete="username" spellCheck={false} error={errors.email} required />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} required />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Sign in
        </button>
      </Form>
      <p className="hint">New to Partnership Board? Ask your partnership admin for an invitation.</p>
      <p>
        <Link to="/password-reset">Forgot your password?</Link>
      </p>
    </div>
  );
}
