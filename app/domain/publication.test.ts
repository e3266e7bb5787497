import { describe, expect, it } from "vitest";
import { describePublication, publicationStateOf, whoMustAgree, type Publication, type PublicationColumns } from "./publication";

const NONE: PublicationColumns = {
  publicationProposedBy: null,
  publicationProposedSector: null,
  publicationProposedAt: null,
  publicationAgreedBy: null,
  publicationAgreedSector: null,
  publishedAt: null,
};
const PROPOSED: PublicationColumns = {
  ...NONE,
  publicationProposedBy: "u-priya",
  publicationProposedSector: "public",
  publicationProposedAt: new Date("2026-12-05T10:00:00Z"),
};
const PUBLISHED: PublicationColumns = {
  ...PROPOSED,
  publicationAgreedBy: "u-sam",
  publicationAgreedSector: "voluntary_community",
  publishedAt: new Date("2026-12-06T09:00:00Z"),
};

const priya = { name: "Priya Shah", sector: "public" as const, at: new Date("2026-12-05T10:00:00Z") };
// 23:30 UTC on 6 June is 00:30 on 7 June in London (BST): the UK date is the one people read.
const sam = { name: "Sam Patel", sector: "voluntary_community" as const, at: new Date("2026-06-06T23:30:00Z") };

describe("a plan's publication", () => {
  it("stands where the plan's columns say", () => {
    expect(publicationStateOf(NONE)).toBe("not_proposed");
    expect(publicationStateOf(PROPOSED)).toBe("proposed");
    expect(publicationStateOf(PUBLISHED)).toBe("published");
  });

  it("says who proposed it and which sector must agree", () => {
    const proposed: Publication = { state: "proposed", proposed: priya, agreed: null };
    expect(describePublication(proposed, false)).toBe(
      "Proposed by Priya Shah (public sector) on 5 December 2026; waiting for the voluntary and community sector to agree.",
    );
    const byVcs: Publication = { state: "proposed", proposed: { ...sam, at: priya.at }, agreed: null };
    expect(describePublication(byVcs, false)).toBe(
      "Proposed by Sam Patel (voluntary and community sector) on 5 December 2026; waiting for the public sector to agree.",
    );
    expect(describePublication(proposed, true)).toBe("Proposed by Priya Shah (public sector) on 5 December 2026; waiting for another person to agree.");
  });

  it("says when it was published, by whose consent, on the UK date", () => {
    expect(describePublication({ state: "published", proposed: priya, agreed: sam }, false)).toBe(
      "Published on 7 June 2026: proposed by Priya Shah (public sector), agreed by Sam Patel (voluntary and community sector).",
    );
  });

  it("says what may happen when nothing is proposed", () => {
    expect(describePublication({ state: "not_proposed", proposed: null, agreed: null }, false)).toMatch(/^Not published\. /);
  });

  it("tells someone who may not agree who can", () => {
    expect(whoMustAgree("public", false)).toBe("Someone of the voluntary and community sector who is an admin or steward of this plan must agree.");
    expect(whoMustAgree("voluntary_community", false)).toBe("Someone of the public sector who is an admin or steward of this plan must agree.");
    expect(whoMustAgree("independent", false)).toBe("Someone of another sector who is an admin or steward of this plan must agree.");
    expect(whoMustAgree("public", true)).toBe("Another admin or steward of this plan, not the person who proposed it, must agree.");
  });
});
