import { useEffect, useRef, useState, type ReactNode } from "react";
import { useFetcher } from "react-router";
import type { ReviewReply } from "./types";

// One item of a review (an assessment, a finding, a barrier…), saved on its own
// without leaving the page. It sends the version its text was loaded or last
// saved at, never a newer one the page happened to fetch since: a colleague's
// newer save then comes back as a conflict, with their text shown beside the
// writer's, rather than being overwritten unseen.

export function ItemForm({
  intent,
  hidden = {},
  version,
  label,
  submitLabel = "Save",
  resetAfterSave = false,
  onSaved,
  theirs,
  className,
  children,
}: {
  intent: string;
  hidden?: Record<string, string>;
  /** The version of the text the form shows; omitted for forms that add something new. */
  version?: number;
  /** Names the form for screen readers ("Assessment of 1.2"); left out for one-button forms, which their button names. */
  label?: string;
  submitLabel?: string;
  resetAfterSave?: boolean;
  /** Called once for each save that succeeds, when the page's data shows it. */
  onSaved?: () => void;
  /** A colleague's newer text, in words, when a save met one. */
  theirs?: (current: unknown) => ReactNode;
  className?: string;
  children: (errors: Partial<Record<string, string>>) => ReactNode;
}) {
  const fetcher = useFetcher<ReviewReply>();
  const formRef = useRef<HTMLFormElement>(null);
  // The version the form's text stands on: as loaded, then as last saved here, or the colleague's shown in a conflict.
  // Updated while rendering when a new reply arrives, so a later refusal (a 400) keeps it.
  const last = fetcher.data;
  const [base, setBase] = useState({ version, reply: undefined as ReviewReply | undefined });
  if (last !== base.reply) setBase({ version: (last?.ok ? last.version : versionOf(last?.current)) ?? base.version, reply: last });
  const baseVersion = base.version;
  const reply = fetcher.state === "idle" ? last : undefined;
  const conflict = reply && !reply.ok && reply.current ? reply.current : null;

  useEffect(() => {
    if (last?.ok && resetAfterSave) formRef.current?.reset();
  }, [last, resetAfterSave]);
  const announced = useRef<ReviewReply | undefined>(undefined);
  useEffect(() => {
    if (!reply?.ok || announced.current === reply) return;
    announced.current = reply;
    onSaved?.();
  }, [reply, onSaved]);

  const errors = reply && !reply.ok ? (reply.errors ?? {}) : {};
  const problem = reply && !reply.ok ? (reply.formError ?? (conflict ? null : Object.values(errors).find(Boolean))) : null;
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form
      method="post"
      ref={formRef}
      aria-label={label}
      className={["item-form", className].filter(Boolean).join(" ")}
      noValidate
      // Not disabled while saving, so focus stays on the button; a second press waits instead.
      onSubmit={(event) => {
        if (busy) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {baseVersion !== undefined ? <input type="hidden" name="version" value={baseVersion} /> : null}
      {children(errors)}
      {conflict && theirs ? (
        <div className="conflict" role="alert">
          <p>
            <strong>{Object.values(errors).find(Boolean) ?? "Someone else saved this while you were writing."}</strong>
          </p>
          <div className="conflict__theirs">{theirs(conflict)}</div>
          <p>Your text is still in the form. Save again to replace theirs with it, or change it first.</p>
        </div>
      ) : null}
      <div className="item-form__actions">
        <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
        <span className="item-form__status" role="status">
          {busy ? "Saving…" : reply?.ok ? reply.notice : ""}
        </span>
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

function versionOf(current: unknown): number | undefined {
  const version = (current as { version?: unknown } | null | undefined)?.version;
  return typeof version === "number" ? version : undefined;
}
