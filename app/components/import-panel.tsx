import { useEffect, useRef, useState } from "react";
import { useNavigation } from "react-router";
import { ScrollingTable } from "~/components/scrolling-table";
import { formatDueDate } from "~/domain/dates";
import { IMPORT_INTENT } from "~/domain/intents";
import type { MatchedLead } from "~/domain/lead-matching";
import type { ImportPreview } from "~/server/exchange/plan-import.server";
import { STATUS_LABELS } from "~/domain/words";

// The part of both import pages that takes the table and shows its preview:
// paste or choose a file, Preview, read what would be written and every
// problem by line, fix the text in the box, Preview again, then Import.

export interface ImportReply {
  preview?: ImportPreview;
  text?: string;
  fileName?: string | null;
  ignoredHeadings?: string[];
  tableError?: string;
}

export function ImportFields({ reply, error }: { reply: ImportReply | undefined; error: string | undefined }) {
  // The text read from a chosen file replaces the box's, and the file field
  // empties, so the next Preview reads what the person sees and fixes.
  const [generation, setGeneration] = useState(0);
  const [text, setText] = useState(reply?.text ?? "");
  const [lastReply, setLastReply] = useState(reply);
  if (reply !== lastReply) {
    setLastReply(reply);
    if (reply?.text !== undefined) {
      setText(reply.text);
      setGeneration(generation + 1);
    }
  }
  const describedBy = ["table-hint", error ? "table-error" : null].filter(Boolean).join(" ");
  return (
    <fieldset className="fieldset">
      <legend>The plan&apos;s table</legend>
      <p className="field__hint" id="table-hint">
        Copy the table from Word or Excel and paste it here, or choose the file saved from them (CSV or tab-separated text, up to 5 MB), or a plan exported from
        Partnership Board as JSON. The first row needs the column headings <strong>Objective</strong>, <strong>Action</strong>,{" "}
        <strong>Lead person/group</strong> and <strong>Timescale</strong>, and if you have them <strong>Due date</strong>, <strong>Status</strong> and{" "}
        <strong>Description</strong>, in any order. A blank objective cell continues the objective above.
      </p>
      <div className={error ? "field field--error" : "field"}>
        <label className="field__label" htmlFor="table">
          Paste the table
        </label>
        {error ? (
          <p className="field__error" id="table-error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        <textarea
          id="table"
          name="table"
          className="input textarea import__table"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="file">
          Or choose a file
        </label>
        <input
          key={generation}
          id="file"
          name="file"
          type="file"
          className="input"
          accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,text/plain,application/json"
        />
        {reply?.fileName ? <p className="field__hint">Read from {reply.fileName}; the box above now holds its text.</p> : null}
      </div>
    </fieldset>
  );
}

/** Preview and Import, and what the page says while an import is being written. */
export function ImportButtons({ canCommit, actionCount }: { canCommit: boolean; actionCount: number }) {
  const navigation = useNavigation();
  const importing = navigation.state === "submitting" && navigation.formData?.get("intent") === IMPORT_INTENT.import;
  const previewing = navigation.state === "submitting" && navigation.formData?.get("intent") === IMPORT_INTENT.preview;
  return (
    <>
      <div className="button-row">
        <button
          type="submit"
          name="intent"
          value={IMPORT_INTENT.preview}
          className={canCommit ? "button button--secondary" : "button"}
          aria-disabled={importing || undefined}
        >
          {canCommit ? "Preview again" : "Preview"}
        </button>
        {canCommit ? (
          <button type="submit" name="intent" value={IMPORT_INTENT.import} className="button" aria-disabled={importing || undefined}>
            Import {actionCount.toLocaleString("en-GB")} {actionCount === 1 ? "action" : "actions"}
          </button>
        ) : null}
      </div>
      <div role="status" className="import__progress">
        {importing ? (
          <>
            <p>Importing {actionCount.toLocaleString("en-GB")} actions. This takes a few seconds; the board opens when it is done.</p>
            <progress aria-label="Importing" />
          </>
        ) : previewing ? (
          <p>Reading the table…</p>
        ) : null}
      </div>
    </>
  );
}

export function ImportPreviewSection({ reply }: { reply: ImportReply | undefined }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const preview = reply?.preview;
  useEffect(() => {
    if (preview) heading.current?.focus();
  }, [preview]);
  if (!preview) return null;
  const errors = preview.problems.filter((problem) => problem.severity === "error");
  const warnings = preview.problems.filter((problem) => problem.severity === "warning");
  return (
    <section className="import__preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" tabIndex={-1} ref={heading}>
        Preview
      </h2>
      <p>
        {preview.counts.objectives} {preview.counts.objectives === 1 ? "objective" : "objectives"}, {preview.counts.actions.toLocaleString("en-GB")}{" "}
        {preview.counts.actions === 1 ? "action" : "actions"}. {preview.counts.matchedLeads} {preview.counts.matchedLeads === 1 ? "lead" : "leads"} matched to
        people and groups of the partnership, {preview.counts.outsideBodies} named as{" "}
        {preview.counts.outsideBodies === 1 ? "an outside body" : "outside bodies"}; {preview.counts.undated}{" "}
        {preview.counts.undated === 1 ? "action" : "actions"} without a due date.
        {preview.counts.indicators
          ? ` ${preview.counts.indicators} outcome ${preview.counts.indicators === 1 ? "indicator" : "indicators"} with ${preview.counts.readings} ${preview.counts.readings === 1 ? "reading" : "readings"}.`
          : null}
      </p>
      {reply?.ignoredHeadings?.length ? <p>Columns not read: {reply.ignoredHeadings.join(", ")}.</p> : null}
      {errors.length > 0 ? (
        <div className="import__problems import__problems--errors">
          <h3>
            {errors.length} {errors.length === 1 ? "problem" : "problems"} to fix before importing
          </h3>
          <p>Nothing has been written. Fix the table in the box above, then preview again.</p>
          <ProblemList problems={errors} />
        </div>
      ) : (
        <p className="import__ready">Nothing has been written yet. Check the preview, then import.</p>
      )}
      {warnings.length > 0 ? (
        <div className="import__problems">
          <h3>
            {warnings.length} {warnings.length === 1 ? "thing" : "things"} to check
          </h3>
          <ProblemList problems={warnings} />
        </div>
      ) : null}
      {preview.objectives.map((objective) => {
        const { actions } = objective;
        return (
          <div key={objective.number} className="import__objective">
            <h3>
              Objective {objective.number}: {objective.title}
            </h3>
            {actions.length > 0 ? (
              <ScrollingTable label={`Actions of objective ${objective.number}`}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Action</th>
                      <th scope="col">Leads</th>
                      <th scope="col">Timescale</th>
                      <th scope="col">Due</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {actions.map((action) => (
                      <tr key={action.reference}>
                        <td>{action.line ?? ""}</td>
                        <td>
                          <strong>{action.reference}</strong> {action.title}
                          {action.notes > 0 ? ` (${action.notes} ${action.notes === 1 ? "note" : "notes"})` : null}
                        </td>
                        <td>
                          <LeadList leads={action.leads} />
                        </td>
                        <td>{action.timescaleText}</td>
                        <td>{action.dueOn ? formatDueDate(action.dueOn) : "Undated"}</td>
                        <td>{STATUS_LABELS[action.status]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollingTable>
            ) : null}
            {objective.actionCount > actions.length ? <p>And {objective.actionCount - actions.length} more actions, not shown here.</p> : null}
          </div>
        );
      })}
    </section>
  );
}

function ProblemList({ problems }: { problems: ImportPreview["problems"] }) {
  return (
    <ul className="import__problem-list">
      {problems.map((problem, index) => (
        <li key={index}>
          {problem.line ? <strong>Line {problem.line}: </strong> : null}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}

function LeadList({ leads }: { leads: MatchedLead[] }) {
  if (leads.length === 0) return <>None named</>;
  return (
    <ul className="plain-list">
      {leads.map((lead) => (
        <li key={`${lead.kind}:${lead.name}`}>
          {lead.name}{" "}
          <span className="import__lead-kind">
            ({lead.kind === "person" ? "person" : lead.kind === "group" ? "group" : "outside body"}
            {lead.kind !== "outside" && lead.wording !== lead.name ? `, written “${lead.wording}”` : ""})
          </span>
        </li>
      ))}
    </ul>
  );
}
