import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { CharacterCount } from "./character-count";

// GOV.UK-style form parts: a label, an optional hint, the error in words next
// to the field, and a summary of every error at the top that takes focus.

export type FieldErrors = Partial<Record<string, string>>;

export function ErrorSummary({ errors, formError }: { errors?: FieldErrors; formError?: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1]));
  const hasErrors = entries.length > 0 || Boolean(formError);
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [hasErrors, errors, formError]);
  if (!hasErrors) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {formError ? <li>{formError}</li> : null}
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  /** The control's id: its name, unless a page holds several controls of one name (one form per item). */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** The longest text the field takes (app/domain/limits.ts): a count shows under it. */
  limit?: number;
  /** What the field holds as the page arrives, for the count. */
  initialValue?: string;
  /**
   * Something to know about what was entered that does not stop it being saved.
   * A field that may warn passes null while it does not, so the region that
   * reads the warning out is there before the warning is.
   */
  warning?: string | null;
  children: (describedBy: string | undefined) => ReactNode;
}

function Field({ id, label, hint, error, limit, initialValue, warning, children }: FieldProps) {
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null, warning ? `${id}-warning` : null, limit ? `${id}-count` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {warning !== undefined ? (
        <div aria-live="polite">
          {warning ? (
            <p className="field__warning" id={`${id}-warning`}>
              <span className="visually-hidden">Warning: </span>
              {warning}
            </p>
          ) : null}
        </div>
      ) : null}
      {children(describedBy)}
      {limit ? <CharacterCount fieldId={id} limit={limit} initialValue={initialValue} /> : null}
    </div>
  );
}

/** What a field holds as the page arrives, as text for its count. */
function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

type LimitProps = { limit?: number; warning?: string | null };
type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & { name: string; label: ReactNode; hint?: ReactNode; error?: string } & LimitProps;

export function TextField({ id = "", name, label, hint, error, limit, warning, className, ...input }: InputProps) {
  const fieldId = id || name;
  return (
    <Field id={fieldId} label={label} hint={hint} error={error} limit={limit} initialValue={textOf(input.defaultValue ?? input.value)} warning={warning}>
      {(describedBy) => (
        <input
          id={fieldId}
          name={name}
          className={["input", className].filter(Boolean).join(" ")}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...input}
        />
      )}
    </Field>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
} & LimitProps;

export function TextAreaField({ id = "", name, label, hint, error, limit, warning, ...textarea }: TextAreaProps) {
  const fieldId = id || name;
  return (
    <Field id={fieldId} label={label} hint={hint} error={error} limit={limit} initialValue={textOf(textarea.defaultValue ?? textarea.value)} warning={warning}>
      {(describedBy) => (
        <textarea id={fieldId} name={name} className="input textarea" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...textarea} />
      )}
    </Field>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
};

export function SelectField({ id = "", name, label, hint, error, options, ...select }: SelectProps) {
  const fieldId = id || name;
  return (
    <Field id={fieldId} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select id={fieldId} name={name} className="input select" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
