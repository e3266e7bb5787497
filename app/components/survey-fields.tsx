import { SURVEY_QUESTION_KINDS } from "~/domain/vocabulary";
import { SURVEY_QUESTION_KIND_LABELS } from "~/domain/words";

// How a survey question is answered, as radios in a fieldset: the new-survey
// form and the draft's questions both offer it.

export function QuestionKindRadios({ name, legend, checked, error }: { name: string; legend: string; checked: string | undefined; error?: string }) {
  return (
    <fieldset className={error ? "fieldset field--error" : "fieldset"} id={name} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="field__error" id={`${name}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {SURVEY_QUESTION_KINDS.map((kind) => (
        <div className="radio" key={kind}>
          <input type="radio" id={`${name}-${kind}`} name={name} value={kind} defaultChecked={checked === kind} />
          <label htmlFor={`${name}-${kind}`}>{SURVEY_QUESTION_KIND_LABELS[kind]}</label>
        </div>
      ))}
    </fieldset>
  );
}
