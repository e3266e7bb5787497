import { z } from "zod";
import { NoFields } from "~/server/http/forms.server";
import { ScheduleForm } from "~/components/schedule-form";
import { REVIEW_INTENT } from "~/domain/intents";
import { ASSESSMENTS, FINDING_RATINGS, RECOMMENDATION_RESPONSES } from "~/domain/vocabulary";
import { TEXT_LIMITS } from "~/domain/limits";

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
  name: required(TEXT_LIMITS.barrierName, "Name the barrier", "The barrier's name"),
  obstacleCategoryId: z
    .union([z.literal("new"), z.uuid()], { error: "Choose a category, or mark the barrier as new" })
    .transform((value) => (value === "new" ? null : value)),
  description: text(TEXT_LIMITS.barrierDescription, "The description"),
};

export const REVIEW_FORMS = {
  [REVIEW_INTENT.reschedule]: ScheduleForm,
  [REVIEW_INTENT.open]: NoFields,
  [REVIEW_INTENT.publish]: NoFields,
  [REVIEW_INTENT.assess]: z.object({
    actionId: z.uuid(),
    version,
    assessment: z.enum(ASSESSMENTS, { error: "Choose an assessment" }),
    evidence: text(TEXT_LIMITS.evidence, "The evidence"),
  }),
  [REVIEW_INTENT.findObstacle]: z.object({
    obstacleCategoryId: z.uuid(),
    version,
    rating: z.enum(FINDING_RATINGS, { error: "Choose how far the plan addressed it" }),
    commentary: text(TEXT_LIMITS.commentary, "The commentary"),
  }),
  [REVIEW_INTENT.saveSummary]: z.object({ version, summary: text(TEXT_LIMITS.summary, "The summary") }),
  [REVIEW_INTENT.addBarrier]: z.object({ ...barrierFields }),
  [REVIEW_INTENT.updateBarrier]: z.object({ barrierId: z.uuid(), version, ...barrierFields }),
  [REVIEW_INTENT.removeBarrier]: z.object({ barrierId: z.uuid() }),
  [REVIEW_INTENT.addRecommendation]: z.object({ body: required(TEXT_LIMITS.recommendation, "Write the recommendation", "A recommendation") }),
  [REVIEW_INTENT.updateRecommendation]: z.object({
    recommendationId: z.uuid(),
    version,
    body: required(TEXT_LIMITS.recommendation, "Write the recommendation", "A recommendation"),
  }),
  [REVIEW_INTENT.removeRecommendation]: z.object({ recommendationId: z.uuid() }),
  [REVIEW_INTENT.addAddendum]: z.object({ body: required(TEXT_LIMITS.addendum, "Write the addendum", "An addendum") }),
  [REVIEW_INTENT.respond]: z.object({
    recommendationId: z.uuid(),
    response: z.enum(RECOMMENDATION_RESPONSES, { error: "Choose a response" }),
    body: required(TEXT_LIMITS.response, "Say how the plan will respond", "A response"),
  }),
} as const;
