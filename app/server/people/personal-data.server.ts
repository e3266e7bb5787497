import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { describeActor, describeChange } from "../../domain/history";
import { emailAddressesIn, scopeWords, withoutOthersAddresses } from "../../domain/personal-data";
import { EMAIL_KIND_WORDS, EMAIL_STATUS_WORDS, WEEKDAYS } from "../../domain/emails";
import { REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS, RESPONSE_LABELS, ROLE_LABELS, SECTOR_LABELS, STATUS_LABELS } from "../../domain/words";
import { shortId } from "../auth/sign-in.server";
import { NotFoundError } from "../platform/errors.server";
import { partnershipWrite, recorded } from "../platform/write.server";
import { emailPreferencesOf } from "../mail/preferences.server";

// Everything held about one person, for "Download my data" (UK GDPR subject
// access) and for an admin producing the same for a member. Read table by
// table from db/schema.ts. Left out on purpose:
// - secrets: users.password_hash, sessions.secret_hash, every token_hash
//   (invitations, password_resets, calendar_feeds, survey_links), site_keys;
// - login_throttles: counters keyed by address, cleared on success, that name
//   no person;
// - survey_answers: anonymous by design, nothing ties an answer to anyone;
//   survey_links: organisations' addresses, not people's;
// - invitations the person sent, and email_outbox rows to addresses: they hold
//   other people's addresses (the audit events of sending them stay, with each
//   address replaced by its owner's name);
// - what the person edited in plans (actions, objectives, reviews' assessments,
//   indicators and readings, completions, publication): the audit events below
//   say each change they made, with its before and after;
// - calendar feed uses: the app does not record when a feed is fetched.

/** Whose data, and how far: the whole account, or what one partnership holds (an admin's download). */
export type PersonalDataScope = { partnershipId: null } | { partnershipId: string; partnershipName: string };

export async function personalDataOf(db: Kysely<Database>, userId: string, scope: PersonalDataScope, now = new Date()) {
  const partnershipId = scope.partnershipId;
  const partnershipName = scope.partnershipId === null ? null : scope.partnershipName;
  const user = await db
    .selectFrom("users")
    .select([
      "id",
      "email",
      "displayName",
      "createdAt",
      "disabledAt",
      "nameShownPublicly",
      "passwordChangedAt",
      sql<boolean>`password_hash is not null`.as("canSignIn"),
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;

  const memberships = await db
    .selectFrom("partnershipMemberships as m")
    .innerJoin("partnerships as p", "p.id", "m.partnershipId")
    .select(["p.name as partnership", "m.role", "m.sector", "m.jobTitle", "m.createdAt", "m.disabledAt"])
    .where("m.userId", "=", userId)
    .$if(partnershipId !== null, (query) => query.where("m.partnershipId", "=", partnershipId!))
    .orderBy("p.name")
    .execute();
  // An admin's download is for a member of their partnership, or nobody.
  if (partnershipId !== null && memberships.length === 0) return null;

  const whole = partnershipId === null;
  const [groups, stewarded, led, notes, facilitated, responses, addenda, surveys, invitations, events, emails] = await Promise.all([
    db
      .selectFrom("groupMemberships as gm")
      .innerJoin("groups as g", "g.id", "gm.groupId")
      .innerJoin("partnerships as p", "p.id", "gm.partnershipId")
      .select(["p.name as partnership", "g.name as group", "g.sector", "gm.role", "gm.createdAt"])
      .where("gm.userId", "=", userId)
      .$if(!whole, (query) => query.where("gm.partnershipId", "=", partnershipId!))
      .orderBy("p.name")
      .orderBy("g.name")
      .execute(),
    db
      .selectFrom("groupMemberships as gm")
      .innerJoin("planStewards as ps", "ps.groupId", "gm.groupId")
      .innerJoin("plans as pl", "pl.id", "ps.planId")
      .innerJoin("groups as g", "g.id", "gm.groupId")
      .innerJoin("partnerships as p", "p.id", "pl.partnershipId")
      .select(["p.name as partnership", "pl.title as plan", "g.name as throughGroup", "pl.archivedAt"])
      .where("gm.userId", "=", userId)
      .$if(!whole, (query) => query.where("gm.partnershipId", "=", partnershipId!))
      .orderBy("p.name")
      .orderBy("pl.title")
      .execute(),
    actionsOf(db, partnershipId)
      .innerJoin("actionLeads as l", "l.actionId", "a.id")
      .leftJoin("groups as g", "g.id", "l.groupId")
      .select(["a.title", "a.status", "a.dueOn", "a.timescaleText", "a.archivedAt", "g.name as throughGroup"])
      // In person, or through a group the person belongs to, as their calendar counts them.
      .where((eb) =>
        eb.or([
          eb("l.userId", "=", userId),
          eb("l.groupId", "in", eb.selectFrom("groupMemberships as gm").select("gm.groupId").where("gm.userId", "=", userId)),
        ]),
      )
      .orderBy("p.name")
      .orderBy("pl.title")
      .orderBy("o.number")
      .orderBy("a.number")
      .execute(),
    actionsOf(db, partnershipId)
      .innerJoin("progressNotes as n", "n.actionId", "a.id")
      .select(["a.title as actionTitle", "n.createdAt", "n.body"])
      .where("n.authorId", "=", userId)
      .orderBy("n.createdAt")
      .execute(),
    reviewsOf(db, partnershipId)
      .innerJoin("reviewFacilitators as rf", "rf.reviewId", "r.id")
      .select(["r.kind", "r.status", "r.dueOn"])
      .where("rf.userId", "=", userId)
      .orderBy("r.dueOn")
      .execute(),
    reviewsOf(db, partnershipId)
      .innerJoin("reviewRecommendations as rr", "rr.reviewId", "r.id")
      .innerJoin("reviewResponses as rp", "rp.recommendationId", "rr.id")
      .select(["rr.body as recommendation", "rp.response", "rp.body", "rp.createdAt"])
      .where("rp.authorId", "=", userId)
      .orderBy("rp.createdAt")
      .execute(),
    reviewsOf(db, partnershipId)
      .innerJoin("reviewAddenda as ra", "ra.reviewId", "r.id")
      .select(["ra.body", "ra.createdAt"])
      .where("ra.authorId", "=", userId)
      .orderBy("ra.createdAt")
      .execute(),
    db
      .selectFrom("surveys as s")
      .innerJoin("plans as pl", "pl.id", "s.planId")
      .innerJoin("partnerships as p", "p.id", "pl.partnershipId")
      .select(["p.name as partnership", "pl.title as plan", "s.title", "s.createdBy", "s.proposedBy", "s.agreedBy", "s.createdAt"])
      .where((eb) => eb.or([eb("s.createdBy", "=", userId), eb("s.proposedBy", "=", userId), eb("s.agreedBy", "=", userId)]))
      .$if(!whole, (query) => query.where("pl.partnershipId", "=", partnershipId!))
      .orderBy("s.createdAt")
      .execute(),
    db
      .selectFrom("invitations as i")
      .innerJoin("partnerships as p", "p.id", "i.partnershipId")
      .leftJoin("users as inviter", "inviter.id", "i.invitedBy")
      .select([
        "p.name as partnership",
        "i.displayName",
        "i.role",
        "i.sector",
        "inviter.displayName as invitedBy",
        "i.createdAt",
        "i.expiresAt",
        "i.acceptedAt",
        "i.revokedAt",
      ])
      .where((eb) => eb.or([eb("i.email", "=", user.email), eb("i.acceptedBy", "=", userId)]))
      .$if(!whole, (query) => query.where("i.partnershipId", "=", partnershipId!))
      .orderBy("i.createdAt")
      .execute(),
    eventsAbout(db, userId, user.email, partnershipId),
    db
      .selectFrom("emailOutbox")
      .select(["kind", "subject", "status", "createdAt", "sentAt"])
      .where("userId", "=", userId)
      .$if(!whole, (query) => query.where("partnershipId", "=", partnershipId!))
      .orderBy("createdAt")
      .execute(),
  ]);

  const account = whole ? await accountOf(db, userId) : null;
  // Another person's address in an event (an invitation the person sent) reads as that person's name.
  const others = emailAddressesIn(events.map((event) => [event.changes, event.context])).filter((address) => address !== user.email.toLowerCase());
  const names = new Map<string, string>();
  if (others.length) {
    const [people, invited] = await Promise.all([
      db.selectFrom("users").select(["email", "displayName"]).where("email", "in", others).execute(),
      db.selectFrom("invitations").select(["email", "displayName"]).where("email", "in", others).execute(),
    ]);
    for (const person of [...invited, ...people]) names.set(person.email.toLowerCase(), person.displayName);
  }

  const reference = (row: { objective: number; number: number }) => `${row.objective}.${row.number}`;
  return {
    generatedAt: now,
    scope: {
      wholeAccount: whole,
      partnership: partnershipName,
      explanation: scopeWords(partnershipName),
    },
    profile: {
      name: user.displayName,
      email: user.email,
      accountCreatedAt: user.createdAt,
      canSignIn: user.canSignIn,
      passwordChangedAt: user.passwordChangedAt,
      disabledAt: user.disabledAt,
      nameShownOnPublicPages: user.nameShownPublicly,
    },
    partnershipMemberships: memberships.map((membership) => ({
      partnership: membership.partnership,
      role: ROLE_LABELS[membership.role],
      sector: SECTOR_LABELS[membership.sector],
      jobTitle: membership.jobTitle,
      since: membership.createdAt,
      accessRemovedAt: membership.disabledAt,
    })),
    groupMemberships: groups.map((group) => ({
      partnership: group.partnership,
      group: group.group,
      groupSector: SECTOR_LABELS[group.sector],
      role: group.role === "chair" ? "Chair" : "Member",
      since: group.createdAt,
    })),
    plansStewarded: stewarded.map((plan) => ({ partnership: plan.partnership, plan: plan.plan, throughGroup: plan.throughGroup, archivedAt: plan.archivedAt })),
    actionsLed: led.map((action) => ({
      partnership: action.partnership,
      plan: action.plan,
      action: reference(action),
      title: action.title,
      leads: action.throughGroup === null ? "In person" : `As a member of ${action.throughGroup}`,
      status: STATUS_LABELS[action.status],
      dueOn: action.dueOn,
      timescale: action.timescaleText,
      archivedAt: action.archivedAt,
    })),
    progressNotes: notes.map((note) => ({
      partnership: note.partnership,
      plan: note.plan,
      action: reference(note),
      actionTitle: note.actionTitle,
      writtenAt: note.createdAt,
      text: note.body,
    })),
    reviewsFacilitated: facilitated.map((review) => ({
      partnership: review.partnership,
      plan: review.plan,
      review: review.review,
      kind: REVIEW_KIND_LABELS[review.kind],
      status: REVIEW_STATUS_LABELS[review.status],
      dueOn: review.dueOn,
    })),
    reviewResponses: responses.map((response) => ({
      partnership: response.partnership,
      plan: response.plan,
      review: response.review,
      recommendation: response.recommendation,
      response: RESPONSE_LABELS[response.response],
      text: response.body,
      writtenAt: response.createdAt,
    })),
    reviewAddenda: addenda.map((addendum) => ({
      partnership: addendum.partnership,
      plan: addendum.plan,
      review: addendum.review,
      text: addendum.body,
      writtenAt: addendum.createdAt,
    })),
    partnerSurveys: surveys.map((survey) => ({
      partnership: survey.partnership,
      plan: survey.plan,
      survey: survey.title,
      part: [
        survey.createdBy === userId ? "drafted it" : null,
        survey.proposedBy === userId ? "proposed sending it" : null,
        survey.agreedBy === userId ? "agreed to send it" : null,
      ].filter(Boolean),
    })),
    invitations: invitations.map((invitation) => ({
      partnership: invitation.partnership,
      nameGiven: invitation.displayName,
      role: ROLE_LABELS[invitation.role],
      sector: SECTOR_LABELS[invitation.sector],
      invitedBy: invitation.invitedBy,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
      acceptedAt: invitation.acceptedAt,
      withdrawnAt: invitation.revokedAt,
    })),
    auditEvents: events.map((event) => ({
      occurredAt: event.occurredAt,
      partnership: event.partnership,
      plan: event.plan,
      action: event.reference,
      kind: `${event.entityType}.${event.verb}`,
      description: withoutOthersAddresses(`${describeActor(event)} ${describeChange(event)}`, user.email, names),
      changes: withoutOthersAddresses(event.changes, user.email, names),
      context: withoutOthersAddresses(event.context, user.email, names),
    })),
    emails: emails.map((email) => ({
      kind: EMAIL_KIND_WORDS[email.kind].label,
      subject: email.subject,
      status: EMAIL_STATUS_WORDS[email.status],
      queuedAt: email.createdAt,
      sentAt: email.sentAt,
    })),
    // The account's own parts: null in an admin's download (see scope).
    sessions: account?.sessions ?? null,
    calendarLink: account?.calendarLink ?? null,
    emailPreferences: account?.emailPreferences ?? null,
    passwordResetLinks: account?.passwordResetLinks ?? null,
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof personalDataOf>>>;

/**
 * An admin's download of a member's data: what their partnership holds about
 * the person, read inside the write so that the download and its one audit
 * event go together. Someone outside the partnership is not found.
 */
export const downloadMemberData = partnershipWrite("downloadMemberData", async ({ trx, actor, authorize }, userId: string, now: Date = new Date()) => {
  authorize("partnership.manageMembers");
  const partnership = await trx.selectFrom("partnerships").select("name").where("id", "=", actor.partnershipId).executeTakeFirstOrThrow();
  const data = await personalDataOf(trx, userId, { partnershipId: actor.partnershipId, partnershipName: partnership.name }, now);
  if (!data) throw new NotFoundError("That person's membership");
  return recorded({ entityType: "user", entityId: userId, verb: "personal_data_downloaded", context: { person: data.profile.name } }, data);
});

/** Actions with their partnership, plan and reference, in one partnership or all. */
function actionsOf(db: Kysely<Database>, partnershipId: string | null) {
  return db
    .selectFrom("actions as a")
    .innerJoin("objectives as o", "o.id", "a.objectiveId")
    .innerJoin("plans as pl", "pl.id", "a.planId")
    .innerJoin("partnerships as p", "p.id", "pl.partnershipId")
    .select(["p.name as partnership", "pl.title as plan", "o.number as objective", "a.number"])
    .$if(partnershipId !== null, (query) => query.where("pl.partnershipId", "=", partnershipId!));
}

function reviewsOf(db: Kysely<Database>, partnershipId: string | null) {
  return db
    .selectFrom("reviews as r")
    .innerJoin("plans as pl", "pl.id", "r.planId")
    .innerJoin("partnerships as p", "p.id", "pl.partnershipId")
    .select(["p.name as partnership", "pl.title as plan", "r.title as review"])
    .$if(partnershipId !== null, (query) => query.where("pl.partnershipId", "=", partnershipId!));
}

/**
 * The events the person made, and those about them: their account (sign-ins,
 * security, their choices, an admin's reset link or download), their membership
 * and groups, and invitations to them. Oldest first.
 */
async function eventsAbout(db: Kysely<Database>, userId: string, email: string, partnershipId: string | null) {
  const rows = await db
    .selectFrom("auditEvents as e")
    .leftJoin("users as u", "u.id", "e.actorUserId")
    .leftJoin("partnerships as p", "p.id", "e.partnershipId")
    .leftJoin("plans as pl", "pl.id", "e.planId")
    .leftJoin("actions as a", "a.id", "e.actionId")
    .leftJoin("objectives as o", "o.id", "a.objectiveId")
    .select([
      "e.occurredAt",
      "e.verb",
      "e.entityType",
      "e.actorRole",
      "e.actorSector",
      "e.changes",
      "e.context",
      "u.displayName as actorName",
      "p.name as partnership",
      "pl.title as plan",
      sql<string | null>`coalesce(e.context->>'reference', o.number || '.' || a.number)`.as("reference"),
    ])
    .where((eb) =>
      eb.or([
        eb("e.actorUserId", "=", userId),
        eb.and([eb("e.entityType", "in", ["user", "membership"]), eb("e.entityId", "=", userId)]),
        eb.and([eb("e.entityType", "=", "group_membership"), eb(sql<string>`e.context->>'userId'`, "=", userId)]),
        eb.and([eb("e.entityType", "=", "invitation"), eb(sql<string>`e.context->>'inviteeUserId'`, "=", userId)]),
        eb.and([eb("e.entityType", "=", "invitation"), eb(sql<string>`e.changes->'email'->>'after'`, "=", email)]),
      ]),
    )
    .$if(partnershipId !== null, (query) => query.where("e.partnershipId", "=", partnershipId!))
    .orderBy("e.id")
    .execute();
  return rows.map((row) => ({
    ...row,
    changes: (row.changes ?? {}) as Record<string, { before: unknown; after: unknown }>,
    context: (row.context ?? {}) as Record<string, unknown>,
  }));
}

/** What belongs to the account rather than to any partnership. Never a token or its hash: a session is named by the start of its id, as its events name it. */
async function accountOf(db: Kysely<Database>, userId: string) {
  const [sessions, feed, preferences, optOuts, resets] = await Promise.all([
    db
      .selectFrom("sessions")
      .select(["id", "createdAt", "lastActiveAt", "expiresAt", "userAgent", "ipAddress"])
      .where("userId", "=", userId)
      .orderBy("createdAt")
      .execute(),
    db.selectFrom("calendarFeeds").select("createdAt").where("userId", "=", userId).executeTakeFirst(),
    emailPreferencesOf(db, userId),
    db.selectFrom("emailOptOuts").select(["kind", "createdAt"]).where("userId", "=", userId).execute(),
    db
      .selectFrom("passwordResets as r")
      .leftJoin("users as issuer", "issuer.id", "r.issuedBy")
      .select(["r.via", "issuer.displayName as issuedBy", "r.createdAt", "r.expiresAt", "r.usedAt", "r.revokedAt"])
      .where("r.userId", "=", userId)
      .orderBy("r.createdAt")
      .execute(),
  ]);
  return {
    sessions: sessions.map((session) => ({
      session: shortId(session.id),
      signedInAt: session.createdAt,
      lastActiveAt: session.lastActiveAt,
      expiresAt: session.expiresAt,
      device: session.userAgent,
      address: session.ipAddress,
    })),
    calendarLink: { exists: feed !== undefined, createdAt: feed?.createdAt ?? null },
    emailPreferences: {
      digestDay: WEEKDAYS[preferences.digestDay - 1] ?? null,
      wanted: preferences.wanted.map((kind) => EMAIL_KIND_WORDS[kind].label),
      turnedOff: optOuts.map((optOut) => ({ email: EMAIL_KIND_WORDS[optOut.kind].label, since: optOut.createdAt })),
    },
    passwordResetLinks: resets.map((reset) => ({
      via: reset.via === "email" ? "Asked for by email" : reset.via === "admin" ? `Made by ${reset.issuedBy ?? "an admin"}` : "Made by the site's operator",
      createdAt: reset.createdAt,
      expiresAt: reset.expiresAt,
      usedAt: reset.usedAt,
      replacedAt: reset.revokedAt,
    })),
  };
}

/** The download: JSON a person can read, saved as a file, kept by no cache. */
export function personalDataResponse(data: PersonalData, filename: string): Response {
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
