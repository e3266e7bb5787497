import { csvCell, downloadFilename } from "~/domain/csv";
import { ukToday } from "~/domain/dates";
import { outcomeViews } from "~/domain/outcome-figures";
import { pageLoader, planScope } from "~/server/http/pipeline.server";
import { planOutcomesOf } from "~/server/status/status.server";

// The columns are documented in the README ("Taking a plan out"); a spreadsheet
// someone built on them breaks if they move, so add new ones at the end.
const COLUMNS = [
  "indicator",
  "measures",
  "unit",
  "better",
  "state",
  "state_reason",
  "baseline",
  "baseline_date",
  "target",
  "target_date",
  "comparison",
  "comparison_label",
  "source",
  "objectives",
  "reading_date",
  "reading",
  "reading_source_note",
  "reading_correction",
];

/** The plan's outcome indicators, a row per standing reading (one for an indicator with none): for everyone who can see the plan. */
export const loader = pageLoader(planScope("plan.view"), async ({ plan, db }) => {
  const today = ukToday();
  const { outcomes, objectives } = await planOutcomesOf(db, plan.id, today);
  const lines = outcomeViews(outcomes, objectives, { showRecorders: false }).flatMap((outcome) => {
    // Figures as numbers a spreadsheet can chart; the state in the words every page uses.
    const indicator = [
      outcome.name,
      outcome.measures,
      outcome.unitText,
      outcome.betterText,
      outcome.stateText,
      outcome.reason,
      String(outcome.baseline.value),
      outcome.baseline.on,
      String(outcome.target.value),
      outcome.target.on,
      outcome.comparison ? String(outcome.comparison.value) : "",
      outcome.comparison?.label ?? "",
      outcome.source,
      outcome.objectives.map((objective) => objective.number).join("; "),
    ];
    if (outcome.readings.length === 0) return [[...indicator, "", "", "", ""]];
    return outcome.readings.map((reading) => [...indicator, reading.measuredOn, String(reading.value), reading.sourceNote, reading.correctionText ?? ""]);
  });
  // A byte-order mark so spreadsheet programs read the text as UTF-8.
  const body = `\uFEFF${[COLUMNS, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadFilename(plan.title, "indicators.csv")}"`,
      "Cache-Control": "no-store",
    },
  });
});
