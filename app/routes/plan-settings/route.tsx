import { Form, Link, useActionData } from "react-router";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { SETTINGS_INTENT } from "~/domain/intents";
import { can } from "~/domain/policy";
import { groupsOf } from "~/server/people/partnerships.server";
import { type FormTools, intentAction, pageLoader, planScope } from "~/server/http/pipeline.server";
import { requirePermission } from "~/server/auth/guards.server";
import {
  actionCountsByObstacle,
  createObstacleCategory,
  moveObstacleCategory,
  obstacleCategoriesOf,
  removeObstacleCategory,
  updateObstacleCategory,
} from "~/server/plans/obstacles.server";
import { planTarget } from "~/server/platform/plan-data.server";
import { signoffWarnings } from "~/domain/confirmers";
import { peopleWhoCanAct } from "~/server/plans/confirmers.server";
import { SignoffWarnings } from "~/components/signoff-warnings";
import { isSingleSector, updatePlan } from "~/server/plans/plans.server";
import { succeeded } from "~/server/http/write-result.server";
import { PlanFields, PlanForm } from "~/components/plan-form";
import { ObstacleCategories, summaryErrors } from "./obstacle-categories";
import type { PublicationView, SettingsReply } from "./types";
import type { Route } from "./+types/route";
import { Notice } from "~/components/notice";
import { TEXT_LIMITS } from "~/domain/limits";
import { DUE_REMINDER_DAYS } from "~/domain/email-choices";
import { dueReminderDaysOf, setDueReminderDays } from "~/server/plans/due-reminders.server";
import { RemindersSection } from "./reminders-section";
import { PublicationSection } from "./publication-section";
import { agreePublication, proposePublication, publicationOf, withdrawPublication } from "~/server/plans/publication.server";
import { publicPlanPath } from "~/domain/public-pages";
import { describePublication, whoMustAgree, type Publication } from "~/domain/publication";
import { sectorAfterAName } from "~/domain/words";
import { NoFields } from "~/server/http/forms.server";
import type { Actor } from "~/domain/policy";
import type { PlanContextData } from "~/server/platform/plan-data.server";

export const meta: Route.MetaFunction = () => [{ title: "Plan settings – Partnership Board" }];

// Admins change the plan itself; its stewards change its obstacle categories.
// Either may open the page, and each sees what they may change.

export const loader = pageLoader(planScope(), async ({ membership, plan, db, request }) => {
  const permissions = permissionsOf(membership.actor, plan);
  if (!permissions.manage && !permissions.editStructure) await requirePermission(membership, "plan.manage", { plan }, request);
  const [groups, categories, counts, people, dueReminderDays, publication] = await Promise.all([
    groupsOf(db, membership.partnership.id),
    obstacleCategoriesOf(db, plan.id),
    actionCountsByObstacle(db, plan.id),
    peopleWhoCanAct(db, membership.partnership.id),
    dueReminderDaysOf(db, plan.id),
    publicationOf(db, plan.id),
  ]);
  const stewardGroups = groups.filter((group) => plan.stewardGroupIds.includes(group.id));
  return {
    slug: membership.partnership.slug,
    plan,
    // Only admins change stewardship, so only they need the partnership's groups.
    groups: permissions.manage ? groups : [],
    stewardGroupNames: stewardGroups.map((group) => group.name),
    stewardsAreOneSector: isSingleSector(stewardGroups.map((group) => group.sector)),
    signoffWarnings: signoffWarnings(
      people,
      stewardGroups.map((group) => group.sector),
      plan.singleSectorSignoff,
    ),
    obstacles: categories.map((category) => ({ ...category, actionCount: counts.get(category.id) ?? 0 })),
    dueReminderDays,
    publication: publicationView(membership.actor, plan, membership.partnership.slug, publication),
    permissions,
  };
});

/** Where publication stands, in words, and which of its buttons this person may press (the writes ask the policy again). */
function publicationView(actor: Actor, plan: PlanContextData, slug: string, publication: Publication & { proposerUserId: string | null }): PublicationView {
  const { state, proposed, agreed } = publication;
  const target = planTarget(plan, { publication: { proposerUserId: publication.proposerUserId, proposerSector: proposed?.sector ?? null } });
  const mayAgree = state === "proposed" && can(actor, "plan.agreePublication", target);
  const ownProposal = publication.proposerUserId === actor.userId;
  const step = (person: typeof proposed) =>
    person ? { name: person.name, sectorWords: sectorAfterAName(person.sector), at: new Date(person.at).toISOString() } : null;
  return {
    state,
    description: describePublication(publication, plan.singleSectorSignoff),
    proposed: step(proposed),
    agreed: step(agreed),
    publicPath: state === "published" ? publicPlanPath(slug, plan.id) : null,
    whoMustAgree:
      state === "proposed" && !mayAgree && proposed
        ? `${ownProposal ? "You proposed it, so you cannot agree to it too. " : ""}${whoMustAgree(proposed.sector, plan.singleSectorSignoff)}`
        : null,
    offers: {
      propose: state === "not_proposed" && can(actor, "plan.proposePublication", target),
      agree: mayAgree,
      withdraw: state !== "not_proposed" && can(actor, "plan.withdrawPublication", target),
    },
  };
}

function permissionsOf(actor: Parameters<typeof can>[0], plan: Parameters<typeof planTarget>[0]) {
  const target = planTarget(plan);
  return { manage: can(actor, "plan.manage", target), editStructure: can(actor, "plan.editStructure", target) };
}

const CategoryName = z
  .string({ error: "Enter a name for the obstacle category" })
  .trim()
  .min(1, "Enter a name for the obstacle category")
  .max(TEXT_LIMITS.obstacleName, `Name must be ${TEXT_LIMITS.obstacleName} characters or fewer`);
const CategoryDescription = z
  .string()
  .trim()
  .max(TEXT_LIMITS.obstacleDescription, `Description must be ${TEXT_LIMITS.obstacleDescription.toLocaleString("en-GB")} characters or fewer`)
  .default("");
const CategoryId = z.uuid({ error: "Choose an obstacle category. Reload the page, and try again" });

const AddObstacleForm = z.object({ name: CategoryName, description: CategoryDescription });
const EditObstacleForm = z.object({ categoryId: CategoryId, name: CategoryName, description: CategoryDescription });
const MoveObstacleForm = z.object({
  categoryId: CategoryId,
  direction: z.enum(["up", "down"], { error: "Choose whether to move it up or down" }),
});
const RemoveObstacleForm = z.object({ categoryId: CategoryId });
const REMINDER_DAYS_MESSAGE = `Enter a whole number of days from ${DUE_REMINDER_DAYS.min} to ${DUE_REMINDER_DAYS.max}, or choose not to remind them`;
const DueRemindersForm = z
  .object({
    dueReminders: z.enum(["on", "off"], { error: "Choose whether to remind leads before an action is due" }),
    dueReminderDays: z.string({ error: REMINDER_DAYS_MESSAGE }).trim().optional(),
  })
  .transform(({ dueReminders, dueReminderDays }, context) => {
    if (dueReminders === "off") return { days: null };
    const days = /^\d{1,2}$/.test(dueReminderDays ?? "") ? Number(dueReminderDays) : NaN;
    if (!(days >= DUE_REMINDER_DAYS.min && days <= DUE_REMINDER_DAYS.max)) {
      context.addIssue({ code: "custom", path: ["dueReminderDays"], message: REMINDER_DAYS_MESSAGE });
      return z.NEVER;
    }
    return { days };
  });

/** Which form a reply answers, and what it sent, so the page puts a refused form back as it was. */
function replyContext(formData: FormData) {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const categoryId = text("categoryId");
  return {
    intent: text("intent")?.slice(0, 100) as SettingsReply["intent"],
    categoryId: categoryId && z.uuid().safeParse(categoryId).success ? categoryId : undefined,
    // Whole, however long: a text refused for its length comes back to be shortened, not cut short.
    sent: { name: text("name"), description: text("description"), dueReminders: text("dueReminders"), dueReminderDays: text("dueReminderDays")?.slice(0, 20) },
  };
}

/** Admins and stewards only, refused before the body is read; each form asks for its own right too. */
async function settingsScope(args: Route.ActionArgs) {
  const scope = await planScope()(args);
  const permissions = permissionsOf(scope.membership.actor, scope.plan);
  if (!permissions.manage && !permissions.editStructure) await requirePermission(scope.membership, "plan.manage", { plan: scope.plan }, args.request);
  const allowed = (verb: "plan.manage" | "plan.editStructure") => requirePermission(scope.membership, verb, { plan: scope.plan }, args.request);
  return { ...scope, allowed };
}

/** A change saved, answered with which form it was, so that form shows the notice. */
async function savedInSettings(notice: string, change: () => Promise<unknown>, { write, sent }: FormTools<ReturnType<typeof replyContext>>) {
  const result = await write(change);
  return result.ok ? succeeded(notice, { intent: sent?.intent, categoryId: sent?.categoryId }) : result.response;
}

export const action = intentAction({
  scope: settingsScope,
  sent: replyContext,
  forms: {
    [SETTINGS_INTENT.updatePlan]: PlanForm,
    [SETTINGS_INTENT.addObstacle]: AddObstacleForm,
    [SETTINGS_INTENT.editObstacle]: EditObstacleForm,
    [SETTINGS_INTENT.moveObstacle]: MoveObstacleForm,
    [SETTINGS_INTENT.removeObstacle]: RemoveObstacleForm,
    [SETTINGS_INTENT.setDueReminders]: DueRemindersForm,
    [SETTINGS_INTENT.proposePublication]: NoFields,
    [SETTINGS_INTENT.agreePublication]: NoFields,
    [SETTINGS_INTENT.withdrawPublication]: NoFields,
  },
  run: {
    [SETTINGS_INTENT.updatePlan]: async (input, scope) => {
      await scope.allowed("plan.manage");
      return savedInSettings("Settings saved.", () => updatePlan(scope.db, scope.membership.actor, scope.plan.id, input), scope);
    },
    [SETTINGS_INTENT.addObstacle]: async (input, scope) => {
      await scope.allowed("plan.editStructure");
      return savedInSettings(
        `Obstacle category “${input.name}” added.`,
        () => createObstacleCategory(scope.db, scope.membership.actor, scope.plan, input),
        scope,
      );
    },
    [SETTINGS_INTENT.editObstacle]: async ({ categoryId, name, description }, scope) => {
      await scope.allowed("plan.editStructure");
      const change = () => updateObstacleCategory(scope.db, scope.membership.actor, scope.plan, categoryId, { name, description });
      return savedInSettings(`Obstacle category “${name}” saved.`, change, scope);
    },
    [SETTINGS_INTENT.moveObstacle]: async (input, scope) => {
      await scope.allowed("plan.editStructure");
      const change = () => moveObstacleCategory(scope.db, scope.membership.actor, scope.plan, input.categoryId, input.direction);
      return savedInSettings(`Obstacle category moved ${input.direction}.`, change, scope);
    },
    [SETTINGS_INTENT.setDueReminders]: ({ days }, scope) =>
      // The write asks for the stewards' right, or else the admins'.
      savedInSettings(
        days === null ? "Due date reminders turned off." : `Due date reminders saved: leads are reminded ${days} ${days === 1 ? "day" : "days"} before.`,
        () => setDueReminderDays(scope.db, scope.membership.actor, scope.plan, days),
        scope,
      ),
    // Each write asks the policy itself, with the proposal as the database holds it then.
    [SETTINGS_INTENT.proposePublication]: (_none, scope) =>
      savedInSettings(
        "Publishing proposed. The plan goes on its public page once someone of the other sector agrees.",
        () => proposePublication(scope.db, scope.membership.actor, scope.plan),
        scope,
      ),
    [SETTINGS_INTENT.agreePublication]: (_none, scope) =>
      savedInSettings(
        `Published. Anyone can now read the plan at ${publicPlanPath(scope.membership.partnership.slug, scope.plan.id)}.`,
        () => agreePublication(scope.db, scope.membership.actor, scope.plan),
        scope,
      ),
    [SETTINGS_INTENT.withdrawPublication]: async (_none, scope) => {
      const result = await scope.write(() => withdrawPublication(scope.db, scope.membership.actor, scope.plan));
      if (!result.ok) return result.response;
      const notice =
        result.value === "published"
          ? "Withdrawn. The plan is no longer on a public page."
          : result.value === "proposed"
            ? "Proposal withdrawn. The plan stays private."
            : "Nothing to withdraw: the plan is not published or proposed.";
      return succeeded(notice, { intent: scope.sent?.intent });
    },
    [SETTINGS_INTENT.removeObstacle]: async (input, scope) => {
      await scope.allowed("plan.editStructure");
      return savedInSettings("Obstacle category removed.", () => removeObstacleCategory(scope.db, scope.membership.actor, scope.plan, input.categoryId), scope);
    },
  },
});

const PUBLICATION_INTENTS: ReadonlySet<string> = new Set([
  SETTINGS_INTENT.proposePublication,
  SETTINGS_INTENT.agreePublication,
  SETTINGS_INTENT.withdrawPublication,
]);

export default function PlanSettings({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<SettingsReply>();
  const planReply = actionData?.intent === SETTINGS_INTENT.updatePlan ? actionData : undefined;
  const remindersReply = actionData?.intent === SETTINGS_INTENT.setDueReminders ? actionData : undefined;
  const publicationReply = actionData?.intent && PUBLICATION_INTENTS.has(actionData.intent) ? actionData : undefined;
  // Its own section says what was done; a refusal shows in the summary at the top, which takes focus.
  const ownSection = remindersReply ?? (publicationReply?.ok ? publicationReply : undefined);
  const errors: Partial<Record<string, string>> = planReply?.errors ?? {};
  const { plan, permissions } = loaderData;
  return (
    <div className="narrow">
      <p>
        <Link to={`/p/${loaderData.slug}/plans/${plan.id}`}>Back to the board</Link>
      </p>
      <h1>Settings for {plan.title}</h1>
      <Notice>{actionData?.ok && !ownSection ? actionData.notice : null}</Notice>
      {actionData && !actionData.ok ? (
        <ErrorSummary
          errors={planReply ? errors : remindersReply || publicationReply ? (actionData.errors ?? {}) : summaryErrors(actionData)}
          formError={actionData.formError}
        />
      ) : null}
      {permissions.manage ? (
        <section aria-labelledby="plan-details-heading" className="section">
          <h2 id="plan-details-heading">Plan details</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value={SETTINGS_INTENT.updatePlan} />
            <PlanFields errors={errors} groups={loaderData.groups} defaults={plan} />
            <fieldset className="fieldset">
              <legend>Completion sign-off</legend>
              <SignoffWarnings warnings={loaderData.signoffWarnings} slug={loaderData.slug} signoffSetting="below" />
              <div className="checkbox">
                <input
                  type="checkbox"
                  id="singleSectorSignoff"
                  name="singleSectorSignoff"
                  defaultChecked={plan.singleSectorSignoff}
                  aria-describedby="singleSectorSignoff-hint"
                />
                <label htmlFor="singleSectorSignoff">Allow single-sector sign-off</label>
              </div>
              <p className="field__hint" id="singleSectorSignoff-hint">
                Normally someone from another sector confirms that an action is done. Where every steward group is of one sector, you may let another person of
                that sector confirm instead.
                {loaderData.stewardsAreOneSector ? "" : " This plan's stewards are not all of one sector, so this is not available."}
              </p>
            </fieldset>
            <button type="submit" className="button">
              Save settings
            </button>
          </Form>
        </section>
      ) : null}
      <RemindersSection
        days={loaderData.dueReminderDays}
        notice={remindersReply?.ok ? (remindersReply.notice ?? null) : null}
        errors={remindersReply && !remindersReply.ok ? (remindersReply.errors ?? {}) : {}}
        sent={remindersReply && !remindersReply.ok ? remindersReply.sent : undefined}
      />
      <PublicationSection publication={loaderData.publication} notice={publicationReply?.ok ? (publicationReply.notice ?? null) : null} />
      <ObstacleCategories
        obstacles={loaderData.obstacles}
        editable={permissions.editStructure}
        stewardGroupNames={loaderData.stewardGroupNames}
        reply={actionData && actionData.intent !== SETTINGS_INTENT.updatePlan && !remindersReply && !publicationReply ? actionData : undefined}
      />
    </div>
  );
}
