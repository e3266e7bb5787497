import type { ReactNode } from "react";
import { formatDueDate } from "~/domain/dates";
import { INDICATOR_STATE_ICONS, type IndicatorState } from "~/domain/indicators";
import type { OutcomeView } from "~/domain/outcome-figures";
import { INDICATOR_STATE_LABELS } from "~/domain/words";
import { ScrollingTable } from "./scrolling-table";

// A plan's outcome indicators, as the Status page (and so the committee
// paper) and the public page show them: each indicator's state in a word, an
// icon and its reason, a small line chart and the same figures as a table.
// Server-rendered SVG, no chart library; the chart is hidden from screen
// readers because the table beside it says everything it draws.

/** An indicator's state as an icon and a word, coloured by styles/status.css: never colour alone. */
export function IndicatorStateBadge({ state }: { state: IndicatorState }) {
  return (
    <span className={`indicator-state indicator-state--${state}`}>
      <span className="indicator-state__icon" aria-hidden="true">
        {INDICATOR_STATE_ICONS[state]}
      </span>{" "}
      {INDICATOR_STATE_LABELS[state]}
    </span>
  );
}

interface OutcomesSectionProps {
  outcomes: OutcomeView[];
  /** What to say when the plan has no indicators: where they are added, and by whom. */
  empty: ReactNode;
  /** Links under the heading (the CSV download), screen only. */
  tools?: ReactNode;
  hint?: string;
}

export function OutcomesSection({ outcomes, empty, tools, hint }: OutcomesSectionProps) {
  return (
    <section aria-labelledby="outcomes" className="section status__block outcomes">
      <h2 id="outcomes">Outcomes</h2>
      {outcomes.length === 0 ? (
        empty
      ) : (
        <>
          <p className="hint">
            {hint ??
              "What the partnership means to change, measured. Each state compares the latest reading with the straight path from the baseline to the target."}
          </p>
          {tools}
          {outcomes.map((outcome) => (
            <Indicator key={outcome.id} outcome={outcome} />
          ))}
        </>
      )}
    </section>
  );
}

function Indicator({ outcome }: { outcome: OutcomeView }) {
  const headingId = `indicator-${outcome.id}`;
  const caption = `${outcome.name}, as figures`;
  return (
    <section aria-labelledby={headingId} className="outcome">
      <div className="outcome__head">
        <h3 id={headingId}>{outcome.name}</h3>
        {outcome.measures ? <p className="outcome__measures">{outcome.measures}</p> : null}
        <dl className="outcome__facts">
          <div>
            <dt>State</dt>
            <dd>
              <IndicatorStateBadge state={outcome.state} /> <span className="outcome__reason">{outcome.reason}</span>
            </dd>
          </div>
          <div>
            <dt>Target</dt>
            <dd>
              {outcome.target.valueText} by {outcome.target.onText} ({outcome.betterText.toLowerCase()})
            </dd>
          </div>
          <div>
            <dt>Objectives served</dt>
            <dd>
              {outcome.objectives.length === 0 ? (
                "None named"
              ) : (
                <ul className="outcome__objectives">
                  {outcome.objectives.map((objective) => (
                    <li key={objective.number}>
                      {objective.number}. {objective.title}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{outcome.source || "Not given"}</dd>
          </div>
        </dl>
      </div>
      <div className="outcome__figure">
        <OutcomeChart outcome={outcome} />
        <ScrollingTable label={caption}>
          <table className="table status__data outcome__table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Date</th>
                <th scope="col">Value</th>
                <th scope="col">Source note</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Baseline</th>
                <td>{outcome.baseline.onText}</td>
                <td>{outcome.baseline.valueText}</td>
                <td />
              </tr>
              {outcome.readings.map((reading) => (
                <tr key={reading.id}>
                  <th scope="row">Reading</th>
                  <td>{reading.measuredOnText}</td>
                  <td>{reading.valueText}</td>
                  <td>
                    {reading.sourceNote}
                    {reading.correctionText ? <span className="outcome__note">{reading.correctionText}.</span> : null}
                    {reading.recordedBy ? <span className="outcome__note">Recorded by {reading.recordedBy}.</span> : null}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">Target</th>
                <td>{outcome.target.onText}</td>
                <td>{outcome.target.valueText}</td>
                <td />
              </tr>
              {outcome.comparison ? (
                <tr>
                  <th scope="row">{outcome.comparison.label}</th>
                  <td />
                  <td>{outcome.comparison.valueText}</td>
                  <td />
                </tr>
              ) : null}
            </tbody>
          </table>
        </ScrollingTable>
      </div>
    </section>
  );
}

const CHART = { width: 480, height: 230, left: 12, right: 12, top: 40, bottom: 30 };
const INK = "#0b0c0c";
const MUTED = "#484949";

/**
 * The readings as a solid line with points, the straight path from baseline
 * to target dashed, the comparison dotted, baseline (a ring) and target (a
 * square) marked and labelled: it reads in black and white, and scales to
 * the width it is given (viewBox), a phone's included.
 */
export function OutcomeChart({ outcome }: { outcome: OutcomeView }) {
  const { width, height, left, right, top, bottom } = CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const values = [outcome.baseline.value, outcome.target.value, ...outcome.readings.map((reading) => reading.value)];
  if (outcome.comparison) values.push(outcome.comparison.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  // Room above and below for the labels.
  const pad = (high - low) * 0.2 || Math.abs(high) * 0.2 || 1;
  const y = (value: number) => top + plotHeight - ((value - (low - pad)) / (high - low + 2 * pad)) * plotHeight;

  const dates = [outcome.baseline.on, outcome.target.on, ...outcome.readings.map((reading) => reading.measuredOn)].sort();
  const from = dates[0]!;
  const to = dates.at(-1)!;
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const span = Math.max(1, day(to) - day(from));
  const x = (iso: string) => left + ((day(iso) - day(from)) / span) * plotWidth;
  const point = (iso: string, value: number) => `${x(iso).toFixed(1)},${y(value).toFixed(1)}`;
  const rising = outcome.target.value > outcome.baseline.value;

  const base = { x: x(outcome.baseline.on), y: y(outcome.baseline.value) };
  const target = { x: x(outcome.target.on), y: y(outcome.target.value) };
  const latest = outcome.readings.at(-1);
  return (
    <svg className="chart outcome-chart" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <g className="chart__legend">
        <line x1={left} y1="14" x2={left + 28} y2="14" stroke={INK} strokeWidth="3" />
        <circle cx={left + 14} cy="14" r="4" fill={INK} />
        <text x={left + 34} y="19">
          Readings
        </text>
        <line x1={left + 120} y1="14" x2={left + 148} y2="14" stroke={MUTED} strokeWidth="2" strokeDasharray="6 4" />
        <text x={left + 154} y="19">
          Path from baseline to target
        </text>
      </g>
      <line x1={left} y1={top + plotHeight} x2={left + plotWidth} y2={top + plotHeight} stroke={MUTED} />
      <text x={left} y={height - 8}>
        {formatDueDate(from)}
      </text>
      <text x={left + plotWidth} y={height - 8} textAnchor="end">
        {formatDueDate(to)}
      </text>
      {outcome.comparison ? (
        <>
          <line
            x1={left}
            y1={y(outcome.comparison.value)}
            x2={left + plotWidth}
            y2={y(outcome.comparison.value)}
            stroke={INK}
            strokeWidth="1.5"
            strokeDasharray="2 4"
          />
          {/* At the right, on the side away from the path's end, so it never meets the baseline's label at the left. */}
          <text x={left + plotWidth} y={y(outcome.comparison.value) + (rising ? 16 : -6)} textAnchor="end">
            {outcome.comparison.label} {outcome.comparison.valueText}
          </text>
        </>
      ) : null}
      <line x1={base.x} y1={base.y} x2={target.x} y2={target.y} stroke={MUTED} strokeWidth="2" strokeDasharray="6 4" />
      {outcome.readings.length > 0 ? (
        <>
          <polyline
            points={[
              // The line starts at the baseline, unless a reading came before it.
              ...(outcome.readings[0]!.measuredOn >= outcome.baseline.on ? [point(outcome.baseline.on, outcome.baseline.value)] : []),
              ...outcome.readings.map((reading) => point(reading.measuredOn, reading.value)),
            ].join(" ")}
            fill="none"
            stroke={INK}
            strokeWidth="3"
            strokeLinejoin="round"
          />
          {outcome.readings.map((reading) => (
            <circle key={reading.id} cx={x(reading.measuredOn)} cy={y(reading.value)} r="4" fill={INK} />
          ))}
        </>
      ) : null}
      <circle cx={base.x} cy={base.y} r="6" fill="#ffffff" stroke={INK} strokeWidth="2" />
      <text x={base.x + 4} y={rising ? base.y + 22 : base.y - 12}>
        Baseline {outcome.baseline.valueText}
      </text>
      <rect x={target.x - 6} y={target.y - 6} width="12" height="12" fill="#ffffff" stroke={INK} strokeWidth="2" />
      <text x={target.x - 4} y={rising ? target.y - 12 : target.y + 22} textAnchor="end">
        Target {outcome.target.valueText}
      </text>
      {latest ? (
        <text
          x={x(latest.measuredOn) + (x(latest.measuredOn) > width - 80 ? -8 : 8)}
          y={y(latest.value) + (rising ? 20 : -10)}
          textAnchor={x(latest.measuredOn) > width - 80 ? "end" : "start"}
          className="outcome-chart__latest"
        >
          {latest.valueText}
        </text>
      ) : null}
    </svg>
  );
}
