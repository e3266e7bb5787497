import nodemailer, { type Transporter } from "nodemailer";
import { formatDateTime } from "../domain/dates";
import { config } from "./config.server";

let transport: Transporter | undefined;

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
