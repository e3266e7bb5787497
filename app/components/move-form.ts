import { z } from "zod";
import { STATUSES } from "~/domain/vocabulary";
import { BOARD_INTENT } from "~/domain/intents";
import { decodePlacement, PLACEMENT_PATTERN } from "~/domain/ordering";
import { TEXT_LIMITS } from "~/domain/limits";

// A move as the board's fetcher, its Move… dialog and the Move page (without
// JavaScript) all send it: one schema, so they are read alike.

export const MoveForm = z.object({
  intent: z.literal(BOARD_INTENT.move),
  actionId: z.uuid(),
  objectiveId: z.uuid({ error: "Choose an objective" }),
  status: z.enum(STATUSES, { error: "Choose a column" }),
  placement: z.string().regex(PLACEMENT_PATTERN, "Choose where in the column").transform(decodePlacement),
  reason: z
    .string()
    .trim()
    .max(TEXT_LIMITS.reason, `Keep the reason to ${TEXT_LIMITS.reason.toLocaleString("en-GB")} characters`)
    .optional(),
});
