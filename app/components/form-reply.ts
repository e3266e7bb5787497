// The one shape every form's action answers with, on the server and in the
// browser alike: ErrorSummary and the fields read `formError` and `errors`.

export type FieldErrors = Partial<Record<string, string>>;

export interface FormReply {
  ok: boolean;
  /** Said once the change is made ("Changes saved."). */
  notice?: string | null;
  /** A problem with the form as a whole. */
  formError?: string | null;
  /** A problem with a field, by the field's name. */
  errors?: FieldErrors;
}

/** The one message to show where there is room for one (beside a card, under a field). */
export function replyMessage(reply: FormReply | undefined | null): string | null {
  if (!reply || reply.ok) return null;
  return reply.formError ?? Object.values(reply.errors ?? {}).find(Boolean) ?? "Try again.";
}
