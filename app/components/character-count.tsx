import { useEffect, useState } from "react";
import { characterCountWords, countedLength, isNearLimit } from "~/domain/limits";

// A field's count against its limit (app/domain/limits.ts), under the field.
// The field takes any length, a paste included (no maxLength, which cuts a
// paste short without a word); the count says when it is over, and the server
// refuses it with the text kept. Screen readers hear the count on the field
// (its id is `<field>-count`, for aria-describedby) and, near or over the
// limit, once the person pauses typing.

/** How long typing must pause before the count is read out. */
const PAUSE_MS = 700;

export function CharacterCount({ fieldId, limit, initialValue = "" }: { fieldId: string; limit: number; initialValue?: string }) {
  const [length, setLength] = useState(() => countedLength(initialValue));
  const [spoken, setSpoken] = useState("");

  // The field is read where it is, so the count follows it however it is
  // rendered: typed into, pasted into, reset, or filled in again by a script.
  useEffect(() => {
    const field = document.getElementById(fieldId);
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
    let pause: ReturnType<typeof setTimeout> | undefined;
    const read = () => setLength(countedLength(field.value));
    const typed = () => {
      const now = countedLength(field.value);
      setLength(now);
      clearTimeout(pause);
      pause = setTimeout(() => setSpoken(isNearLimit(now, limit) ? characterCountWords(now, limit) : ""), PAUSE_MS);
    };
    // "reset" comes before the form puts its fields back.
    const reset = () => setTimeout(read);
    read();
    const form = field.form;
    field.addEventListener("input", typed);
    form?.addEventListener("reset", reset);
    return () => {
      clearTimeout(pause);
      field.removeEventListener("input", typed);
      form?.removeEventListener("reset", reset);
    };
  }, [fieldId, limit]);

  return (
    <>
      <p id={`${fieldId}-count`} className={length > limit ? "field__count field__count--over" : "field__count"}>
        {characterCountWords(length, limit)}
      </p>
      <span className="visually-hidden" aria-live="polite">
        {spoken}
      </span>
    </>
  );
}
