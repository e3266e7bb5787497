import { Form, useActionData } from "react-router";
import { z } from "zod";
import { NoFields } from "~/server/http/forms.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { formatDateTime, formatTime } from "~/domain/dates";
import { ACCOUNT_INTENT, CALENDAR_INTENT } from "~/domain/intents";
import { changePassword, endOwnSession, listSessions } from "~/server/auth/sign-in.server";
import { calendarFeedOf, createCalendarFeed, resetCalendarFeed, turnOffCalendarFeed } from "~/server/calendar/calendar-feeds.server";
import { requireUser } from "~/server/auth/current-user.server";
import { getDb } from "~/server/platform/db.server";
import { intentAction, signedInScope, type FormTools } from "~/server/http/pipeline.server";
import { canSendMail, siteLink } from "~/server/mail/mail.server";
import { emailPreferencesOf, setEmailPreferences } from "~/server/mail/preferences.server";
import { previewEmail } from "~/server/notices/preview.server";
import { PERSON_EMAIL_KINDS } from "~/domain/vocabulary";
import { invalid, refused, succeeded, throttled } from "~/server/http/write-result.server";
import type { Route } from "./+types/route";
import { Notice } from "~/components/notice";
import { CalendarSection } from "./calendar-section";
import { DataSection } from "./data-section";
import { EmailsSection } from "./emails-section";
import { PublicNameSection } from "./public-name-section";
import { nameShownPubliclyOf, setNameShownPublicly } from "~/server/people/public-name.server";

export const meta: Route.MetaFunction = () => [{ title: "Your account – Partnership Board" }];

// Retry-After from a refused password check reaches the browser on a full page load too.
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

const ChangePasswordForm = z.object({
  currentPassword: z.string().min(1, "Enter your current password"),
  newPassword: z.string().min(1, "Enter a new password"),
});
const EmailPreferencesForm = z.object({
  digestDay: z.enum(["1", "2", "3", "4", "5", "6", "7"], { error: "Choose the day of your weekly digest, Monday to Sunday" }).transform((day) => Number(day)),
  // Checkboxes: nothing when none is ticked, one value, or several.
  wanted: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(PERSON_EMAIL_KINDS, { error: "Choose emails from the list" })).max(PERSON_EMAIL_KINDS.length * 2, "Choose emails from the list"),
  ),
});
const PublicNameForm = z.object({
  nameShownPublicly: z.enum(["yes", "no"], { error: "Choose whether to show your name on public pages" }).transform((choice) => choice === "yes"),
});
const EndSessionForm = z.object({
  sessionId: z.string({ error: "Choose a session to end" }).min(1, "Choose a session to end").max(64, "Choose a session to end"),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  const db = await getDb();
  const [sessions, calendarFeed, emailPreferences, digest, nameShownPublicly] = await Promise.all([
    listSessions(db, user.id),
    calendarFeedOf(db, user.id),
    emailPreferencesOf(db, user.id),
    previewEmail(db, user.email, "digest", new Date()),
    nameShownPubliclyOf(db, user.id),
  ]);
  return {
    emailPreferences,
    nameShownPublicly,
    canSendMail: canSendMail(),
    // A week with nothing to say sends nothing, so there is nothing to preview.
    digestPreview: digest && !digest.empty ? { subject: digest.subject, text: digest.text } : null,
    email: user.email,
    displayName: user.displayName,
    calendarFeed: calendarFeed ? { createdAt: formatDateTime(calendarFeed.createdAt) } : null,
    sessions: sessions.map((session) => ({
      id: session.id,
      isCurrent: session.id === user.sessionId,
      createdAt: formatDateTime(session.createdAt),
      lastActiveAt: formatDateTime(session.lastActiveAt),
      device: describeDevice(session.userAgent),
      ipAddress: session.ipAddress,
    })),
  };
}

export const action = intentAction({
  scope: signedInScope,
  forms: {
    [ACCOUNT_INTENT.changePassword]: ChangePasswordForm,
    [ACCOUNT_INTENT.endSession]: EndSessionForm,
    [ACCOUNT_INTENT.saveEmailPreferences]: EmailPreferencesForm,
    [ACCOUNT_INTENT.setPublicName]: PublicNameForm,
    [CALENDAR_INTENT.create]: NoFields,
    [CALENDAR_INTENT.reset]: NoFields,
    [CALENDAR_INTENT.turnOff]: NoFields,
  },
  run: {
    [ACCOUNT_INTENT.changePassword]: async (passwords, { db, user, client }) => {
      const result = await changePassword(db, user.id, user.sessionId, passwords, client);
      if (result.outcome === "throttled")
        return throttled(`Too many wrong passwords. Wait until ${formatTime(result.retryAt)}, then try again.`, result.retryAt);
      if (result.outcome === "invalid") return invalid({ [result.field]: result.message });
      return succeeded("Password changed. You have been signed out everywhere else.");
    },
    [ACCOUNT_INTENT.endSession]: async ({ sessionId }, { db, user }) => {
      const ended = await endOwnSession(db, user.id, sessionId);
      return ended ? succeeded("Session ended.") : refused(404, { formError: "That session has already ended" });
    },
    // Its notice shows in its own section, where the person pressed Save.
    [ACCOUNT_INTENT.saveEmailPreferences]: async ({ digestDay, wanted }, { db, user, write }) => {
      const result = await write(() => setEmailPreferences(db, user.id, { digestDay, wanted: [...new Set(wanted)] }));
      if (!result.ok) return result.response;
      return succeeded(null, { emailsNotice: "Email preferences saved." });
    },
    [ACCOUNT_INTENT.setPublicName]: async ({ nameShownPublicly }, { db, user, write }) => {
      const result = await write(() => setNameShownPublicly(db, user.id, nameShownPublicly));
      if (!result.ok) return result.response;
      return succeeded(null, {
        publicNameNotice: nameShownPublicly
          ? "Saved: public pages show your name beside the actions you lead."
          : "Saved: public pages show your sector, not your name.",
      });
    },
    // The calendar link's notice and new link show in its own section.
    [CALENDAR_INTENT.create]: (_none, scope) =>
      calendarLinkChanged(scope, async () => ({
        calendarNotice: "Calendar link created. Copy it now: it is shown only this once.",
        calendarLink: feedLink((await createCalendarFeed(scope.db, scope.user.id)).token, scope.request),
      })),
    [CALENDAR_INTENT.reset]: (_none, scope) =>
      calendarLinkChanged(scope, async () => ({
        calendarNotice: "Calendar link reset. The old link no longer works: copy the new one now, it is shown only this once.",
        calendarLink: feedLink((await resetCalendarFeed(scope.db, scope.user.id)).token, scope.request),
      })),
    [CALENDAR_INTENT.turnOff]: (_none, scope) =>
      calendarLinkChanged(scope, async () => ({
        calendarNotice: (await turnOffCalendarFeed(scope.db, scope.user.id))
          ? "Calendar link turned off. It no longer works."
          : "Your calendar link was already off.",
        calendarLink: null,
      })),
  },
});

function feedLink(token: string, request: Request) {
  return siteLink(`/calendar/${token}.ics`, request);
}

async function calendarLinkChanged(scope: FormTools, change: () => Promise<{ calendarNotice: string; calendarLink: string | null }>) {
  const result = await scope.write(change);
  return result.ok ? succeeded(null, result.value) : result.response;
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const calendarNotice = actionData && "calendarNotice" in actionData && typeof actionData.calendarNotice === "string" ? actionData.calendarNotice : null;
  const calendarLink = actionData && "calendarLink" in actionData && typeof actionData.calendarLink === "string" ? actionData.calendarLink : null;
  const emailsNotice = actionData && "emailsNotice" in actionData && typeof actionData.emailsNotice === "string" ? actionData.emailsNotice : null;
  const publicNameNotice =
    actionData && "publicNameNotice" in actionData && typeof actionData.publicNameNotice === "string" ? actionData.publicNameNotice : null;
  return (
    <>
      <h1>Your account</h1>
      <p>
        {loaderData.displayName} ({loaderData.email})
      </p>
      <Notice>{actionData?.notice}</Notice>
      <ErrorSummary errors={errors} formError={actionData?.formError} />

      <section aria-labelledby="password-heading" className="section narrow">
        <h2 id="password-heading">Change your password</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value={ACCOUNT_INTENT.changePassword} />
          <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} />
          <TextField
            name="newPassword"
            label="New password"
            hint="At least 12 characters. A few unrelated words make a good password. Pasting is fine."
            type="password"
            autoComplete="new-password"
            error={errors.newPassword}
          />
          <button type="submit" className="button">
            Change password
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading" className="section">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <table className="table table--stack">
          <caption className="visually-hidden">Your sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Address</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaderData.sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  {session.device}
                  {session.isCurrent ? <strong> (this browser)</strong> : null}
                </td>
                <td data-label="Signed in">{session.createdAt}</td>
                <td data-label="Last active">{session.lastActiveAt}</td>
                <td data-label="Address">{session.ipAddress}</td>
                <td>
                  {session.isCurrent ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value={ACCOUNT_INTENT.endSession} />
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button type="submit" className="button button--secondary">
                        End session
                        <span className="visually-hidden">
                          {" "}
                          on {session.device}, signed in {session.createdAt}
                        </span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <EmailsSection
        preferences={loaderData.emailPreferences}
        canSendMail={loaderData.canSendMail}
        preview={loaderData.digestPreview}
        notice={emailsNotice}
        errors={errors}
      />

      <PublicNameSection shown={loaderData.nameShownPublicly} notice={publicNameNotice} error={errors.nameShownPublicly} />

      <CalendarSection feed={loaderData.calendarFeed} link={calendarLink} notice={calendarNotice} />

      <DataSection />
    </>
  );
}

function describeDevice(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "A browser";
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X/.test(userAgent)
      ? "Mac"
      : /Android/.test(userAgent)
        ? "Android"
        : /iPhone|iPad/.test(userAgent)
          ? "iOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "an unknown system";
  return `${browser} on ${system}`;
}
