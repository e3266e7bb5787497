import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import { PrintButton } from "~/components/print-button";
import { ScrollingTable } from "~/components/scrolling-table";
import { RagBadge, RagCounts } from "~/components/rag";
import { SectorTag } from "~/components/sector";
import { CHANGE_KINDS, CHANGE_KIND_LABELS, PLAN_UPDATES_IN_WORDS, UPDATE_WINDOW_DAYS } from "~/domain/plan-status";
import { STATUSES } from "~/domain/vocabulary";
import { formatDueDate } from "~/domain/dates";
import { BurnUpChart, SectorChart } from "./charts";
import { LEADERSHIP_SECTOR_LABELS } from "./labels";
import type { StatusView } from "./view";
import { FINDING_LABELS, STATUS_LABELS, percent } from "~/domain/words";
import { Progress } from "~/components/progress";
import { OutcomesSection } from "~/components/outcomes";

// A plan's status for councillors: what is late, what is due, what changed
// since the last meeting, whether both sectors are pulling their weight, and
// the latest review. It prints as a committee paper (styles/status.css).

interface StatusPageProps {
  slug: string;
  planId: string;
  view: StatusView;
  sinceError: { value: string | null; message: string } | null;
  canEditOutcomes: boolean;
}

export function StatusPage({ slug, planId, view, sinceError, canEditOutcomes }: StatusPageProps) {
  const planPath = `/p/${slug}/plans/${planId}`;
  return (
    <article className="status">
      <PaperHeader planPath={planPath} today={view.today} />
      <header className="status__header">
        <h1>Status: {view.planTitle}</h1>
        <p>
          As of {view.asOf}. {view.nextReview ? `${view.nextReview}.` : "No review scheduled."}
        </p>
        <p className="status__tools no-print">
          <Link to={planPath}>Open the board</Link>
          <PrintButton label="Print as a committee paper" />
        </p>
        {/* Files, not pages: plain links, so the browser downloads them rather than the router navigating. */}
        <p className="status__downloads no-print">
          Download:{" "}
          <a href={`${planPath}/actions.csv`} download>
            the actions as a spreadsheet (CSV)
          </a>{" "}
          ·{" "}
          <a href={`${planPath}/plan.json`} download>
            the whole plan as JSON, to import elsewhere
          </a>
        </p>
      </header>

      <section aria-labelledby="status-glance" className="section status__block">
        <h2 id="status-glance">At a glance</h2>
        <Progress done={view.overall.confirmedDone} total={view.overall.total} />
        <RagCounts counts={view.overall.byRag} />
      </section>

      <Attention attention={view.attention} planPath={planPath} />
      <SinceLastMeeting since={view.since} error={sinceError} planPath={planPath} />
      <Objectives objectives={view.objectives} planPath={planPath} />
      <Outcomes outcomes={view.outcomes} planPath={planPath} canEdit={canEditOutcomes} />
      <SectorBalance balance={view.balance} />
      <BurnUp points={view.burnUp} byMonth={view.burnUpByMonth} />
      <LatestReview review={view.latestReview} reviewsPath={`${planPath}/reviews`} />
    </article>
  );
}

/** The plan's title and the date on every printed page (a stylesheet of the plan's own; React puts it in the head). */
function PaperHeader({ planPath, today }: { planPath: string; today: string }) {
  return <link rel="stylesheet" href={`${planPath}/status/paper.css?on=${today}`} precedence="status" />;
}

/** An action by its reference and title, opening it over the board (its notes and history are there). */
function ActionLink({ planPath, actionId, reference, title }: { planPath: string; actionId: string; reference: string; title: string }) {
  return (
    <Link to={`${planPath}/actions/${actionId}`}>
      <span className="status__reference">{reference}</span> {title}
    </Link>
  );
}

function Attention({ attention, planPath }: { attention: StatusView["attention"]; planPath: string }) {
  const empty = attention.overdue.length + attention.dueSoon.length + attention.awaitingConfirmation.length === 0;
  const dueAndStatus = (action: AttentionAction) => `due ${action.dueText}, ${STATUS_LABELS[action.status].toLowerCase()}.`;
  return (
    <section aria-labelledby="status-attention" className="section status__block">
      <h2 id="status-attention">What needs attention</h2>
      {empty ? <p>Nothing is overdue, due in the next 30 days or awaiting confirmation.</p> : null}
      <AttentionList heading="Overdue" actions={attention.overdue} planPath={planPath} detail={dueAndStatus} />
      <AttentionList heading="Due in the next 30 days" actions={attention.dueSoon} planPath={planPath} detail={dueAndStatus} />
      <AttentionList
        heading="Completions awaiting confirmation"
        actions={attention.awaitingConfirmation}
        planPath={planPath}
        detail={(action) =>
          `done by ${action.awaiting?.proposedBy ?? "a lead"}, to be confirmed by ${action.awaiting?.confirmingSector ?? "another sector"}` +
          `${action.dueText ? `; it was due ${action.dueText}` : ""}.`
        }
      />
    </section>
  );
}

type AttentionAction = StatusView["attention"]["overdue"][number];

/** Actions that need someone, each with who leads it: the paper says who is behind, not only what. */
function AttentionList(props: { heading: string; actions: AttentionAction[]; planPath: string; detail: (action: AttentionAction) => string }) {
  if (props.actions.length === 0) return null;
  return (
    <div className="status__attention">
      <h3>
        {props.heading} ({props.actions.length})
      </h3>
      <ul className="status__list">
        {props.actions.map((action) => (
          <li key={action.id}>
            <ActionLink planPath={props.planPath} actionId={action.id} reference={action.reference} title={action.title} />: {props.detail(action)}{" "}
            <span className="status__who">{action.leadsText}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SinceLastMeeting({ since, error, planPath }: { since: StatusView["since"]; error: StatusPageProps["sinceError"]; planPath: string }) {
  const total = CHANGE_KINDS.reduce((sum, kind) => sum + since.counts[kind], 0);
  return (
    <section aria-labelledby="status-since" className="section status__block">
      <h2 id="status-since">Since {since.text}</h2>
      <Form method="get" className="status__since-form no-print" aria-label="Choose the date of the last meeting">
        <div className={error ? "field field--error" : "field"}>
          <label htmlFor="since">Changes since (the date of the last meeting)</label>
          {error ? (
            <p id="since-error" className="field__error">
              <span className="visually-hidden">Error:</span> {error.message}
            </p>
          ) : null}
          <input
            id="since"
            name="since"
            type="date"
            defaultValue={error?.value ?? since.on}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "since-error" : undefined}
          />
        </div>
        <button type="submit" className="button button--secondary">
          Show changes
        </button>
      </Form>
      {total === 0 ? (
        <p>Nothing has changed since {since.text}.</p>
      ) : (
        <dl className="status__counts">
          {CHANGE_KINDS.filter((kind) => since.counts[kind] > 0).map((kind) => (
            <div key={kind}>
              <dt>{CHANGE_KIND_LABELS[kind]}</dt>
              <dd>{since.counts[kind]}</dd>
            </div>
          ))}
        </dl>
      )}
      {since.notes.length ? (
        <>
          <h3>Latest progress notes</h3>
          <ul className="status__notes">
            {since.notes.map((note) => (
              <li key={note.id}>
                <p className="status__note-action">
                  <ActionLink planPath={planPath} actionId={note.actionId} reference={note.reference} title={note.title} />
                </p>
                <blockquote>{note.body}</blockquote>
                <p className="hint">
                  {note.author}, {note.at}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Objectives({ objectives, planPath }: { objectives: StatusView["objectives"]; planPath: string }) {
  return (
    <section aria-labelledby="status-objectives" className="section">
      <h2 id="status-objectives">Progress by objective</h2>
      {objectives.length === 0 ? <p>The plan has no objectives yet.</p> : null}
      {objectives.map((objective) => (
        <section key={objective.id} aria-labelledby={`objective-${objective.id}`} className="status__objective">
          {/* One block on paper, kept with the table's first rows: a heading never ends a page. */}
          <div className="status__objective-head">
            <h3 id={`objective-${objective.id}`}>
              {objective.number}. {objective.title}
            </h3>
            <Progress done={objective.summary.confirmedDone} total={objective.summary.total} />
            <p className="status__statuses">{STATUSES.map((status) => `${STATUS_LABELS[status]} ${objective.summary.byStatus[status]}`).join(" · ")}</p>
            <RagCounts counts={objective.summary.byRag} />
          </div>
          {objective.actions.length === 0 ? (
            <p>No actions yet.</p>
          ) : (
            <ScrollingTable label={`Actions of objective ${objective.number}`}>
              <table className="table table--stack status__table">
                <caption className="visually-hidden">Actions of objective {objective.number}</caption>
                <thead>
                  <tr>
                    <th scope="col">Action</th>
                    <th scope="col">Rating</th>
                    <th scope="col">Status</th>
                    <th scope="col">Leads</th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody>
                  {objective.actions.map((action) => (
                    <tr key={action.id}>
                      <th scope="row">
                        <ActionLink planPath={planPath} actionId={action.id} reference={action.reference} title={action.title} />
                      </th>
                      <td data-label="Rating">
                        <RagBadge rag={action.rag} />
                        <span className="status__reason">{action.ragReason}</span>
                      </td>
                      <td data-label="Status">{action.statusText}</td>
                      <td data-label="Leads">
                        {action.leads.length === 0 ? (
                          <span className="hint">None named</span>
                        ) : (
                          <ul className="status__leads">
                            {action.leads.map((lead, index) => (
                              <li key={index}>
                                {lead.name}
                                {lead.sector ? <SectorTag sector={lead.sector} short /> : lead.outside ? <span className="hint"> (outside body)</span> : null}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td data-label="Due">
                        {action.dueText ?? <span className="hint">No date</span>}
                        {action.timescaleText ? <span className="status__timescale">“{action.timescaleText}”</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollingTable>
          )}
        </section>
      ))}
    </section>
  );
}

/** The plan's outcome indicators: where the stewards add them when there are none, and the figures as a spreadsheet. */
function Outcomes({ outcomes, planPath, canEdit }: { outcomes: StatusView["outcomes"]; planPath: string; canEdit: boolean }) {
  return (
    <OutcomesSection
      outcomes={outcomes}
      empty={
        canEdit ? (
          <p>
            This plan has no outcome indicators yet. <Link to={`${planPath}/outcomes`}>Add them on the plan's Outcomes page</Link>: what the partnership means
            to change, its baseline and its target.
          </p>
        ) : (
          <p>This plan has no outcome indicators yet. The plan's stewards add them, with a baseline and a target for each.</p>
        )
      }
      tools={
        <p className="no-print">
          {/* A file, not a page: a plain link, so the browser downloads it. */}
          <a href={`${planPath}/indicators.csv`} download>
            Download the indicators and readings as a spreadsheet (CSV)
          </a>
        </p>
      }
    />
  );
}

function SectorBalance({ balance }: { balance: StatusView["balance"] }) {
  return (
    <FigureSection
      id="status-balance"
      title="Sector balance"
      hint={
        "Who leads the plan's actions (each action split evenly between its leads; a group " +
        `counts by its members' sectors), and who made its updates in the last ${UPDATE_WINDOW_DAYS} days: ${PLAN_UPDATES_IN_WORDS}.`
      }
      chart={<SectorChart shares={balance} />}
    >
      <FiguresTable
        caption="Sector balance, as figures"
        columns={["Sector", "Share of leadership", "Actions led or co-led", `Share of updates (${UPDATE_WINDOW_DAYS} days)`, "Updates"]}
      >
        {balance.map((share) => (
          <tr key={share.sector}>
            <th scope="row">{LEADERSHIP_SECTOR_LABELS[share.sector]}</th>
            <td>{percent(share.leadShare)}</td>
            <td>{share.actionsLed}</td>
            <td>{percent(share.updateShare)}</td>
            <td>{share.updates}</td>
          </tr>
        ))}
      </FiguresTable>
    </FigureSection>
  );
}

/** The burn-up: on screen every point of the chart as a row; on paper, a row a month (a row a week ran to pages). */
function BurnUp({ points, byMonth }: { points: StatusView["burnUp"]; byMonth: StatusView["burnUpByMonth"] }) {
  const rows = (list: StatusView["burnUp"]) =>
    list.map((point) => (
      <tr key={point.on}>
        <th scope="row">{formatDueDate(point.on)}</th>
        <td>{point.confirmed}</td>
        <td>{point.total}</td>
      </tr>
    ));
  return (
    <FigureSection
      id="status-burnup"
      title="Burn-up"
      hint="Actions confirmed done over time, against the number of actions in the plan."
      chart={<BurnUpChart points={points} />}
    >
      <FiguresTable caption="Burn-up, as figures" columns={["By", "Confirmed done", "All actions"]} className="no-print">
        {rows(points)}
      </FiguresTable>
      <FiguresTable caption="Burn-up by month, as figures" columns={["By", "Confirmed done", "All actions"]} className="print-only">
        {rows(byMonth)}
      </FiguresTable>
    </FigureSection>
  );
}

/** A chart with its figures as a table beside it: the table is what a screen reader reads. */
function FigureSection(props: { id: string; title: string; hint: string; chart: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="section status__block status__figure-section">
      <h2 id={props.id}>{props.title}</h2>
      <p className="hint">{props.hint}</p>
      <div className="status__figure">
        {props.chart}
        {props.children}
      </div>
    </section>
  );
}

function FiguresTable(props: { caption: string; columns: string[]; className?: string; children: ReactNode }) {
  return (
    <div className={props.className}>
      <ScrollingTable label={props.caption}>
        <table className="table status__data">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      </ScrollingTable>
    </div>
  );
}

function LatestReview({ review, reviewsPath }: { review: StatusView["latestReview"]; reviewsPath: string }) {
  return (
    <section aria-labelledby="status-review" className="section status__block">
      <h2 id="status-review">Latest review</h2>
      {review ? (
        <>
          <p>
            <Link to={`${reviewsPath}/${review.id}`}>{review.title}</Link>, published {review.publishedOn}.
          </p>
          {review.summary.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
          {review.findings.length ? (
            <dl className="findings">
              {review.findings.map((finding) => (
                <div key={finding.obstacle} className="findings__item">
                  <dt>{finding.obstacle}</dt>
                  <dd>
                    <span className={`badge badge--finding-${finding.rating}`}>{FINDING_LABELS[finding.rating]}</span>
                    {finding.commentary ? <p>{finding.commentary}</p> : null}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      ) : (
        <p>
          No review has been published yet. <Link to={reviewsPath}>See the plan's reviews</Link>.
        </p>
      )}
    </section>
  );
}
