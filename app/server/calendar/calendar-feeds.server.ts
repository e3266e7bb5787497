import ical, { ICalCalendarMethod } from "ical-generator";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { addDaysTo, ukToday } from "../../domain/dates";
import { calendarEntries, type LedAction, type PlanReview } from "../../domain/calendar";
import { ConflictError } from "../platform/errors.server";
import { generateSecret, hashSecret } from "../auth/sessions.server";
import { accountWrite, recorded, unchanged, type AccountEventFacts, type Trx } from "../platform/write.server";

// A person's deadlines at a secret address that calendar apps subscribe to
// without signing in. Only the SHA-256 of the token is stored, so the address
// is shown once, when it is made (as an admin's reset link is), and a lost one
// is replaced by a reset, which makes the old address answer 404 at once.

/** Calendar apps are asked to fetch again after this long (Outlook honours it; Google polls on its own clock). */
const REFRESH_SECONDS = 3_600;

export interface CalendarFeedLink {
  token: string;
  createdAt: Date;
}

/** Makes the person's feed; a second one would leave the first unknowable, so that is a reset instead. */
export const createCalendarFeed = accountWrite("createCalendarFeed", async (trx, userId: string, now: Date = new Date()) => {
  if (await lockedFeed(trx, userId)) throw new ConflictError("You already have a calendar link. Reset it to see a new one.");
  const link = { token: generateSecret(), createdAt: now };
  await trx
    .insertInto("calendarFeeds")
    .values({ userId, tokenHash: hashSecret(link.token), createdAt: now })
    .execute();
  return recorded<AccountEventFacts, CalendarFeedLink>(accountEvent(userId, "calendar_feed_created"), link);
});

/** A new address for the feed; the old one answers 404 from the moment this commits. */
export const resetCalendarFeed = accountWrite("resetCalendarFeed", async (trx, userId: string, now: Date = new Date()) => {
  if (!(await lockedFeed(trx, userId))) throw new ConflictError("You have no calendar link to reset. Create one instead.");
  const link = { token: generateSecret(), createdAt: now };
  // A new row rather than a new hash in the old one: the row says when this address was made.
  await trx.deleteFrom("calendarFeeds").where("userId", "=", userId).execute();
  await trx
    .insertInto("calendarFeeds")
    .values({ userId, tokenHash: hashSecret(link.token), createdAt: now })
    .execute();
  return recorded<AccountEventFacts, CalendarFeedLink>(accountEvent(userId, "calendar_feed_reset"), link);
});

/** No feed at all: the address answers 404. Turning off what is already off changes nothing. */
export const turnOffCalendarFeed = accountWrite("turnOffCalendarFeed", async (trx, userId: string) => {
  if (!(await lockedFeed(trx, userId))) return unchanged(false);
  await trx.deleteFrom("calendarFeeds").where("userId", "=", userId).execute();
  return recorded<AccountEventFacts, boolean>(accountEvent(userId, "calendar_feed_turned_off"), true);
});

/** Whether the person has a feed, under a lock on their account row, so two tabs' clicks queue rather than race. */
async function lockedFeed(trx: Trx, userId: string): Promise<boolean> {
  await trx.selectFrom("users").select("id").where("id", "=", userId).forUpdate().executeTakeFirstOrThrow();
  return Boolean(await trx.selectFrom("calendarFeeds").select("userId").where("userId", "=", userId).executeTakeFirst());
}

// The person's own event, outside any partnership (as their password and sessions are).
function accountEvent(userId: string, verb: string): AccountEventFacts {
  return { actor: { userId, role: null, sector: null }, entityType: "user", entityId: userId, verb };
}

/** When the person's feed was made or last reset, or null when they have none. */
export async function calendarFeedOf(db: Kysely<Database>, userId: string): Promise<{ createdAt: Date } | null> {
  return (await db.selectFrom("calendarFeeds").select("createdAt").where("userId", "=", userId).executeTakeFirst()) ?? null;
}

/** The person a feed's token belongs to, while they may still sign in; null for anything else. Only the hash is looked up. */
export async function calendarFeedOwner(db: Kysely<Database>, token: string): Promise<{ id: string; displayName: string } | null> {
  // generateSecret(): 20 random bytes in lower-case base32. Anything else is no token of ours, and costs no query.
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const owner = await db
    .selectFrom("calendarFeeds as f")
    .innerJoin("users as u", "u.id", "f.userId")
    .select(["u.id", "u.displayName"])
    .where("f.tokenHash", "=", hashSecret(token))
    .where("u.disabledAt", "is", null)
    .executeTakeFirst();
  return owner ?? null;
}

/**
 * Actions the person leads (in person, or as a member of a lead group) with
 * a due date, and the open reviews of plans they steward, lead in or review,
 * in every partnership where their membership is active. Archived actions,
 * objectives and plans are left out.
 */
export async function deadlinesOf(db: Kysely<Database>, userId: string): Promise<{ actions: LedAction[]; reviews: PlanReview[] }> {
  const [actions, reviews] = await Promise.all([
    db
      .selectFrom("actions as a")
      .innerJoin("objectives as o", "o.id", "a.objectiveId")
      .innerJoin("plans as p", "p.id", "a.planId")
      .innerJoin("partnerships as pa", "pa.id", "p.partnershipId")
      .innerJoin("partnershipMemberships as m", (join) =>
        join.onRef("m.partnershipId", "=", "p.partnershipId").on("m.userId", "=", userId).on("m.disabledAt", "is", null),
      )
      .select([
        "a.id",
        "a.planId",
        "pa.slug as partnershipSlug",
        "pa.name as partnershipName",
        "p.title as planTitle",
        "o.number as objectiveNumber",
        "a.number",
        "a.title",
        "a.status",
        "a.dueOn",
        "a.timescaleText",
        "a.completionConfirmedAt",
      ])
      .where("a.archivedAt", "is", null)
      .where("o.archivedAt", "is", null)
      .where("p.archivedAt", "is", null)
      .where("a.dueOn", "is not", null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("actionLeads as l")
            .select("l.id")
            .whereRef("l.actionId", "=", "a.id")
            .where((eb) =>
              eb.or([
                eb("l.userId", "=", userId),
                // Through a group the person belongs to, in the plan's partnership.
                eb(
                  "l.groupId",
                  "in",
                  eb
                    .selectFrom("groupMemberships as gm")
                    .select("gm.groupId")
                    .where("gm.userId", "=", userId)
                    .whereRef("gm.partnershipId", "=", "p.partnershipId"),
                ),
              ]),
            ),
        ),
      )
      .execute(),
    db
      .selectFrom("reviews as r")
      .innerJoin("plans as p", "p.id", "r.planId")
      .innerJoin("partnerships as pa", "pa.id", "p.partnershipId")
      .innerJoin("partnershipMemberships as m", (join) =>
        join.onRef("m.partnershipId", "=", "p.partnershipId").on("m.userId", "=", userId).on("m.disabledAt", "is", null),
      )
      .select(({ exists, selectFrom }) => [
        "r.id",
        "r.planId",
        "pa.slug as partnershipSlug",
        "pa.name as partnershipName",
        "p.title as planTitle",
        "r.kind",
        "r.title",
        "r.status",
        "r.dueOn",
        "m.role",
        exists(selectFrom("reviewFacilitators as rf").select("rf.userId").whereRef("rf.reviewId", "=", "r.id").where("rf.userId", "=", userId)).as(
          "facilitates",
        ),
        exists(
          selectFrom("planStewards as ps")
            .innerJoin("groupMemberships as gm", "gm.groupId", "ps.groupId")
            .select("ps.groupId")
            .whereRef("ps.planId", "=", "p.id")
            .where("gm.userId", "=", userId),
        ).as("stewards"),
      ])
      .where("p.archivedAt", "is", null)
      .where("r.status", "!=", "published")
      .execute(),
  ]);
  const leadsIn = new Set(actions.map((action) => action.planId));
  return {
    actions: actions.map((action) => ({ ...action, dueOn: action.dueOn! })),
    reviews: reviews
      .filter((review) => Boolean(review.facilitates) || Boolean(review.stewards) || leadsIn.has(review.planId))
      .map(({ role, facilitates: _facilitates, stewards, ...review }) => ({
        ...review,
        // As the reviews page decides: drafts are read by admins and facilitators, and by the stewards who schedule them (members and admins).
        readable: role === "admin" || role === "facilitator" || (Boolean(stewards) && role === "member"),
      })),
  };
}

/** The person's feed as iCalendar text, with links on `origin` (PUBLIC_URL, else the request's own). */
export async function calendarFeedText(db: Kysely<Database>, owner: { id: string; displayName: string }, origin: string, now = new Date()): Promise<string> {
  const { actions, reviews } = await deadlinesOf(db, owner.id);
  const host = new URL(origin).hostname;
  const calendar = ical({
    name: `Partnership Board: ${owner.displayName}'s deadlines`,
    description: "Due dates of the actions you lead and the reviews of your plans.",
    prodId: { company: "Partnership Board", product: "Deadlines", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const entry of calendarEntries(actions, reviews, ukToday(now))) {
    // All-day events are dates without a zone: midnight UTC gives the right date whatever the server's zone; the end is exclusive.
    calendar.createEvent({
      id: `${entry.uid}@${host}`,
      allDay: true,
      start: utcMidnight(entry.date),
      end: utcMidnight(addDaysTo(entry.date, 1)),
      stamp: now,
      summary: entry.summary,
      description: `${entry.description}\n${new URL(entry.path, origin)}`,
      url: new URL(entry.path, origin).toString(),
    });
  }
  return calendar.toString();
}

function utcMidnight(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}
