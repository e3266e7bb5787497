import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

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
  children: (describedBy: string | undefined) => ReactNode;
}

function Field({ id, label, hint, error, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
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
      {children(describedBy)}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & { name: string; label: ReactNode; hint?: ReactNode; error?: string };

export function TextField({ id = "", name, label, hint, error, className, ...input }: InputProps) {
  const fieldId = id || name;
  return (
    <Field id={fieldId} label={label} hint={hint} error={error}>
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

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> & { name: string; label: ReactNode; hint?: ReactNode; error?: string };

export function TextAreaField({ id = "", name, label, hint, error, ...textarea }: TextAreaProps) {
  const fieldId = id || name;
  return (
    <Field id={fieldId} label={label} hint={hint} error={error}>
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
