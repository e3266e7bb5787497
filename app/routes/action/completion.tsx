import { Form, useLocation } from "react-router";
import { STATUSES } from "~/domain/vocabulary";
import { TextAreaField } from "~/components/forms";
import { SectorTag } from "~/components/sector";
import { ACTION_INTENT, BOARD_INTENT } from "~/domain/intents";
import type { ActionProps as Props, ActionResult } from "./types";
import { UNSAVED_ATTRIBUTE } from "~/components/unsaved-changes";
import { whoCanConfirm } from "~/domain/confirmers";
import { STATUS_LABELS, confirmingSector } from "~/domain/words";
import { TEXT_LIMITS } from "~/domain/limits";

export function Completion({ action, permissions, singleSectorSignoff, result }: Props & { result: ActionResult | undefined }) {
  if (!action.awaitingConfirmation || !action.proposer) return null;
  // A refused return is shown again as sent, open (without JavaScript the page is new); leaving then asks, as if typed.
  const refused = result && !result.ok && result.sent?.intent === ACTION_INTENT.returnCompletion ? (result.sent.reason ?? "") : undefined;
  return (
    <div className="completion">
      <p>
        {action.proposer.name} (<SectorTag sector={action.proposer.sector} />) moved this to Done. It counts as done once{" "}
        {confirmingSector(action.proposer.sector, singleSectorSignoff)} confirms it.
      </p>
      <p className="completion__confirmers">{whoCanConfirm(action.confirmers)}</p>
      {permissions.confirm ? (
        <>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={ACTION_INTENT.confirm} />
            <button type="submit" className="button">
              Confirm it is done
            </button>
          </Form>
          <details className="disclosure" open={refused === undefined ? undefined : true}>
            <summary>Return it, not done yet</summary>
            <Form method="post" className="disclosure__body" {...(refused !== undefined ? { [UNSAVED_ATTRIBUTE]: "" } : {})}>
              <input type="hidden" name="intent" value={ACTION_INTENT.returnCompletion} />
              <TextAreaField
                name="reason"
                label="Why is it not done yet?"
                hint="This becomes a progress note."
                rows={2}
                defaultValue={refused ?? ""}
                limit={TEXT_LIMITS.reason}
              />
              <button type="submit" className="button button--secondary">
                Return it
              </button>
            </Form>
          </details>
        </>
      ) : permissions.confirmBlockedBySector ? (
        <p className="hint">You cannot confirm this yourself: {singleSectorSignoff ? "another person" : "someone from another sector"} must.</p>
      ) : null}
    </div>
  );
}

/** Changes the column from the dialog; the same move the board makes. */
export function StatusForm({ action, slug, planId }: Props) {
  const location = useLocation();
  return (
    <Form method="post" action={`/p/${slug}/plans/${planId}`} className="status-form">
      <input type="hidden" name="intent" value={BOARD_INTENT.move} />
      <input type="hidden" name="actionId" value={action.id} />
      <input type="hidden" name="placement" value="bottom" />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="objectiveId" value={action.objectiveId} />
      <label htmlFor="status-select" className="field__label">
        Status
      </label>
      <div className="inline-form">
        <select id="status-select" name="status" className="input select" defaultValue={action.status}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          Change status
        </button>
      </div>
      {action.confirmed ? (
        <TextAreaField name="reason" label="Reason for reopening (needed to move it out of Done)" rows={2} limit={TEXT_LIMITS.reason} />
      ) : null}
    </Form>
  );
}

export function ArchiveForm({ reference }: { reference: string }) {
  return (
    <details className="disclosure archive">
      <summary>Archive this action</summary>
      <Form method="post" className="disclosure__body">
        <input type="hidden" name="intent" value={ACTION_INTENT.archive} />
        <p>Archiving takes {reference} off the board. Its history and notes are kept.</p>
        <button type="submit" className="button button--warning">
          Archive {reference}
        </button>
      </Form>
    </details>
  );
}
