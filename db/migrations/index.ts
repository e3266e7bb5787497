import type { Migration } from "kysely";
import * as initialSchema from "./0001_initial_schema";
import * as signInAndInvitations from "./0002_sign_in_and_invitations";
import * as completionConfirmation from "./0003_completion_confirmation";
import * as reviews from "./0004_reviews";
import * as statusIndexes from "./0005_status_indexes";
import * as passwordResets from "./0006_password_resets";
import * as formerActionNumbers from "./0007_former_action_numbers";
import * as securityLog from "./0008_security_log";
import * as calendarFeeds from "./0009_calendar_feeds";
import * as groupNamesAnyCase from "./0010_group_names_any_case";
import * as publishedReviewsSealed from "./0011_published_reviews_sealed";
import * as emailOutbox from "./0012_email_outbox";
import * as planPublication from "./0013_plan_publication";
import * as outcomeIndicators from "./0014_outcome_indicators";
import * as planVersions from "./0015_plan_versions";
import * as erasureAndRetention from "./0016_erasure_and_retention";

// Listed by hand so the server bundle and the CLI load the same migrations
// without reading a folder at run time. Names sort in the order they run.
export const migrations: Record<string, Migration> = {
  "0001_initial_schema": initialSchema,
  "0002_sign_in_and_invitations": signInAndInvitations,
  "0003_completion_confirmation": completionConfirmation,
  "0004_reviews": reviews,
  "0005_status_indexes": statusIndexes,
  "0006_password_resets": passwordResets,
  "0007_former_action_numbers": formerActionNumbers,
  "0008_security_log": securityLog,
  "0009_calendar_feeds": calendarFeeds,
  "0010_group_names_any_case": groupNamesAnyCase,
  "0011_published_reviews_sealed": publishedReviewsSealed,
  "0012_email_outbox": emailOutbox,
  "0013_plan_publication": planPublication,
  "0014_outcome_indicators": outcomeIndicators,
  "0015_plan_versions": planVersions,
  "0016_erasure_and_retention": erasureAndRetention,
};
