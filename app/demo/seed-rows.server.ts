import type { Insertable } from "kysely";
import type { Database } from "../../db/schema";
import { splitLeadWording } from "../domain/leads";
import type { Role, Sector, Status } from "../domain/vocabulary";
import type { DemoGroup, DemoPerson, DemoStep } from "./portsmouth-data.server";
import { createdFields, SYSTEM_ACTOR } from "../server/platform/audit.server";
import type { Trx } from "../server/platform/write.server";

// Rows every demo partnership starts with: its groups, its people (who may
// already exist, from another demo partnership) and its actions' leads; and
// the story of each action, replayed into its rows and a backdated history.

/** Taken by every demo seed, so that two servers starting at once load each demo once. */
export const SEED_LOCK_KEY = 7_310_412_002;

export async function insertDemoGroups(trx: Trx, partnershipId: string, groups: DemoGroup[]) {
  const rows = await trx
    .insertInto("groups")
    .values(groups.map((group) => ({ ...group, partnershipId })))
    .returning(["id", "name"])
    .execute();
  return new Map(rows.map((group) => [group.name.toLowerCase(), group.id]));
}

export interface DemoPeopleIds {
  userIdByName: Map<string, string>;
  userIdByEmail: Map<string, string>;
  /** As each person acts in this partnership. */
  memberByEmail: Map<string, { userId: string; role: Role; sector: Sector }>;
}

/** People and their memberships; someone already in another demo partnership keeps their account. */
export async function insertDemoPeople(
  trx: Trx,
  partnershipId: string,
  people: DemoPerson[],
  groupIdByName: Map<string, string>,
  demoPasswordHash: string,
): Promise<DemoPeopleIds> {
  const ids: DemoPeopleIds = { userIdByName: new Map(), userIdByEmail: new Map(), memberByEmail: new Map() };
  for (const person of people) {
    const user = await trx
      .insertInto("users")
      .values({
        email: person.email,
        displayName: person.displayName,
        passwordHash: person.canSignIn ? demoPasswordHash : null,
        passwordChangedAt: person.canSignIn ? new Date() : null,
      })
      .onConflict((conflict) => conflict.column("email").doUpdateSet({ displayName: person.displayName }))
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.userIdByName.set(person.displayName.toLowerCase(), user.id);
    ids.userIdByEmail.set(person.email, user.id);
    ids.memberByEmail.set(person.email, { userId: user.id, role: person.role, sector: person.sector });
    await trx
      .insertInto("partnershipMemberships")
      .values({ partnershipId, userId: user.id, role: person.role, sector: person.sector, jobTitle: person.jobTitle })
      .execute();
    for (const group of person.groups) {
      await trx
        .insertInto("groupMemberships")
        .values({ groupId: groupIdByName.get(group.name.toLowerCase())!, partnershipId, userId: user.id, role: group.chair ? "chair" : "member" })
        .execute();
    }
  }
  return ids;
}

/** An action's leads from its "Lead person/group" wording: groups and people by name, anything else an outside body. */
export function leadRowsOf(
  actionId: string,
  wording: string,
  groupIdByName: Map<string, string>,
  userIdByName: Map<string, string>,
): Array<Insertable<Database["actionLeads"]>> {
  return splitLeadWording(wording).map((name, position) => {
    const key = name.toLowerCase();
    const groupId = groupIdByName.get(key) ?? null;
    const userId = groupId ? null : (userIdByName.get(key) ?? null);
    return { actionId, position, groupId, userId, outsideBody: groupId || userId ? null : name };
  });
}

/** The one event a demo seed records as its own: the partnership loaded, and from what. */
export function seededEvent(partnershipId: string, planId: string, source: string) {
  return { actor: SYSTEM_ACTOR, partnershipId, planId, entityType: "partnership", entityId: partnershipId, verb: "seeded", context: { source } };
}

/** An audit event of a demo story, before it knows its partnership, plan and action. */
export type StoryEvent = Omit<Insertable<Database["auditEvents"]>, "partnershipId" | "planId" | "actionId" | "context"> & {
  entityId: string;
  contextFacts: Record<string, unknown>;
};

/**
 * An action's story played forward from Not started, each step at its time:
 * where it ends, its completion, its notes, and the audit events each step
 * would have written (backdated: demo data, never real events).
 */
export function replayStory(steps: Array<DemoStep & { at: Date }>, people: DemoPeopleIds) {
  let status: Status = "not_started";
  let completion: Partial<Insertable<Database["actions"]>> = {};
  let updatedAt: Date | null = null;
  const notes: Array<{ authorId: string; body: string; at: Date; event: StoryEvent }> = [];
  const events: StoryEvent[] = [];
  for (const step of steps) {
    const member = people.memberByEmail.get(step.by)!;
    const at = step.at;
    const actor = { occurredAt: at, actorUserId: member.userId, actorRole: member.role, actorSector: member.sector };
    if (step.kind === "note") {
      const event: StoryEvent = {
        ...actor,
        entityType: "progress_note",
        entityId: "",
        verb: "added",
        changes: JSON.stringify(createdFields({ body: step.body })),
        contextFacts: {},
      };
      notes.push({ authorId: member.userId, body: step.body, at, event });
      events.push(event);
    } else if (step.kind === "move") {
      const proposing = step.to === "done";
      events.push({
        ...actor,
        entityType: "action",
        entityId: "",
        verb: proposing ? "completion_proposed" : "moved",
        changes: JSON.stringify({ status: { before: status, after: step.to } }),
        contextFacts: { placement: { at: "bottom" } },
      });
      completion = proposing ? proposal(member, status, at) : {};
      status = step.to;
    } else {
      events.push({
        ...actor,
        entityType: "action",
        entityId: "",
        verb: "completion_confirmed",
        changes: JSON.stringify({ completion: { before: "awaiting confirmation", after: "confirmed" } }),
        contextFacts: { proposerSector: completion.completionProposedSector },
      });
      completion = { ...completion, completionConfirmedBy: member.userId, completionConfirmedAt: at };
    }
    updatedAt = at;
  }
  return { status, completion, updatedAt, notes, events };
}

function proposal(member: { userId: string; sector: Sector }, from: Status, at: Date) {
  return {
    completionProposedBy: member.userId,
    completionProposedSector: member.sector,
    completionProposedAt: at,
    completionReturnsTo: from === "done" ? "in_progress" : from,
  } as const;
}

/** A demo's story into the audit trail, oldest first, so that the trail's order is the order things happened. */
export async function insertBackdatedHistory(trx: Trx, history: Array<Insertable<Database["auditEvents"]>>) {
  history.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime());
  for (let start = 0; start < history.length; start += 500)
    await trx
      .insertInto("auditEvents")
      .values(history.slice(start, start + 500))
      .execute();
}
