import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { publicationStateOf, type Publication, type PublicationColumns } from "../../domain/publication";
import { publicPlanPath } from "../../domain/public-pages";
import { ConflictError } from "../platform/errors.server";
import { planWrite, recorded, unchanged, type Trx } from "../platform/write.server";

// Publishing a plan on its public page takes both sectors: one person
// proposes, someone of the other sector agrees, either withdraws alone. Each
// step is a planWrite, so it is recorded and its change notification reaches
// every instance, which is what drops the public page's cached copy there.

const COLUMNS = [
  "publicationProposedBy",
  "publicationProposedSector",
  "publicationProposedAt",
  "publicationAgreedBy",
  "publicationAgreedSector",
  "publishedAt",
] as const satisfies ReadonlyArray<keyof PublicationColumns>;

const CLEARED = {
  publicationProposedBy: null,
  publicationProposedSector: null,
  publicationProposedAt: null,
  publicationAgreedBy: null,
  publicationAgreedSector: null,
  publishedAt: null,
} as const satisfies PublicationColumns;

/** The plan's publication columns, its row locked so that a proposal, an agreement and a withdrawal queue rather than race. */
async function lockedPublication(trx: Trx, planId: string): Promise<PublicationColumns> {
  return trx.selectFrom("plans").select(COLUMNS).where("id", "=", planId).forUpdate().executeTakeFirstOrThrow();
}

export const NO_STANDING_PROPOSAL = "Nobody has proposed publishing this plan, or it was withdrawn. Reload the page.";

export const proposePublication = planWrite("proposePublication", async ({ trx, actor, plan, authorize }) => {
  authorize("plan.proposePublication");
  const before = await lockedPublication(trx, plan.id);
  // Proposed already (by anyone) or public: a second press changes nothing.
  if (publicationStateOf(before) !== "not_proposed") return unchanged();
  const proposal = { publicationProposedBy: actor.userId, publicationProposedSector: actor.sector, publicationProposedAt: new Date() };
  await trx.updateTable("plans").set(proposal).where("id", "=", plan.id).execute();
  return recorded({
    entityType: "plan",
    entityId: plan.id,
    verb: "publication_proposed",
    changes: { publicationProposedSector: { before: null, after: actor.sector } },
  });
});

export const agreePublication = planWrite("agreePublication", async ({ trx, actor, plan, authorize }) => {
  const before = await lockedPublication(trx, plan.id);
  const state = publicationStateOf(before);
  if (state !== "proposed") {
    // Only someone who may take part learns where it stands.
    authorize("plan.proposePublication");
    if (state === "published") return unchanged();
    throw new ConflictError(NO_STANDING_PROPOSAL);
  }
  authorize("plan.agreePublication", { publication: { proposerUserId: before.publicationProposedBy, proposerSector: before.publicationProposedSector } });
  const partnership = await trx.selectFrom("partnerships").select("slug").where("id", "=", plan.partnershipId).executeTakeFirstOrThrow();
  await trx
    .updateTable("plans")
    .set({ publicationAgreedBy: actor.userId, publicationAgreedSector: actor.sector, publishedAt: new Date() })
    .where("id", "=", plan.id)
    .execute();
  return recorded({
    entityType: "plan",
    entityId: plan.id,
    verb: "published",
    changes: { publicationAgreedSector: { before: null, after: actor.sector } },
    context: { proposedSector: before.publicationProposedSector, address: publicPlanPath(partnership.slug, plan.id) },
  });
});

/** Returns where it stood: "published", "proposed", or "not_proposed" when there was nothing to withdraw. */
export const withdrawPublication = planWrite("withdrawPublication", async ({ trx, plan, authorize }) => {
  authorize("plan.withdrawPublication");
  const before = await lockedPublication(trx, plan.id);
  const state = publicationStateOf(before);
  if (state === "not_proposed") return unchanged(state);
  await trx.updateTable("plans").set(CLEARED).where("id", "=", plan.id).execute();
  return recorded(
    {
      entityType: "plan",
      entityId: plan.id,
      verb: "publication_withdrawn",
      // Either sector withdraws alone: a proposal not yet agreed, or a plan that was public.
      context: { withdrew: state === "published" ? "published" : "proposal" },
    },
    state,
  );
});

/** Where the plan's publication stands, with who proposed and who agreed, for its Settings; the proposer's id for the policy. */
export async function publicationOf(db: Kysely<Database>, planId: string): Promise<Publication & { proposerUserId: string | null }> {
  const row = await db
    .selectFrom("plans as p")
    .leftJoin("users as proposer", "proposer.id", "p.publicationProposedBy")
    .leftJoin("users as agreer", "agreer.id", "p.publicationAgreedBy")
    .select(COLUMNS.map((column) => `p.${column}` as const))
    .select(["proposer.displayName as proposerName", "agreer.displayName as agreerName"])
    .where("p.id", "=", planId)
    .executeTakeFirstOrThrow();
  const proposed =
    row.publicationProposedSector && row.publicationProposedAt
      ? { name: row.proposerName ?? "Someone", sector: row.publicationProposedSector, at: row.publicationProposedAt }
      : null;
  const agreed =
    row.publicationAgreedSector && row.publishedAt ? { name: row.agreerName ?? "Someone", sector: row.publicationAgreedSector, at: row.publishedAt } : null;
  return { state: publicationStateOf(row), proposed, agreed, proposerUserId: row.publicationProposedBy };
}
