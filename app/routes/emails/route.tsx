import { useEffect, useRef } from "react";
import { Form, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { Notice } from "~/components/notice";
import { ScrollingTable } from "~/components/scrolling-table";
import { formatDateTime } from "~/domain/dates";
import { describeEmailCounts, EMAIL_FILTERS, EMAILS_LISTED, parseEmailFilter } from "~/domain/email-choices";
import { EMAIL_KIND_WORDS, EMAIL_STATUS_WORDS } from "~/domain/emails";
import { EMAILS_INTENT } from "~/domain/intents";
import { intentAction, memberScope, pageLoader } from "~/server/http/pipeline.server";
import { succeeded } from "~/server/http/write-result.server";
import { canSendMail } from "~/server/mail/mail.server";
import { partnershipEmails, retryEmail } from "~/server/mail/outbox-admin.server";
import type { Route } from "./+types/route";

export const meta: Route.MetaFunction = () => [{ title: "Emails – Partnership Board" }];

// What the board has sent, or would send, for this partnership: its notices,
// and its members' digests (which span partnerships, so only their subject
// shows here). Admins see why an email failed and send it again.

export const loader = pageLoader(memberScope("partnership.manageEmails"), async ({ membership, db, url }) => {
  const filter = parseEmailFilter(url.searchParams.get("status"));
  const { rows, counts } = await partnershipEmails(db, membership.partnership.id, EMAIL_FILTERS[filter].statuses);
  return {
    filter,
    canSendMail: canSendMail(),
    summary: describeEmailCounts(counts),
    limited: rows.length === EMAILS_LISTED,
    emails: rows.map((row) => ({
      id: row.id,
      to: row.toName,
      what: EMAIL_KIND_WORDS[row.kind].label,
      subject: row.subject,
      status: EMAIL_STATUS_WORDS[row.status],
      canRetry: row.status === "failed",
      reason: row.status === "sent" ? null : row.lastError,
      attempts: row.attempts,
      queuedAt: formatDateTime(row.createdAt),
      queuedAtIso: row.createdAt.toISOString(),
      sentAt: row.sentAt ? formatDateTime(row.sentAt) : null,
      sentAtIso: row.sentAt?.toISOString() ?? null,
      notSent: row.status === "queued" || row.status === "sending" ? "Not yet" : "Not sent",
    })),
  };
});

const RetryForm = z.object({ emailId: z.uuid({ error: "Choose an email to send again. Reload the page, and try again" }) });

export const action = intentAction({
  scope: memberScope("partnership.manageEmails"),
  forms: { [EMAILS_INTENT.retry]: RetryForm },
  run: {
    [EMAILS_INTENT.retry]: async ({ emailId }, { db, membership, write }) => {
      const result = await write(() => retryEmail(db, membership.actor, emailId));
      return result.ok ? succeeded("Email queued to send again. It goes with the next round, within a minute.", { retriedId: emailId }) : result.response;
    },
  },
});

export default function Emails({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const notice = useRef<HTMLDivElement>(null);
  const { emails, filter } = loaderData;
  const retriedId = actionData && "retriedId" in actionData ? actionData.retriedId : null;
  const retriedRowShown = retriedId !== null && emails.some((email) => email.id === retriedId);
  // The Retry button pressed is gone: its row's note takes focus (RetriedNote), or the notice when the filter hides the row.
  useEffect(() => {
    if (retriedId && !retriedRowShown) notice.current?.focus();
  }, [retriedId, retriedRowShown]);

  return (
    <>
      <h1>Emails</h1>
      <p>
        The emails Partnership Board sends for this partnership, newest first: notices about its plans, and its members&apos; weekly digests. A digest can cover
        several partnerships, so only its subject shows here.
      </p>
      {loaderData.canSendMail ? null : <p className="notice notice--warning">No mail server is set (SMTP_URL): these emails wait here and are not sent.</p>}
      <div ref={notice} tabIndex={-1}>
        <Notice>{actionData?.ok ? actionData.notice : null}</Notice>
      </div>
      <ErrorSummary formError={actionData && !actionData.ok ? actionData.formError : null} errors={actionData && !actionData.ok ? actionData.errors : {}} />

      <p>
        <strong>{loaderData.summary}</strong>
      </p>

      <Form method="get" className="filters no-print" aria-label="Filter the emails">
        <div className="filters__field">
          <label htmlFor="emails-status">Status</label>
          <select id="emails-status" name="status" className="input select" defaultValue={filter} key={filter}>
            {Object.entries(EMAIL_FILTERS).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__buttons">
          <button type="submit" className="button button--secondary">
            Show
          </button>
        </div>
      </Form>

      {emails.length === 0 ? (
        <p className="empty-state">
          {filter === "all"
            ? "No emails yet. Emails appear here when a change calls for a notice, and when members' digests are due."
            : `No emails are ${EMAIL_FILTERS[filter].label.toLowerCase()}. Choose All to see every email.`}
        </p>
      ) : (
        <ScrollingTable label="Emails">
          <table className="table">
            <caption className="visually-hidden">Emails, newest first{filter === "all" ? "" : `: ${EMAIL_FILTERS[filter].label.toLowerCase()}`}</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">What</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Queued</th>
                <th scope="col">Sent</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id}>
                  <td>{email.to}</td>
                  <td>
                    {email.what}
                    <br />
                    <span className="hint">{email.subject}</span>
                  </td>
                  <td>
                    {email.status}
                    {email.reason ? <span className="hint">: {email.reason}</span> : null}
                  </td>
                  <td>{email.attempts}</td>
                  <td>
                    <time dateTime={email.queuedAtIso}>{email.queuedAt}</time>
                  </td>
                  <td>{email.sentAt ? <time dateTime={email.sentAtIso ?? undefined}>{email.sentAt}</time> : email.notSent}</td>
                  <td>
                    {email.canRetry ? (
                      <Form method="post" preventScrollReset>
                        <input type="hidden" name="intent" value={EMAILS_INTENT.retry} />
                        <input type="hidden" name="emailId" value={email.id} />
                        <button type="submit" className="button button--secondary button--small">
                          Retry<span className="visually-hidden"> the email to {email.to}</span>
                        </button>
                      </Form>
                    ) : email.id === retriedId ? (
                      <RetriedNote />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollingTable>
      )}
      {loaderData.limited ? <p className="hint">Only the latest {EMAILS_LISTED} are listed. Choose a status to see others.</p> : null}
    </>
  );
}

/** Where the pressed Retry button was: focused as it appears, so the person's place is kept. */
function RetriedNote() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <span ref={ref} tabIndex={-1}>
      Queued again
    </span>
  );
}
