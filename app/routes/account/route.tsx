import { Form, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { formatDateTime, formatTime } from "~/domain/dates";
import { CALENDAR_INTENT, type CalendarIntent } from "~/domain/intents";
import { changePassword, endOwnSession, listSessions } from "~/server/auth/sign-in.server";
import { calendarFeedOf, createCalendarFeed, resetCalendarFeed, turnOffCalendarFeed } from "~/server/calendar/calendar-feeds.server";
import { requireUser } from "~/server/auth/current-user.server";
import { getDb } from "~/server/platform/db.server";
import { failureOf } from "~/server/platform/errors.server";
import { parseForm, readForm } from "~/server/http/forms.server";
import { siteLink } from "~/server/mail/mail.server";
import { requestInfoContext } from "~/server/platform/request-context.server";
import { failed, invalid, refused, succeeded, throttled } from "~/server/http/write-result.server";
import type { Route } from "./+types/route";
import { Notice } from "~/components/notice";
import { CalendarSection } from "./calendar-section";

export const meta: Route.MetaFunction = () => [{ title: "Your account – Partnership Board" }];

// Retry-After from a refused password check reaches the browser on a full page load too.
export const headers: Route.HeadersFunction = ({ actionHeaders }) => actionHeaders;

const ChangePasswordForm = z.object({
  intent: z.literal("change-password"),
  currentPassword: z.string().min(1, "Enter your current password"),
  newPassword: z.string().min(1, "Enter a new password"),
});
const EndSessionForm = z.object({ intent: z.literal("end-session"), sessionId: z.string().min(1).max(64) });
const CALENDAR_INTENTS: readonly string[] = Object.values(CALENDAR_INTENT);

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  const db = await getDb();
  const [sessions, calendarFeed] = await Promise.all([listSessions(db, user.id), calendarFeedOf(db, user.id)]);
  return {
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

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(request, context);
  const formData = await readForm(request);
  const db = await getDb();

  if (formData.get("intent") === "end-session") {
    const form = parseForm(formData, EndSessionForm);
    if (!form.ok) return refused(400, { formError: "Choose a session to end" });
    const ended = await endOwnSession(db, user.id, form.data.sessionId);
    return ended ? succeeded("Session ended.") : refused(404, { formError: "That session has already ended" });
  }

  const intent = formData.get("intent");
  if (typeof intent === "string" && CALENDAR_INTENTS.includes(intent)) return calendarAction(db, user.id, intent as CalendarIntent, request);

  const form = parseForm(formData, ChangePasswordForm);
  if (!form.ok) return invalid(form.errors);
  const result = await changePassword(db, user.id, user.sessionId, form.data, context.get(requestInfoContext));
  if (result.outcome === "throttled") return throttled(`Too many wrong passwords. Wait until ${formatTime(result.retryAt)}, then try again.`, result.retryAt);
  if (result.outcome === "invalid") return invalid({ [result.field]: result.message });
  return succeeded("Password changed. You have been signed out everywhere else.");
}

/** The calendar link's three forms; its notice and new link show in its own section. */
async function calendarAction(db: Awaited<ReturnType<typeof getDb>>, userId: string, intent: CalendarIntent, request: Request) {
  const feedLink = (token: string) => siteLink(`/calendar/${token}.ics`, request);
  try {
    switch (intent) {
      case CALENDAR_INTENT.create: {
        const { token } = await createCalendarFeed(db, userId);
        return succeeded(null, { calendarNotice: "Calendar link created. Copy it now: it is shown only this once.", calendarLink: feedLink(token) });
      }
      case CALENDAR_INTENT.reset: {
        const { token } = await resetCalendarFeed(db, userId);
        return succeeded(null, { calendarNotice: "Calendar link reset. The old link no longer works: copy the new one now, it is shown only this once.", calendarLink: feedLink(token) });
      }
      case CALENDAR_INTENT.turnOff: {
        const ended = await turnOffCalendarFeed(db, userId);
        return succeeded(null, { calendarNotice: ended ? "Calendar link turned off. It no longer works." : "Your calendar link was already off.", calendarLink: null });
      }
    }
  } catch (error) {
    const failure = failureOf(error);
    if (!failure) throw error;
    return failed(failure);
  }
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const calendarNotice = actionData && "calendarNotice" in actionData && typeof actionData.calendarNotice === "string" ? actionData.calendarNotice : null;
  const calendarLink = actionData && "calendarLink" in actionData && typeof actionData.calendarLink === "string" ? actionData.calendarLink : null;
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
          <input type="hidden" name="intent" value="change-password" />
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
        <table className="table">
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
                <td>{session.createdAt}</td>
                <td>{session.lastActiveAt}</td>
                <td>{session.ipAddress}</td>
                <td>
                  {session.isCurrent ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end-session" />
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button type="submit" className="button button--secondary">
                        End session<span className="visually-hidden"> on {session.device}, signed in {session.createdAt}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <CalendarSection feed={loaderData.calendarFeed} link={calendarLink} notice={calendarNotice} />
    </>
  );
}

function describeDevice(userAgent: string): string {
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrome\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "A browser";
  const system = /Windows/.test(userAgent) ? "Windows" : /Mac OS X/.test(userAgent) ? "Mac" : /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Linux/.test(userAgent) ? "Linux" : "an unknown system";
  return `${browser} on ${system}`;
}
