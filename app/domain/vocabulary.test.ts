import { describe, expectTypeOf, it } from "vitest";
import type * as Columns from "../../db/schema";
import type {
  Assessment,
  EmailKind,
  PersonEmailKind,
  EmailStatus,
  FindingRating,
  GroupRole,
  GroupSector,
  BetterDirection,
  IndicatorUnit,
  SurveyQuestionKind,
  RecommendationResponse,
  ReviewKind,
  ReviewStatus,
  Role,
  Sector,
  Status,
} from "./vocabulary";

// The database's check constraints and the app's words must say the same:
// a status the app offers must be one the database takes, and back.
describe("the vocabulary and the database's columns", () => {
  it("hold the same values", () => {
    expectTypeOf<Sector>().toEqualTypeOf<Columns.Sector>();
    expectTypeOf<GroupSector>().toEqualTypeOf<Columns.GroupSector>();
    expectTypeOf<Role>().toEqualTypeOf<Columns.Role>();
    expectTypeOf<Status>().toEqualTypeOf<Columns.Status>();
    expectTypeOf<GroupRole>().toEqualTypeOf<Columns.GroupRole>();
    expectTypeOf<ReviewKind>().toEqualTypeOf<Columns.ReviewKind>();
    expectTypeOf<ReviewStatus>().toEqualTypeOf<Columns.ReviewStatus>();
    expectTypeOf<Assessment>().toEqualTypeOf<Columns.Assessment>();
    expectTypeOf<FindingRating>().toEqualTypeOf<Columns.FindingRating>();
    expectTypeOf<RecommendationResponse>().toEqualTypeOf<Columns.RecommendationResponse>();
    expectTypeOf<EmailKind>().toEqualTypeOf<Columns.EmailKind>();
    expectTypeOf<PersonEmailKind>().toEqualTypeOf<Columns.PersonEmailKind>();
    expectTypeOf<EmailStatus>().toEqualTypeOf<Columns.EmailStatus>();
    expectTypeOf<IndicatorUnit>().toEqualTypeOf<Columns.IndicatorUnit>();
    expectTypeOf<BetterDirection>().toEqualTypeOf<Columns.BetterDirection>();
    expectTypeOf<SurveyQuestionKind>().toEqualTypeOf<Columns.SurveyQuestionKind>();
  });
});
