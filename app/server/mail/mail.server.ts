import nodemailer, { type Transporter } from "nodemailer";
import { formatDateTime } from "../../domain/dates";
import { config } from "../platform/config.server";

let transport: Transporter | undefined;

/** Whether emails can be sent (SMTP_URL is set): the sign-in page offers a reset by email only then. */
export function canSendMail(): boolean {
  return Boolean(config.smtpUrl);
}

/**
 * A link to a page of this site, for an email anyone can cause to be sent or
 * a link an admin passes on: on PUBLIC_URL when set, rather than on the Host
 * the request claims.
 */
export function siteLink(path: string, request: Request): string {
  return new URL(path, config.publicUrl ?? request.url).toString();
}

/**
 * Emails an invitation when SMTP_URL is set; returns whether it was sent. The
 * admin sees the link either way, so a mail failure loses nothing.
 */
export async function sendInvitationEmail(invitation: {
  to: string;
  displayName: string;
  partnershipName: string;
  link: string;
  expiresAt: Date;
}): Promise<boolean> {
  if (!config.smtpUrl) return false;
  transport ??= nodemailer.createTransport(config.smtpUrl);
  try {
    await transport.sendMail({
      from: config.mailFrom,
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
    });
    return true;
  } catch (error) {
    console.error("Could not send an invitation email:", error instanceof Error ? error.message : error);
    return false;
  }
}

/**
 * Emails a password reset link; returns whether it was sent. Called off the
 * response path, so the page answers as fast whether or not the address has
 * an account; a failure is logged, never shown.
 */
export async function sendPasswordResetEmail(reset: { to: string; displayName: string; link: string; expiresAt: Date }): Promise<boolean> {
  if (!config.smtpUrl) return false;
  transport ??= nodemailer.createTransport(config.smtpUrl);
  try {
    await transport.sendMail({
      from: config.mailFrom,
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
    });
    return true;
  } catch (error) {
    console.error("Could not send a password reset email:", error instanceof Error ? error.message : error);
    return false;
  }
}
