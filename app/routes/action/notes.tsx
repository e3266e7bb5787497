import { useEffect, useRef } from "react";
import { Form, useNavigation } from "react-router";
import { TextAreaField } from "~/components/forms";
import { UNSAVED_ATTRIBUTE } from "~/components/unsaved-changes";
import { ACTION_INTENT } from "~/domain/intents";
import type { ActionResult } from "./types";
import { TEXT_LIMITS } from "~/domain/limits";

/**
 * Adds a progress note. Once the note is saved the box is emptied, so a second
 * click cannot post it again; a refused note stays, with the reason.
 */
export function NoteForm({ result }: { result: ActionResult | undefined }) {
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const sending = navigation.state !== "idle" && navigation.formData?.get("intent") === ACTION_INTENT.addNote;
  const wasSending = useRef(false);
  useEffect(() => {
    if (sending) {
      wasSending.current = true;
      return;
    }
    if (!wasSending.current) return;
    wasSending.current = false;
    if (result?.ok) formRef.current?.reset();
  }, [sending, result]);
  // A refused note is shown again as sent (without JavaScript the page is new); leaving then asks, as if typed.
  const refused = result && !result.ok && result.sent?.intent === ACTION_INTENT.addNote ? (result.sent.body ?? "") : undefined;
  return (
    <Form method="post" className="note-form" ref={formRef} {...(refused !== undefined ? { [UNSAVED_ATTRIBUTE]: "" } : {})}>
      <input type="hidden" name="intent" value={ACTION_INTENT.addNote} />
      <TextAreaField
        name="body"
        label="Add a progress note"
        hint="Notes cannot be edited or deleted. To correct one, add another."
        rows={3}
        required
        defaultValue={refused ?? ""}
        limit={TEXT_LIMITS.note}
        error={result && !result.ok ? result.errors?.body : undefined}
      />
      <button type="submit" className="button button--secondary" disabled={sending}>
        Add note
      </button>
    </Form>
  );
}
