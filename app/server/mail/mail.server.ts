import nodemailer, { type Transporter } from "nodemailer";
import { formatDateTime } from "../../domain/dates";
import { config } from "../platform/config.server";

let transport: Transporter | undefined;

/** One email as it goes out: each kind of email is a function that makes one (see below). */
export interface Email {
  /** What the email is, for the log when it cannot be sent ("an invitation email"). */
  kind: string;
  to: string;
  subject: string;
  text: string;
}

/** Whether emails can be sent (SMTP_URL is set): the sign-in page offers a reset by email only then. */
export function canSendMail(): boolean {
  return Boolean(config.smtpUrl);
}

/**
 * A link to a page of this site, for an email or a link an admin passes on:
 * on PUBLIC_URL when set, rather than on the Host the request claims (which a
 * forged request chooses). Every emailed link is made here.
 */
export function siteLink(path: string, request: Request): string {
  return new URL(path, config.publicUrl ?? request.url).toString();
}

/**
 * Sends an email when SMTP_URL is set; returns whether it was sent. A failure
 * is logged, never thrown: whoever asked sees the link on screen or is told
 * to ask again, so nothing is lost with the email.
 */
export async function sendMail(email: Email): Promise<boolean> {
  if (!config.smtpUrl) return false;
  transport ??= nodemailer.createTransport(config.smtpUrl);
  try {
    await transport.sendMail({ from: config.mailFrom, to: email.to, subject: email.subject, text: email.text });
    return true;
  } catch (error) {
    console.error(`Could not send ${email.kind}:`, error instanceof Error ? error.message : error);
    return false;
  }
}

/** An invitation to a partnership; the admin sees the link either way. */
export function invitationEmail(invitation: { to: string; displayName: string; partnershipName: string; link: string; expiresAt: Date }): Email {
  return {
    kind: "an invitation email",
    to: invitation.to,
    subject: `You are invited to ${invitation.partnershipName} on Partnership Board`,
    text: [
      `Dear ${invitation.displayName},`,
      "",
      `You have been invited to join ${invitation.partnershipName} on Partnership Board.`,
      "",
      `Accept the invitation: ${invitation.link}`,
      "",
      `The link works once and expires on ${formatDateTime(invitation.expiresAt)}.`,
      "If you were not expecting this email, you can ignore it.",
    ].join("\n"),
  };
}

/** A password reset link, sent off the response path so the page answers alike whether or not the address has an account. */
export function passwordResetEmail(reset: { to: string; displayName: string; link: string; expiresAt: Date }): Email {
  return {
    kind: "a password reset email",
    to: reset.to,
    subject: "Reset your Partnership Board password",
    text: [
      `Dear ${reset.displayName},`,
      "",
      "Someone, probably you, asked to reset the password of your Partnership Board account.",
      "",
      `Choose a new password: ${reset.link}`,
      "",
      `The link works once and expires on ${formatDateTime(reset.expiresAt)}. Choosing a new password signs you out everywhere.`,
      "If you did not ask for this, you can ignore this email: your password has not changed.",
    ].join("\n"),
  };
}
