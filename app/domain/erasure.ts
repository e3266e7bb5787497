// Erasure at a person's request (app/server/people/erasure.server.ts): the
// words its notes are left with, and what each kind of change means to a reader.

/** What an erased person's progress note says, where their partnership does not keep the text. */
export const ERASED_NOTE_TEXT = "Removed at the person's request";

export interface ErasureChange {
  /** "sessions", "audit_events.changes"… */
  place: string;
  rows: number;
  change: "deleted" | "replaced" | "ended" | "text removed";
}

/** What a row of an erasure's changes means, for the admin about to confirm it. */
export function erasureChangeWords({ place, change }: ErasureChange): string {
  if (place === "users") return "Their account: name, email and password replaced";
  if (place === "progress_notes.body" && change === "text removed") return `Their progress notes: text replaced by “${ERASED_NOTE_TEXT}”`;
  if (place === "audit_events.changes" && change === "text removed") return "Their progress notes' text in the history";
  if (place === "partnership_memberships") return "Memberships ended";
  const deleted: Record<string, string> = {
    sessions: "Sign-in sessions",
    password_resets: "Password reset links",
    calendar_feeds: "Calendar feed",
    email_preferences: "Email settings",
    email_opt_outs: "Emails turned off",
    email_outbox: "Emails to them",
    invitations: "Invitations to them",
    login_throttles: "Counts of their failed sign-ins",
  };
  if (change === "deleted") return `${deleted[place] ?? place}: deleted`;
  return `Mentions of their name or email (${place.replace(".", ", ").replaceAll("_", " ")})`;
}
