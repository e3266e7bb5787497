import { z } from "zod";
import { NoFields } from "~/server/http/forms.server";
import { ScheduleForm } from "~/components/schedule-form";
import { REVIEW_INTENT } from "~/domain/intents";
import { ASSESSMENTS, FINDING_RATINGS, RECOMMENDATION_RESPONSES } from "~/domain/vocabulary";

// A review page's forms, by intent: the route runs each through the form pipeline.

const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(0);
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .default("");
const required = (max: number, empty: string, what: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(1, empty)
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`);
const barrierFields = {
  name: required(200, "Name the barrier", "The barrier's name"),
  obstacleCategoryId: z
    .union([z.literal("new"), z.uuid()], { error: "Choose a category, or mark the barrier as new" })
    .transform((value) => (value === "new" ? null : value)),
  description: text(10_000, "The description"),
};

export const REVIEW_FORMS = {
  [REVIEW_INTENT.reschedule]: ScheduleForm,
  [REVIEW_INTENT.open]: NoFields,
  [REVIEW_INTENT.publish]: NoFields,
  [REVIEW_INTENT.assess]: z.object({
    actionId: z.uuid(),
    version,
    assessment: z.enum(ASSESSMENTS, { error: "Choose an assessment" }),
    evidence: text(10_000, "The evidence"),
  }),
  [REVIEW_INTENT.findObstacle]: z.object({
    obstacleCategoryId: z.uuid(),
    version,
    rating: z.enum(FINDING_RATINGS, { error: "Choose how far the plan addressed it" }),
    commentary: text(10_000, "The commentary"),
  }),
  [REVIEW_INTENT.saveSummary]: z.object({ version, summary: text(20_000, "The summary") }),
  [REVIEW_INTENT.addBarrier]: z.object({ ...barrierFields }),
  [REVIEW_INTENT.updateBarrier]: z.object({ barrierId: z.uuid(), version, ...barrierFields }),
  [REVIEW_INTENT.removeBarrier]: z.object({ barrierId: z.uuid() }),
  [REVIEW_INTENT.addRecommendation]: z.object({ body: required(10_000, "Write the recommendation", "A recommendation") }),
  [REVIEW_INTENT.updateRecommendation]: z.object({
    recommendationId: z.uuid(),
    version,
    body: required(10_000, "Write the recommendation", "A recommendation"),
  }),
  [REVIEW_INTENT.removeRecommendation]: z.object({ recommendationId: z.uuid() }),
  [REVIEW_INTENT.addAddendum]: z.object({ body: required(10_000, "Write the addendum", "An addendum") }),
  [REVIEW_INTENT.respond]: z.object({
    recommendationId: z.uuid(),
    response: z.enum(RECOMMENDATION_RESPONSES, { error: "Choose a response" }),
    body: required(10_000, "Say how the plan will respond", "A response"),
  }),
} as const;
