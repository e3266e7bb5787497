import type { FormReply } from "~/components/form-reply";
import type { SURVEY_INTENT } from "~/domain/intents";

/** What the survey page's forms answer with: the one reply shape, which form it was, and what it sent. */
export interface SurveyReply extends FormReply {
  intent?: (typeof SURVEY_INTENT)[keyof typeof SURVEY_INTENT];
  sent?: Record<string, string | string[]>;
}
