import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { ukToday } from "../../domain/dates";
import { reviewEntry } from "../../domain/calendar";
import { completionTarget, type PersonWhoCanAct } from "../../domain/confirmers";
import {
  DIGEST_NOTES_QUOTED,
  digestEmail,
  digestSince,
  type AwaitingConfirmation,
  type DigestFacts,
  type DigestPartnership,
  type DigestPlan,
  type DigestReview,
} from "../../domain/digests";
import { DEFAULT_DIGEST_DAY, latestDigestDue } from "../../domain/emails";
import { changeCounts, PLAN_UPDATE_ENTITIES } from "../../domain/plan-status";
import { can, type Actor, type Target } from "../../domain/policy";
import { actionReference } from "../../domain/references";
import { deadlinesOf } from "../calendar/calendar-feeds.server";
import { mailLink, renderEmail } from "../mail/compose.server";
import { queuedDedupeKeys, queueEmails, type QueuedEmail } from "../platform/outbox.server";
import { peopleWhoCanAct } from "../plans/confirmers.server";

// Each person's weekly digest: read in a fixed number of queries per person
// however many actions they lead (never one per action), turned into words by
// app/domain/digests.ts, and queued once per person per week under the key
// "digest:<person>:<week>".

/** Digests built and queued together: bounds memory, and a crash loses at most this many builds (the keys make them safe to redo). */
const QUEUE_CHUNK = 20;

export const digestKey = (userId: string, week: string) => `digest:${userId}:${week}`;

/** The digest of one person as it would be sent at `now`, or null when they may not get one (no such account, disabled, no active membership). */
export async function buildDigest(db: Kysely<Database>, userId: string, now: Date) {
  const facts = await digestFactsOf(db, userId, now);
  if (!facts) return null;
  const built = digestEmail(facts, mailLink);
  return { subject: built.subject, empty: built.empty, ...renderEmail(built.document) };
}

/** Queues the digest of everyone whose digest is due by `now` and not yet queued this week; returns how many rows were added. */
export async function queueDueDigests(db: Kysely<Database>, now: Date): Promise<number> {
  const people = await db
    .selectFrom("users as u")
    .leftJoin("emailPreferences as ep", "ep.userId", "u.id")
    .select(["u.id", "ep.digestDay"])
    .where("u.disabledAt", "is", null)
    // Named in a plan but never signed up: no account of theirs to write to yet.
    .where("u.passwordHash", "is not", null)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("partnershipMemberships as m").select("m.userId").whereRef("m.userId", "=", "u.id").where("m.disabledAt", "is", null)),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("emailOptOuts as o").select("o.userId").whereRef("o.userId", "=", "u.id").where("o.kind", "=", "digest"))),
    )
    .execute();
  if (people.length === 0) return 0;
  const keyed = people.map((person) => ({ userId: person.id, key: digestKey(person.id, latestDigestDue(now, person.digestDay ?? DEFAULT_DIGEST_DAY).week) }));
  const queuedKeys = await queuedDedupeKeys(
    db,
    keyed.map((person) => person.key),
  );
  const due = keyed.filter((person) => !queuedKeys.has(person.key));
  let queued = 0;
  for (let start = 0; start < due.length; start += QUEUE_CHUNK) {
    const emails: QueuedEmail[] = [];
    for (const person of due.slice(start, start + QUEUE_CHUNK)) {
      const digest = await buildDigest(db, person.userId, now);
      if (!digest) continue;
      emails.push({
        userId: person.userId,
        kind: "digest",
        partnershipId: null,
        dedupeKey: person.key,
        subject: digest.subject,
        text: digest.text,
        html: digest.html,
        status: digest.empty ? "empty" : "queued",
      });
    }
    queued += await queueEmails(db, emails, now);
  }
  return queued;
}

/** What the person's digest says at `now`, read across every partnership where their membership is active. */
export async function digestFactsOf(db: Kysely<Database>, userId: string, now: Date): Promise<DigestFacts | null> {
  const [person, memberships, groupRows, previousDigest] = await Promise.all([
    db.selectFrom("users").select(["displayName"]).where("id", "=", userId).where("disabledAt", "is", null).executeTakeFirst(),
    db
      .selectFrom("partnershipMemberships as m")
      .innerJoin("partnerships as pa", "pa.id", "m.partnershipId")
      .select(["m.partnershipId", "m.role", "m.sector", "pa.slug", "pa.name"])
      .where("m.userId", "=", userId)
      .where("m.disabledAt", "is", null)
      .orderBy("pa.name")
      .execute(),
    db.selectFrom("groupMemberships").select(["partnershipId", "groupId"]).where("userId", "=", userId).execute(),
    db
      .selectFrom("emailOutbox")
      .select("createdAt")
      .where("userId", "=", userId)
      .where("kind", "=", "digest")
      .where("createdAt", "<=", now)
      .orderBy("createdAt", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (!person || memberships.length === 0) return null;
  const since = digestSince(previousDigest?.createdAt ?? null, now);
  const today = ukToday(now);
  const partnershipIds = memberships.map((membership) => membership.partnershipId);
  const actors = new Map<string, Actor>(
    memberships.map((membership) => [
      membership.partnershipId,
      {
        userId,
        partnershipId: membership.partnershipId,
        role: membership.role,
        sector: membership.sector,
        groupIds: new Set(groupRows.filter((row) => row.partnershipId === membership.partnershipId).map((row) => row.groupId)),
      },
    ]),
  );

  const [plans, stewardRows, deadlines, published] = await Promise.all([
    db
      .selectFrom("plans")
      .select(["id", "partnershipId", "title", "singleSectorSignoff"])
      .where("partnershipId", "in", partnershipIds)
      .where("archivedAt", "is", null)
      .orderBy("createdAt")
      .execute(),
    db.selectFrom("planStewards").select(["planId", "groupId"]).where("partnershipId", "in", partnershipIds).execute(),
    deadlinesOf(db, userId),
    db
      .selectFrom("reviews as r")
      .innerJoin("plans as p", "p.id", "r.planId")
      .select(["r.id", "r.planId", "r.kind", "r.title", "r.status", "r.dueOn", "r.publishedAt", "p.partnershipId"])
      .where("p.partnershipId", "in", partnershipIds)
      .where("p.archivedAt", "is", null)
      .where("r.status", "=", "published")
      .where("r.publishedAt", ">=", since)
      .where("r.publishedAt", "<=", now)
      .execute(),
  ]);
  const stewardGroupIds = new Map<string, string[]>();
  for (const row of stewardRows) stewardGroupIds.set(row.planId, [...(stewardGroupIds.get(row.planId) ?? []), row.groupId]);
  const targetOf = (plan: { id: string; partnershipId: string; singleSectorSignoff: boolean }): Target => ({
    partnershipId: plan.partnershipId,
    plan: { stewardGroupIds: stewardGroupIds.get(plan.id) ?? [], singleSectorSignoff: plan.singleSectorSignoff },
  });
  // A steward by the policy's own rule (members and admins of a steward group), as the board decides who edits the plan's structure.
  const stewardedPlanIds = plans.filter((plan) => can(actors.get(plan.partnershipId)!, "plan.editStructure", targetOf(plan))).map((plan) => plan.id);

  const [awaiting, changes] = await Promise.all([awaitingConfirmationBy(db, actors, plans, targetOf), changesSince(db, stewardedPlanIds, since, now)]);

  const slugOf = new Map(memberships.map((membership) => [membership.partnershipId, membership.slug]));
  // The calendar's rule decides which open reviews are the person's, and its entry where each links.
  const openReviews = deadlines.reviews.map((review): DigestReview & { planId: string } => ({
    ...review,
    publishedAt: null,
    path: reviewEntry(review, today)?.path ?? `/p/${review.partnershipSlug}/plans/${review.planId}/reviews`,
  }));

  const partnerships: DigestPartnership[] = memberships.map((membership) => ({
    slug: membership.slug,
    name: membership.name,
    plans: plans
      .filter((plan) => plan.partnershipId === membership.partnershipId)
      .map((plan): DigestPlan => ({
        id: plan.id,
        title: plan.title,
        led: deadlines.actions
          .filter((action) => action.planId === plan.id)
          .map((action) => ({
            id: action.id,
            reference: actionReference(action.objectiveNumber, action.number),
            title: action.title,
            status: action.status,
            dueOn: action.dueOn,
          })),
        awaitingConfirmation: awaiting.filter((action) => action.planId === plan.id),
        changes: stewardedPlanIds.includes(plan.id) ? (changes.get(plan.id) ?? null) : null,
        openReviews: openReviews.filter((review) => review.planId === plan.id),
        publishedReviews: published
          .filter((review) => review.planId === plan.id)
          .map((review) => ({ ...review, path: `/p/${slugOf.get(review.partnershipId)}/plans/${review.planId}/reviews/${review.id}` })),
      })),
  }));
  return { personName: person.displayName, now, since, partnerships };
}

/**
 * Completions awaiting confirmation that this person may confirm: the card's
 * rule (completionTarget, then can "action.confirmCompletion") over the
 * partnership's people who can act, in four queries for all their plans.
 */
async function awaitingConfirmationBy(
  db: Kysely<Database>,
  actors: ReadonlyMap<string, Actor>,
  plans: ReadonlyArray<{ id: string; partnershipId: string }>,
  targetOf: (plan: { id: string; partnershipId: string; singleSectorSignoff: boolean }) => Target,
): Promise<Array<AwaitingConfirmation & { planId: string }>> {
  // Only admins and members ever confirm; nothing to read for anyone else.
  const planIds = plans.filter((plan) => ["admin", "member"].includes(actors.get(plan.partnershipId)!.role)).map((plan) => plan.id);
  if (planIds.length === 0) return [];
  const proposals = await db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .innerJoin("plans as p", "p.id", "a.planId")
    .leftJoin("users as proposer", "proposer.id", "a.completionProposedBy")
    .select([
      "a.id",
      "a.planId",
      "p.partnershipId",
      "p.singleSectorSignoff",
      "o.number as objectiveNumber",
      "a.number",
      "a.title",
      "a.status",
      "a.dueOn",
      "a.completionProposedBy",
      "a.completionProposedSector",
      "proposer.displayName as proposerName",
    ])
    .where("a.planId", "in", planIds)
    .where("a.archivedAt", "is", null)
    .where("o.archivedAt", "is", null)
    .where("a.status", "=", "done")
    .where("a.completionConfirmedAt", "is", null)
    .where("a.completionProposedSector", "is not", null)
    .execute();
  if (proposals.length === 0) return [];
  const [leadRows, peopleByPartnership] = await Promise.all([
    db
      .selectFrom("actionLeads")
      .select(["actionId", "userId", "groupId"])
      .where(
        "actionId",
        "in",
        proposals.map((action) => action.id),
      )
      .execute(),
    Promise.all(
      [...new Set(proposals.map((action) => action.partnershipId))].map(
        async (partnershipId) => [partnershipId, await peopleWhoCanAct(db, partnershipId)] as [string, PersonWhoCanAct[]],
      ),
    ).then((entries) => new Map(entries)),
  ]);
  const leadsOf = new Map<string, typeof leadRows>();
  for (const lead of leadRows) leadsOf.set(lead.actionId, [...(leadsOf.get(lead.actionId) ?? []), lead]);
  return proposals
    .filter((action) => {
      const leads = leadsOf.get(action.id) ?? [];
      const people = peopleByPartnership.get(action.partnershipId) ?? [];
      const withLeads: Target = {
        ...targetOf({ id: action.planId, partnershipId: action.partnershipId, singleSectorSignoff: action.singleSectorSignoff }),
        action: {
          id: action.id,
          leadUserIds: leads.flatMap((lead) => (lead.userId ? [lead.userId] : [])),
          leadGroupIds: leads.flatMap((lead) => (lead.groupId ? [lead.groupId] : [])),
        },
      };
      const completion = completionTarget(people, withLeads, { proposerUserId: action.completionProposedBy, proposerSector: action.completionProposedSector! });
      return can(actors.get(action.partnershipId)!, "action.confirmCompletion", { ...withLeads, completion });
    })
    .map((action) => ({
      id: action.id,
      planId: action.planId,
      reference: actionReference(action.objectiveNumber, action.number),
      title: action.title,
      status: action.status,
      dueOn: action.dueOn,
      proposerName: action.proposerName,
    }));
}

/** For the plans the person stewards: their updates since `since` (as the Status page counts them) and the latest notes. */
async function changesSince(db: Kysely<Database>, planIds: readonly string[], since: Date, now: Date) {
  const byPlan = new Map<string, NonNullable<DigestPlan["changes"]>>();
  if (planIds.length === 0) return byPlan;
  const [events, notes] = await Promise.all([
    db
      .selectFrom("auditEvents")
      .select(["planId", "entityType", "verb", (eb) => eb.fn.countAll<string>().as("count")])
      .where("planId", "in", planIds)
      .where("entityType", "in", PLAN_UPDATE_ENTITIES)
      .where("occurredAt", ">=", since)
      .where("occurredAt", "<=", now)
      .where("actorUserId", "is not", null)
      .where("verb", "!=", "refused")
      .groupBy(["planId", "entityType", "verb"])
      .execute(),
    // The latest few per plan, numbered by the database so a busy week's notes are never all loaded.
    db
      .selectFrom((eb) =>
        eb
          .selectFrom("progressNotes as n")
          .innerJoin("actions as a", "a.id", "n.actionId")
          .innerJoin("objectives as o", "o.id", "a.objectiveId")
          .innerJoin("users as u", "u.id", "n.authorId")
          .select([
            "a.planId",
            "n.actionId",
            "n.body",
            "n.createdAt",
            "u.displayName as author",
            "a.number",
            "o.number as objectiveNumber",
            (inner) =>
              inner.fn
                .agg<number>("row_number")
                .over((over) => over.partitionBy("a.planId").orderBy("n.createdAt", "desc"))
                .as("rank"),
          ])
          .where("a.planId", "in", planIds)
          .where("a.archivedAt", "is", null)
          .where("n.createdAt", ">=", since)
          .where("n.createdAt", "<=", now)
          .as("ranked"),
      )
      .selectAll()
      .where("rank", "<=", DIGEST_NOTES_QUOTED)
      .orderBy("createdAt", "desc")
      .execute(),
  ]);
  for (const planId of planIds) {
    const planEvents = events.filter((event) => event.planId === planId).map((event) => ({ ...event, count: Number(event.count) }));
    const planNotes = notes.filter((note) => note.planId === planId);
    if (planEvents.length === 0 && planNotes.length === 0) continue;
    byPlan.set(planId, {
      counts: changeCounts(planEvents),
      notes: planNotes.map((note) => ({
        actionId: note.actionId,
        reference: actionReference(note.objectiveNumber, note.number),
        author: note.author,
        body: note.body,
        createdAt: new Date(note.createdAt),
      })),
    });
  }
  return byPlan;
}
