import type { ColumnType, Generated } from "kysely";

// One interface for the whole database, in camelCase (Kysely's CamelCasePlugin
// maps it to the snake_case SQL of db/migrations).

// The values the database's check constraints allow (db/migrations). The app's
// vocabulary is app/domain/vocabulary.ts; a test keeps the two equal. Kept as
// types here so that db/ imports nothing from app/.
export type Sector = "public" | "voluntary_community" | "independent";
export type GroupSector = Sector | "cross_sector";
export type Role = "admin" | "member" | "facilitator" | "observer";
export type Status = "not_started" | "in_progress" | "at_risk" | "done";
export type GroupRole = "member" | "chair";
export type ReviewKind = "six_month" | "annual" | "other";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** Postgres `date`, read as "YYYY-MM-DD" on both engines (see db/client.ts). */
type DateOnly = string;
type Json = ColumnType<unknown, string, string>;

export interface PartnershipsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  /** When a person is erased, whether their progress notes keep their text (db/migrations/0016). */
  erasureKeepsNoteText: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  displayName: string;
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  disabledAt: Date | null;
  /** The person said yes, under Your account, to their name appearing on public pages. */
  nameShownPublicly: Generated<boolean>;
  /** Set once, when the person's name and email were replaced at their request; never unset (db/migrations/0016). */
  erasedAt: Date | null;
  createdAt: CreatedAt;
}

export interface SessionsTable {
  id: string;
  secretHash: Uint8Array;
  userId: string;
  createdAt: CreatedAt;
  lastActiveAt: ColumnType<Date, Date | undefined, Date>;
  expiresAt: Date;
  userAgent: Generated<string>;
  ipAddress: Generated<string>;
}

export interface GroupsTable {
  id: Generated<string>;
  partnershipId: string;
  name: string;
  sector: GroupSector;
  description: Generated<string>;
  createdAt: CreatedAt;
}

export interface PartnershipMembershipsTable {
  partnershipId: string;
  userId: string;
  role: Role;
  sector: Sector;
  jobTitle: Generated<string>;
  disabledAt: Date | null;
  createdAt: CreatedAt;
}

export interface GroupMembershipsTable {
  groupId: string;
  partnershipId: string;
  userId: string;
  role: Generated<GroupRole>;
  createdAt: CreatedAt;
}

export interface PlansTable {
  id: Generated<string>;
  partnershipId: string;
  title: string;
  periodStart: DateOnly | null;
  periodEnd: DateOnly | null;
  singleSectorSignoff: Generated<boolean>;
  /** Days before an action's due date its leads are reminded by email; null: no reminders. */
  dueReminderDays: ColumnType<number | null, number | null | undefined, number | null>;
  /** Publishing on the open web: proposed by one person, agreed by another (of the other sector), withdrawn by either. */
  publicationProposedBy: string | null;
  publicationProposedSector: Sector | null;
  publicationProposedAt: Date | null;
  publicationAgreedBy: string | null;
  publicationAgreedSector: Sector | null;
  /** Set while the plan is public at /public/<partnership>/<plan>. */
  publishedAt: Date | null;
  archivedAt: Date | null;
  createdAt: CreatedAt;
  /** Changes with everything its board shows; kept by the database (db/migrations/0015_plan_versions.ts). */
  version: ColumnType<number, never, never>;
}

export interface PlanStewardsTable {
  planId: string;
  groupId: string;
  partnershipId: string;
}

export interface ObstacleCategoriesTable {
  id: Generated<string>;
  planId: string;
  position: number;
  name: string;
  description: Generated<string>;
}

export interface ObjectivesTable {
  id: Generated<string>;
  planId: string;
  number: number;
  title: string;
  orderKey: string;
  archivedAt: Date | null;
  createdAt: CreatedAt;
}

export interface ActionsTable {
  id: Generated<string>;
  planId: string;
  objectiveId: string;
  number: number;
  title: string;
  description: Generated<string>;
  status: Generated<Status>;
  orderKey: string;
  dueOn: DateOnly | null;
  timescaleText: Generated<string>;
  version: Generated<number>;
  archivedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
  completionProposedBy: string | null;
  completionProposedSector: Sector | null;
  completionProposedAt: Date | null;
  completionReturnsTo: Exclude<Status, "done"> | null;
  completionConfirmedBy: string | null;
  completionConfirmedAt: Date | null;
}

/** A number an action held in an objective it left: the reference still leads to it, and to no other. */
export interface FormerActionNumbersTable {
  actionId: string;
  objectiveId: string;
  number: number;
  leftAt: Generated<Date>;
}

export interface ActionLeadsTable {
  id: Generated<string>;
  actionId: string;
  position: Generated<number>;
  userId: string | null;
  groupId: string | null;
  outsideBody: string | null;
}

export interface ActionObstaclesTable {
  actionId: string;
  obstacleCategoryId: string;
}

export interface ProgressNotesTable {
  id: Generated<string>;
  actionId: string;
  authorId: string;
  body: string;
  createdAt: CreatedAt;
}

export type ReviewStatus = "draft" | "open" | "published";
export type Assessment = "achieved" | "on_track" | "some_progress" | "no_progress" | "no_longer_relevant";
export type FindingRating = "addressed" | "partly_addressed" | "not_addressed";
export type RecommendationResponse = "accepted" | "accepted_in_part" | "not_accepted";

/** The plan as it stood when a review opened (reviews.snapshot). */
export interface ReviewSnapshot {
  takenAt: string;
  actions: Array<{
    actionId: string;
    objectiveId: string;
    objectiveNumber: number;
    objectiveTitle: string;
    number: number;
    title: string;
    status: Status;
    confirmedDone: boolean;
    dueOn: DateOnly | null;
    timescaleText: string;
    leads: Array<{ name: string; sector: GroupSector | null }>;
    obstacleIds: string[];
    latestNote: { body: string; author: string; at: string } | null;
  }>;
  obstacles: Array<{ id: string; name: string; description: string }>;
}

export interface ReviewsTable {
  id: Generated<string>;
  planId: string;
  kind: ReviewKind;
  title: string;
  dueOn: DateOnly;
  summary: Generated<string>;
  summaryVersion: Generated<number>;
  status: Generated<ReviewStatus>;
  createdBy: string;
  createdAt: CreatedAt;
  openedAt: Date | null;
  publishedAt: Date | null;
  snapshot: ColumnType<ReviewSnapshot | null, string | null, string | null>;
}

export interface ReviewFacilitatorsTable {
  reviewId: string;
  userId: string;
}

/** Versioned text a facilitator saves; `version` guards against overwriting a colleague's newer save. */
interface ReviewItemVersion {
  version: Generated<number>;
  updatedBy: string;
  updatedAt: Generated<Date>;
}

export interface ReviewAssessmentsTable extends ReviewItemVersion {
  reviewId: string;
  actionId: string;
  assessment: Assessment;
  evidence: string;
}

export interface ReviewObstacleFindingsTable extends ReviewItemVersion {
  reviewId: string;
  obstacleCategoryId: string;
  rating: FindingRating;
  commentary: string;
}

export interface ReviewBarriersTable extends ReviewItemVersion {
  id: Generated<string>;
  reviewId: string;
  name: string;
  obstacleCategoryId: string | null;
  description: string;
  createdAt: CreatedAt;
}

export interface ReviewRecommendationsTable extends ReviewItemVersion {
  id: Generated<string>;
  reviewId: string;
  body: string;
  createdAt: CreatedAt;
}

export interface ReviewResponsesTable {
  id: Generated<string>;
  recommendationId: string;
  response: RecommendationResponse;
  body: string;
  authorId: string;
  createdAt: CreatedAt;
}

export interface ReviewAddendaTable {
  id: Generated<string>;
  reviewId: string;
  body: string;
  authorId: string;
  createdAt: CreatedAt;
}

export interface AuditEventsTable {
  id: ColumnType<number, never, never>;
  occurredAt: CreatedAt;
  partnershipId: string | null;
  planId: string | null;
  actionId: string | null;
  actorUserId: string | null;
  actorRole: Role | "system" | null;
  actorSector: Sector | null;
  entityType: string;
  entityId: string;
  verb: string;
  changes: Json;
  context: Json;
}

export interface LoginThrottlesTable {
  key: string;
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

export interface InvitationsTable {
  id: Generated<string>;
  partnershipId: string;
  email: string;
  displayName: string;
  role: Role;
  sector: Sector;
  tokenHash: Uint8Array;
  invitedBy: string;
  createdAt: CreatedAt;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  userId: string;
  tokenHash: Uint8Array;
  via: "email" | "admin" | "operator";
  issuedBy: string | null;
  partnershipId: string | null;
  createdAt: CreatedAt;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** A person's deadline feed: only the hash of the token in its address. */
export interface CalendarFeedsTable {
  userId: string;
  tokenHash: Uint8Array;
  createdAt: CreatedAt;
}

/** The kinds a person may turn off (email_opt_outs). */
export type PersonEmailKind = "digest" | "completion_proposed" | "completion_returned" | "review_published" | "review_assigned" | "due_reminder";
/** Every kind the outbox holds: a survey invitation goes to an address with no account (db/migrations/0014). */
export type EmailKind = PersonEmailKind | "survey_invitation";
export type EmailStatus = "queued" | "sending" | "sent" | "failed" | "cancelled" | "empty";

export interface EmailPreferencesTable {
  userId: string;
  /** ISO weekday of the digest: 1 Monday … 7 Sunday. */
  digestDay: Generated<number>;
  updatedAt: Generated<Date>;
}

/** A kind of email the person has turned off. */
export interface EmailOptOutsTable {
  userId: string;
  kind: PersonEmailKind;
  createdAt: CreatedAt;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  dedupeKey: string | null;
  /** The person it goes to; null for an email to an address with no account (toAddress). */
  userId: string | null;
  /** Set instead of userId: an organisation invited to a survey. */
  toAddress: Generated<string | null>;
  partnershipId: string | null;
  kind: EmailKind;
  subject: string;
  textBody: string;
  htmlBody: string;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  nextAttemptAt: Generated<Date>;
  claimedUntil: Date | null;
  lastError: string | null;
  createdAt: CreatedAt;
  sentAt: Date | null;
}

export type IndicatorUnit = "percent" | "number" | "money";
export type BetterDirection = "higher" | "lower";

/** What the partnership means to move, from a baseline to a target (db/migrations/0014). */
export interface IndicatorsTable {
  id: Generated<string>;
  planId: string;
  name: string;
  measures: Generated<string>;
  unit: IndicatorUnit;
  better: BetterDirection;
  baselineValue: number;
  baselineOn: DateOnly;
  targetValue: number;
  targetOn: DateOnly;
  source: Generated<string>;
  comparisonValue: number | null;
  comparisonLabel: Generated<string>;
  createdAt: CreatedAt;
}

export interface IndicatorObjectivesTable {
  indicatorId: string;
  objectiveId: string;
}

/** Append-only: a correction is a new reading that names the one it corrects. */
export interface IndicatorReadingsTable {
  id: Generated<string>;
  indicatorId: string;
  value: number;
  measuredOn: DateOnly;
  sourceNote: Generated<string>;
  correctsReadingId: string | null;
  /** The survey whose result this reading is. */
  surveyId: string | null;
  recordedBy: string | null;
  createdAt: CreatedAt;
}

export type SurveyQuestionKind = "scale" | "yes_no";
export interface SurveyQuestion {
  id: string;
  text: string;
  kind: SurveyQuestionKind;
}

export interface SurveysTable {
  id: Generated<string>;
  planId: string;
  title: string;
  introduction: Generated<string>;
  questions: ColumnType<SurveyQuestion[], string, string>;
  indicatorId: string | null;
  resultQuestionId: string | null;
  proposedBy: string | null;
  proposedSector: Sector | null;
  agreedBy: string | null;
  agreedSector: Sector | null;
  openedAt: Date | null;
  closedAt: Date | null;
  createdBy: string;
  createdAt: CreatedAt;
}

/** One invited organisation's link: only the hash of its token, and whether it has answered. */
export interface SurveyLinksTable {
  id: Generated<string>;
  surveyId: string;
  organisationName: string;
  email: string;
  tokenHash: Uint8Array;
  answered: Generated<boolean>;
  createdAt: CreatedAt;
}

/** An answer with nothing that says whose: no link, no person, no time. */
export interface SurveyAnswersTable {
  id: Generated<string>;
  surveyId: string;
  answers: ColumnType<Record<string, number | boolean>, string, never>;
}

export interface SiteKeysTable {
  name: string;
  secret: Uint8Array;
}

export interface Database {
  partnerships: PartnershipsTable;
  users: UsersTable;
  sessions: SessionsTable;
  groups: GroupsTable;
  partnershipMemberships: PartnershipMembershipsTable;
  groupMemberships: GroupMembershipsTable;
  plans: PlansTable;
  planStewards: PlanStewardsTable;
  obstacleCategories: ObstacleCategoriesTable;
  objectives: ObjectivesTable;
  actions: ActionsTable;
  formerActionNumbers: FormerActionNumbersTable;
  actionLeads: ActionLeadsTable;
  actionObstacles: ActionObstaclesTable;
  progressNotes: ProgressNotesTable;
  reviews: ReviewsTable;
  reviewFacilitators: ReviewFacilitatorsTable;
  reviewAssessments: ReviewAssessmentsTable;
  reviewObstacleFindings: ReviewObstacleFindingsTable;
  reviewBarriers: ReviewBarriersTable;
  reviewRecommendations: ReviewRecommendationsTable;
  reviewResponses: ReviewResponsesTable;
  reviewAddenda: ReviewAddendaTable;
  auditEvents: AuditEventsTable;
  loginThrottles: LoginThrottlesTable;
  invitations: InvitationsTable;
  passwordResets: PasswordResetsTable;
  calendarFeeds: CalendarFeedsTable;
  emailPreferences: EmailPreferencesTable;
  emailOptOuts: EmailOptOutsTable;
  emailOutbox: EmailOutboxTable;
  siteKeys: SiteKeysTable;
  indicators: IndicatorsTable;
  indicatorObjectives: IndicatorObjectivesTable;
  indicatorReadings: IndicatorReadingsTable;
  surveys: SurveysTable;
  surveyLinks: SurveyLinksTable;
  surveyAnswers: SurveyAnswersTable;
}
