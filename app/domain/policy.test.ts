import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "./vocabulary";
import { can, mayIssueResetLink, VERBS, type Actor, type Target, type Verb } from "./policy";

// The permission table, written out once. Every verb needs a row (the Record
// type and the first test both insist), and every role × relation is checked.
const NO_CROSS_SECTOR_CUSTODIAN = "of another sector, when no lead or steward is";
const RELATIONS = [
  "leads in person",
  "leads through a group",
  "steward",
  "is assigned to the review",
  NO_CROSS_SECTOR_CUSTODIAN,
  "neither",
  "other partnership",
] as const;
type Relation = (typeof RELATIONS)[number];
type Allowed = Relation[];

const ALL: Allowed = ["leads in person", "leads through a group", "steward", "is assigned to the review", NO_CROSS_SECTOR_CUSTODIAN, "neither"];
const LEADS_OR_STEWARDS: Allowed = ["leads in person", "leads through a group", "steward"];
const NONE: Allowed = [];

export const EXPECTED: Record<Verb, Record<Role, Allowed>> = {
  "partnership.view": { admin: ALL, member: ALL, facilitator: ALL, observer: ALL },
  "partnership.manageMembers": { admin: ALL, member: NONE, facilitator: NONE, observer: NONE },
  "partnership.manageGroups": { admin: ALL, member: NONE, facilitator: NONE, observer: NONE },
  "partnership.viewSecurityLog": { admin: ALL, member: NONE, facilitator: NONE, observer: NONE },
  "partnership.manageEmails": { admin: ALL, member: NONE, facilitator: NONE, observer: NONE },
  "plan.create": { admin: ALL, member: NONE, facilitator: NONE, observer: NONE },
  "plan.view": { admin: ALL, member: ALL, facilitator: ALL, observer: ALL },
  "plan.submitForms": { admin: ALL, member: ALL, facilitator: ALL, observer: NONE },
  "plan.manage": { admin: ALL, member: NONE, facilitator: NONE, observer: NONE },
  "plan.viewHistory": { admin: ALL, member: NONE, facilitator: ALL, observer: NONE },
  "plan.editStructure": { admin: ["steward"], member: ["steward"], facilitator: NONE, observer: NONE },
  "plan.proposePublication": { admin: ALL, member: ["steward"], facilitator: NONE, observer: NONE },
  // Proposed by someone of another sector (the cross-sector rule has its own tests below).
  "plan.agreePublication": { admin: ALL, member: ["steward"], facilitator: NONE, observer: NONE },
  "plan.withdrawPublication": { admin: ALL, member: ["steward"], facilitator: NONE, observer: NONE },
  "outcome.edit": { admin: ["steward"], member: ["steward"], facilitator: NONE, observer: NONE },
  "survey.manage": { admin: ["steward"], member: ["steward"], facilitator: NONE, observer: NONE },
  // Proposed by someone of another sector (the cross-sector rule is the publication's, tested below).
  "survey.agree": { admin: ALL, member: ["steward"], facilitator: NONE, observer: NONE },
  "action.view": { admin: ALL, member: ALL, facilitator: ALL, observer: ALL },
  "action.edit": { admin: LEADS_OR_STEWARDS, member: LEADS_OR_STEWARDS, facilitator: NONE, observer: NONE },
  "action.addNote": { admin: LEADS_OR_STEWARDS, member: LEADS_OR_STEWARDS, facilitator: NONE, observer: NONE },
  // Proposed by someone of another sector (the cross-sector rule has its own tests below).
  "action.confirmCompletion": {
    admin: [...LEADS_OR_STEWARDS, NO_CROSS_SECTOR_CUSTODIAN],
    member: [...LEADS_OR_STEWARDS, NO_CROSS_SECTOR_CUSTODIAN],
    facilitator: NONE,
    observer: NONE,
  },
  "review.viewPublished": { admin: ALL, member: ALL, facilitator: ALL, observer: ALL },
  "review.viewDraft": { admin: ALL, member: NONE, facilitator: ALL, observer: NONE },
  "review.schedule": { admin: ALL, member: ["steward"], facilitator: NONE, observer: NONE },
  "review.open": { admin: ALL, member: ["steward"], facilitator: ["is assigned to the review"], observer: NONE },
  "review.write": { admin: NONE, member: NONE, facilitator: ["is assigned to the review"], observer: NONE },
  "review.respond": { admin: ["steward"], member: ["steward"], facilitator: NONE, observer: NONE },
};

const PARTNERSHIP = "p-portsmouth";
const STEWARD_GROUP = "g-steward";
const LEAD_GROUP = "g-lead";
const ME = "u-me";

function scenario(role: Role, relation: Relation): { actor: Actor; target: Target } {
  const groupIds = new Set<string>();
  if (relation === "steward") groupIds.add(STEWARD_GROUP);
  if (relation === "leads through a group") groupIds.add(LEAD_GROUP);
  const actor: Actor = { userId: ME, partnershipId: PARTNERSHIP, role, sector: "public", groupIds };
  const target: Target = {
    partnershipId: relation === "other partnership" ? "p-elsewhere" : PARTNERSHIP,
    plan: { stewardGroupIds: [STEWARD_GROUP] },
    action: { leadUserIds: relation === "leads in person" ? [ME, "u-other"] : ["u-other"], leadGroupIds: [LEAD_GROUP] },
    completion: { proposerUserId: "u-proposer", proposerSector: "voluntary_community", noLeadOrStewardOfAnotherSector: relation === NO_CROSS_SECTOR_CUSTODIAN },
    publication: { proposerUserId: "u-proposer", proposerSector: "voluntary_community" },
    survey: { proposerUserId: "u-proposer", proposerSector: "voluntary_community" },
    review: { facilitatorUserIds: relation === "is assigned to the review" ? ["u-other", ME] : ["u-other"] },
  };
  if (relation === "other partnership") {
    // Even a steward and lead elsewhere has no rights here.
    groupIds.add(STEWARD_GROUP);
    groupIds.add(LEAD_GROUP);
    target.review = { facilitatorUserIds: [ME] };
  }
  return { actor, target };
}

describe("the permission policy", () => {
  it("has a row for every verb", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...VERBS].sort());
  });

  const cases = VERBS.flatMap((verb) =>
    ROLES.flatMap((role) => RELATIONS.map((relation) => ({ verb, role, relation, allowed: EXPECTED[verb][role].includes(relation) }))),
  );

  it.each(cases)("$role who $relation: $verb → $allowed", ({ verb, role, relation, allowed }) => {
    const { actor, target } = scenario(role, relation);
    expect(can(actor, verb, target)).toBe(allowed);
  });

  it.each(VERBS)("refuses %s to someone with no membership in the partnership", (verb) => {
    const { target } = scenario("admin", "steward");
    expect(can(null, verb, target)).toBe(false);
  });

  describe("confirming a completion", () => {
    const steward = (sector: Actor["sector"], userId = ME): Actor => ({
      userId,
      partnershipId: PARTNERSHIP,
      role: "member",
      sector,
      groupIds: new Set([STEWARD_GROUP]),
    });
    const completionBy = (proposerSector: Actor["sector"], singleSectorSignoff = false, proposerUserId = "u-proposer"): Target => ({
      partnershipId: PARTNERSHIP,
      plan: { stewardGroupIds: [STEWARD_GROUP], singleSectorSignoff },
      action: { leadUserIds: [], leadGroupIds: [] },
      completion: { proposerUserId, proposerSector },
    });

    it("is refused to someone of the proposer's own sector", () => {
      expect(can(steward("voluntary_community"), "action.confirmCompletion", completionBy("voluntary_community"))).toBe(false);
    });
    it("is granted to a steward of another sector", () => {
      expect(can(steward("public"), "action.confirmCompletion", completionBy("voluntary_community"))).toBe(true);
    });
    it("is refused when nothing awaits confirmation", () => {
      const { completion: _completion, ...target } = completionBy("voluntary_community");
      expect(can(steward("public"), "action.confirmCompletion", target)).toBe(false);
    });
    it("under single-sector sign-off, is granted to another person of the same sector", () => {
      expect(can(steward("voluntary_community"), "action.confirmCompletion", completionBy("voluntary_community", true))).toBe(true);
    });
    it("is refused to the proposer even after their sector has changed", () => {
      expect(can(steward("public"), "action.confirmCompletion", completionBy("voluntary_community", false, ME))).toBe(false);
    });
    it("under single-sector sign-off, is still refused to the proposer", () => {
      expect(can(steward("voluntary_community"), "action.confirmCompletion", completionBy("voluntary_community", true, ME))).toBe(false);
    });

    describe("when no lead or steward is of another sector than the proposer's", () => {
      const outsider = (role: Role, sector: Actor["sector"], userId = ME): Actor => ({ userId, partnershipId: PARTNERSHIP, role, sector, groupIds: new Set() });
      const orphaned = (proposerUserId = "u-proposer", singleSectorSignoff = false): Target => ({
        ...completionBy("voluntary_community", singleSectorSignoff, proposerUserId),
        completion: { proposerUserId, proposerSector: "voluntary_community", noLeadOrStewardOfAnotherSector: true },
      });
      it.each(["member", "admin"] as const)("is granted to any %s of another sector", (role) => {
        expect(can(outsider(role, "public"), "action.confirmCompletion", orphaned())).toBe(true);
      });
      it.each(["facilitator", "observer"] as const)("is still refused to a %s of another sector", (role) => {
        expect(can(outsider(role, "public"), "action.confirmCompletion", orphaned())).toBe(false);
      });
      it("is refused to someone of the proposer's sector with no rights on the action", () => {
        expect(can(outsider("member", "voluntary_community"), "action.confirmCompletion", orphaned())).toBe(false);
      });
      it("is refused to the proposer", () => {
        expect(can(outsider("admin", "public"), "action.confirmCompletion", orphaned(ME))).toBe(false);
      });
      it("still grants a steward of the proposer's sector nothing without single-sector sign-off", () => {
        expect(can(steward("voluntary_community"), "action.confirmCompletion", orphaned())).toBe(false);
        expect(can(steward("voluntary_community"), "action.confirmCompletion", orphaned("u-proposer", true))).toBe(true);
      });
      it("is refused to outsiders while a lead or steward of another sector exists", () => {
        expect(can(outsider("admin", "public"), "action.confirmCompletion", completionBy("voluntary_community"))).toBe(false);
      });
    });
  });
});

describe("agreeing to publish a plan", () => {
  const steward = (sector: Actor["sector"], userId = ME, role: Role = "member"): Actor => ({
    userId,
    partnershipId: PARTNERSHIP,
    role,
    sector,
    groupIds: role === "admin" ? new Set() : new Set([STEWARD_GROUP]),
  });
  const proposedBy = (proposerSector: Actor["sector"] | null, singleSectorSignoff = false, proposerUserId: string | null = "u-proposer"): Target => ({
    partnershipId: PARTNERSHIP,
    plan: { stewardGroupIds: [STEWARD_GROUP], singleSectorSignoff },
    publication: { proposerUserId, proposerSector },
  });

  it("is refused to someone of the proposer's own sector", () => {
    expect(can(steward("public"), "plan.agreePublication", proposedBy("public"))).toBe(false);
    expect(can(steward("public", ME, "admin"), "plan.agreePublication", proposedBy("public"))).toBe(false);
  });
  it("is granted to a steward or an admin of the other sector", () => {
    expect(can(steward("voluntary_community"), "plan.agreePublication", proposedBy("public"))).toBe(true);
    expect(can(steward("public", ME, "admin"), "plan.agreePublication", proposedBy("voluntary_community"))).toBe(true);
  });
  it("is refused to the proposer even after their sector has changed", () => {
    expect(can(steward("voluntary_community"), "plan.agreePublication", proposedBy("public", false, ME))).toBe(false);
  });
  it("under single-sector sign-off, is granted to another person of the same sector, and still refused to the proposer", () => {
    expect(can(steward("public"), "plan.agreePublication", proposedBy("public", true))).toBe(true);
    expect(can(steward("public"), "plan.agreePublication", proposedBy("public", true, ME))).toBe(false);
  });
  it("is refused when nobody has proposed it", () => {
    expect(can(steward("voluntary_community"), "plan.agreePublication", proposedBy(null, false, null))).toBe(false);
    const { publication: _publication, ...target } = proposedBy("public");
    expect(can(steward("voluntary_community"), "plan.agreePublication", target)).toBe(false);
  });
  it.each(["facilitator", "observer"] as const)("is refused to a %s of the other sector, even in a steward group", (role) => {
    expect(can({ ...steward("voluntary_community"), role }, "plan.agreePublication", proposedBy("public"))).toBe(false);
  });
  it("is refused to a member of the other sector who does not steward the plan", () => {
    expect(can({ ...steward("voluntary_community"), groupIds: new Set() }, "plan.agreePublication", proposedBy("public"))).toBe(false);
  });
});

describe("agreeing to send a partner survey", () => {
  const steward = (sector: Actor["sector"], userId = ME): Actor => ({
    userId,
    partnershipId: PARTNERSHIP,
    role: "member",
    sector,
    groupIds: new Set([STEWARD_GROUP]),
  });
  const proposedBy = (proposerSector: Actor["sector"], proposerUserId = "u-proposer"): Target => ({
    partnershipId: PARTNERSHIP,
    plan: { stewardGroupIds: [STEWARD_GROUP] },
    survey: { proposerUserId, proposerSector },
  });

  it("takes a steward of the other sector, never the proposer's own sector nor the proposer", () => {
    expect(can(steward("voluntary_community"), "survey.agree", proposedBy("public"))).toBe(true);
    expect(can(steward("public"), "survey.agree", proposedBy("public"))).toBe(false);
    expect(can(steward("voluntary_community"), "survey.agree", proposedBy("public", ME))).toBe(false);
  });
  it("is granted to an admin of the other sector, for plans whose stewards are all of one sector", () => {
    expect(can({ ...steward("public"), role: "admin", groupIds: new Set() }, "survey.agree", proposedBy("voluntary_community"))).toBe(true);
    expect(can({ ...steward("voluntary_community"), role: "admin", groupIds: new Set() }, "survey.agree", proposedBy("voluntary_community"))).toBe(false);
  });
  it("reads the survey's proposal, not the plan's publication", () => {
    const target: Target = { ...proposedBy("public"), survey: undefined, publication: { proposerUserId: "u-proposer", proposerSector: "public" } };
    expect(can(steward("voluntary_community"), "survey.agree", target)).toBe(false);
  });
});

/** The table in the README, rendered from EXPECTED so the two cannot drift apart. */
function renderReadmeTable(): string {
  const cell = (allowed: Allowed) => {
    if (allowed.length === 0) return "no";
    if (ALL.every((relation) => allowed.includes(relation))) return "yes";
    if (LEADS_OR_STEWARDS.every((relation) => allowed.includes(relation))) {
      return allowed.includes(NO_CROSS_SECTOR_CUSTODIAN) ? "leads or stewards, else anyone of another sector" : "leads or stewards";
    }
    return allowed.map((relation) => (relation === "steward" ? "stewards" : relation)).join(", ");
  };
  const header = `| verb | ${ROLES.join(" | ")} |`;
  const divider = `|---|${ROLES.map(() => "---").join("|")}|`;
  const rows = VERBS.map((verb) => `| \`${verb}\` | ${ROLES.map((role) => cell(EXPECTED[verb][role])).join(" | ")} |`);
  return [header, divider, ...rows].join("\n");
}

describe("an admin's password reset link", () => {
  const adminOf = new Set(["portsmouth", "compact"]);
  it("reaches someone all of whose partnerships the admin runs", () => {
    expect(mayIssueResetLink(adminOf, ["portsmouth"])).toBe(true);
    expect(mayIssueResetLink(adminOf, ["portsmouth", "compact"])).toBe(true);
  });
  it("does not reach someone also in a partnership the admin does not run, nor someone in none", () => {
    expect(mayIssueResetLink(adminOf, ["portsmouth", "elsewhere"])).toBe(false);
    expect(mayIssueResetLink(new Set(["portsmouth"]), ["portsmouth", "compact"])).toBe(false);
    expect(mayIssueResetLink(adminOf, [])).toBe(false);
  });
});

describe("the README", () => {
  it("shows the permission table the policy enforces", async () => {
    const { readFile } = await import("node:fs/promises");
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const table = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme)?.[1];
    expect(table).toBe(renderReadmeTable());
  });
});
