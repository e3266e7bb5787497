import { MAX_LEADS } from "./form-lists";
import type { IndicatorDefinition } from "./indicators";
import type { Status } from "./vocabulary";
import { TEXT_LIMITS } from "./limits";

// A plan on its way in, read from a table (CSV, TSV) or from a JSON export,
// before anything is matched to the partnership's people or written. The
// import previews it, then commits it in one write (app/server/exchange/plan-import.server.ts).

export interface PlanDraft {
  objectives: DraftObjective[];
  /** The plan's own obstacle categories; a table brings none, a JSON export brings them back. */
  obstacleCategories: Array<{ name: string; description: string }>;
  /** The plan's outcome indicators with their readings; a table brings none, a JSON export brings them back. */
  indicators: DraftIndicator[];
}

export interface DraftIndicator extends IndicatorDefinition {
  /** The objectives it serves, by number. */
  objectiveNumbers: number[];
  /** In the order recorded. */
  readings: DraftReading[];
}

export interface DraftReading {
  value: number;
  measuredOn: string;
  sourceNote: string;
  /** ISO 8601; null means "when imported". */
  recordedAt: string | null;
  /** The earlier reading of the same indicator it corrects, by its place in the list (1 for the first); null if none. */
  corrects: number | null;
}

export interface DraftObjective {
  /** Where the objective starts in the source, for problems ("line 4"); null for JSON. */
  line: number | null;
  number: number;
  title: string;
  actions: DraftAction[];
}

export interface DraftAction {
  line: number | null;
  number: number;
  title: string;
  description: string;
  /** Lead names as written, one per lead; matched to people, groups or outside bodies at preview. */
  leadNames: string[];
  timescaleText: string;
  /** "YYYY-MM-DD": the Due date column, else the date the timescale wording names, else null. */
  dueOn: string | null;
  status: Status;
  /** Done and confirmed by another sector in the source (a JSON export says so; a table cannot). */
  confirmed: boolean;
  /** Names of the plan's obstacle categories this action addresses. */
  obstacleNames: string[];
  notes: DraftNote[];
}

export interface DraftNote {
  /** The author's email address, else their name, as the export wrote them. */
  author: string;
  body: string;
  /** ISO 8601; null means "when imported". */
  createdAt: string | null;
}

/** The longest text each field takes, as the forms that edit it allow (app/routes/action, board). */
export const DRAFT_LIMITS = {
  objectiveTitle: TEXT_LIMITS.objectiveTitle,
  actionTitle: TEXT_LIMITS.actionTitle,
  description: TEXT_LIMITS.actionDescription,
  timescaleText: TEXT_LIMITS.timescaleText,
  leadName: TEXT_LIMITS.leadName,
  leads: MAX_LEADS,
  note: TEXT_LIMITS.note,
} as const;

/** Something the preview shows about the source: an error stops the import, a warning does not. */
export interface DraftProblem {
  line: number | null;
  severity: "error" | "warning";
  message: string;
}
