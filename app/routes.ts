import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

export default [
  index("routes/home/route.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("login", "routes/login/route.tsx"),
  route("logout", "routes/logout.ts"),
  route("account", "routes/account/route.tsx"),
  // Everything held about the signed-in person, as JSON (UK GDPR subject access).
  route("account/my-data.json", "routes/my-data-json.ts"),
  route("invitations/:token", "routes/invitation/route.tsx"),
  route("password-reset", "routes/password-reset/route.tsx"),
  route("password-reset/:token", "routes/password-reset-token/route.tsx"),
  // A person's deadlines, "<token>.ics", for calendar apps: no session, the token is the key.
  route("calendar/:feed", "routes/calendar-feed.ts"),
  // One-click unsubscribe from an email (RFC 8058): no session, the signed token is the key.
  route("unsubscribe/:token", "routes/unsubscribe/route.tsx"),
  // An organisation's partner survey link: no session is read (routes/survey-answer/), the token is the key.
  route("survey/:token", "routes/survey-answer/route.tsx"),
  // Plans both sectors agreed to publish, for anyone: no session is read or set (routes/public/).
  route("public/:slug", "routes/public/partnership.ts"),
  route("public/:slug/:planId", "routes/public/plan.ts"),
  route("public/:slug/:planId/feed.atom", "routes/public/feed.ts"),
  route("p/:slug", "routes/partnership/layout.tsx", [
    index("routes/partnership/route.tsx"),
    route("people", "routes/people/route.tsx"),
    // An admin's download of what the partnership holds about a member, recorded.
    route("people/:userId/data.json", "routes/member-data-json.ts"),
    route("people/:userId/erase", "routes/person-erase/route.tsx"),
    route("groups", "routes/groups/route.tsx"),
    route("groups/:groupId", "routes/group/route.tsx"),
    route("security-log", "routes/security-log/route.tsx"),
    route("emails", "routes/emails/route.tsx"),
    route("plans/new", "routes/plan-new/route.tsx"),
    route("plans/import", "routes/plan-import/route.tsx"),
    ...prefix("plans/:planId", [
      layout("routes/plan/layout.tsx", [
        // The board; an action opens as a dialog over it, at its own address.
        route("", "routes/board/route.tsx", [route("actions/:actionId", "routes/action/route.tsx")]),
        // Move… without JavaScript; with it, the board's own dialog.
        route("actions/:actionId/move", "routes/move/route.tsx"),
        route("status", "routes/status/route.tsx"),
        route("status/paper.css", "routes/status-paper-css.ts"),
        route("outcomes", "routes/outcomes/route.tsx"),
        route("settings", "routes/plan-settings/route.tsx"),
        route("import", "routes/plan-import-into/route.tsx"),
        route("history", "routes/history/route.tsx"),
        route("history.csv", "routes/history-csv.ts"),
        route("actions.csv", "routes/actions-csv.ts"),
        route("indicators.csv", "routes/indicators-csv.ts"),
        route("plan.json", "routes/plan-json.ts"),
        route("events", "routes/plan-events.ts"),
        route("reviews", "routes/reviews/route.tsx"),
        route("reviews/compare", "routes/reviews-compare/route.tsx"),
        route("reviews/:reviewId", "routes/review/route.tsx"),
        route("reviews/:reviewId/assessments.csv", "routes/review-csv.ts"),
        route("surveys", "routes/surveys/route.tsx"),
        route("surveys/:surveyId", "routes/survey/route.tsx"),
        route("surveys/:surveyId/results.csv", "routes/survey-results-csv.ts"),
      ]),
    ]),
  ]),
  route("*", "routes/not-found/route.tsx"),
] satisfies RouteConfig;
