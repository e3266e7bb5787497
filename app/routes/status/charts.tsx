import { useId } from "react";
import { formatDueDate } from "~/domain/dates";
import { UPDATE_WINDOW_DAYS, type BurnUpPoint, type SectorShare } from "~/domain/plan-status";
import { percent } from "~/domain/words";
import { LEADERSHIP_SECTOR_LABELS } from "./labels";

// Small SVG charts that read in black and white: one series solid, the other
// hatched or dashed, every value written beside its mark. Each has a data
// table beside it, which is what a screen reader reads (the SVG is hidden).

const BAR_CHART = { width: 640, labelWidth: 250, rowHeight: 44, barHeight: 14 };

export function SectorChart({ shares }: { shares: SectorShare[] }) {
  const hatch = `${useId()}-hatch`;
  const barSpace = BAR_CHART.width - BAR_CHART.labelWidth - 60;
  const height = shares.length * BAR_CHART.rowHeight + 28;
  return (
    <svg className="chart" viewBox={`0 0 ${BAR_CHART.width} ${height}`} aria-hidden="true" focusable="false">
      <defs>
        <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#0b0c0c" strokeWidth="3" />
        </pattern>
      </defs>
      <g className="chart__legend">
        <rect x={BAR_CHART.labelWidth} y="4" width="14" height="14" fill="#0b0c0c" />
        <text x={BAR_CHART.labelWidth + 20} y="16">
          Share of leadership
        </text>
        <rect x={BAR_CHART.labelWidth + 160} y="4" width="14" height="14" fill={`url(#${hatch})`} stroke="#0b0c0c" />
        <text x={BAR_CHART.labelWidth + 180} y="16">
          Share of updates, {UPDATE_WINDOW_DAYS} days
        </text>
      </g>
      {shares.map((share, index) => {
        const y = 28 + index * BAR_CHART.rowHeight;
        const leadWidth = share.leadShare * barSpace;
        const updateWidth = share.updateShare * barSpace;
        return (
          <g key={share.sector}>
            <text x="0" y={y + 22}>
              {LEADERSHIP_SECTOR_LABELS[share.sector]}
            </text>
            <rect x={BAR_CHART.labelWidth} y={y + 4} width={leadWidth} height={BAR_CHART.barHeight} fill="#0b0c0c" />
            <text x={BAR_CHART.labelWidth + leadWidth + 6} y={y + 16}>
              {percent(share.leadShare)}
            </text>
            <rect x={BAR_CHART.labelWidth} y={y + 22} width={updateWidth} height={BAR_CHART.barHeight} fill={`url(#${hatch})`} stroke="#0b0c0c" />
            <text x={BAR_CHART.labelWidth + updateWidth + 6} y={y + 34}>
              {percent(share.updateShare)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const LINE_CHART = { width: 640, height: 260, left: 44, right: 16, top: 28, bottom: 36 };

export function BurnUpChart({ points }: { points: BurnUpPoint[] }) {
  const { width, height, left, right, top, bottom } = LINE_CHART;
  const max = Math.max(1, ...points.map((point) => point.total));
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (index: number) => left + (points.length > 1 ? (index / (points.length - 1)) * plotWidth : plotWidth / 2);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const line = (value: (point: BurnUpPoint) => number) => points.map((point, index) => `${x(index).toFixed(1)},${y(value(point)).toFixed(1)}`).join(" ");
  const last = points.at(-1);
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <g className="chart__legend">
        <line x1={left} y1="12" x2={left + 28} y2="12" stroke="#0b0c0c" strokeWidth="2" strokeDasharray="6 4" />
        <text x={left + 34} y="16">
          All actions
        </text>
        <line x1={left + 150} y1="12" x2={left + 178} y2="12" stroke="#0b0c0c" strokeWidth="4" />
        <text x={left + 184} y="16">
          Confirmed done
        </text>
      </g>
      <line x1={left} y1={top} x2={left} y2={top + plotHeight} stroke="#484949" />
      <line x1={left} y1={top + plotHeight} x2={left + plotWidth} y2={top + plotHeight} stroke="#484949" />
      <text x={left - 6} y={y(max) + 4} textAnchor="end">
        {max}
      </text>
      <text x={left - 6} y={y(0) + 4} textAnchor="end">
        0
      </text>
      {points.length > 0 ? (
        <>
          <text x={left} y={height - 12}>
            {formatDueDate(points[0]!.on)}
          </text>
          <text x={left + plotWidth} y={height - 12} textAnchor="end">
            {formatDueDate(last!.on)}
          </text>
          <polyline points={line((point) => point.total)} fill="none" stroke="#0b0c0c" strokeWidth="2" strokeDasharray="6 4" />
          <polyline points={line((point) => point.confirmed)} fill="none" stroke="#0b0c0c" strokeWidth="4" />
          {points.map((point, index) => (
            <circle key={point.on} cx={x(index)} cy={y(point.confirmed)} r="3" fill="#0b0c0c" />
          ))}
          <text x={x(points.length - 1) - 6} y={y(last!.confirmed) - 8} textAnchor="end">
            {last!.confirmed}
          </text>
        </>
      ) : null}
    </svg>
  );
}
