import { describe, expect, it } from "vitest";
import { isPublicPath, publicLeadWords, publicPlanPath } from "./public-pages";

describe("public pages", () => {
  it("names a person who said no by their sector alone", () => {
    expect(publicLeadWords({ kind: "person", name: null, sector: "voluntary_community" })).toBe("a voluntary and community sector lead");
    expect(publicLeadWords({ kind: "person", name: null, sector: "public" })).toBe("a public sector lead");
    expect(publicLeadWords({ kind: "person", name: null, sector: null })).toBe("a lead");
  });

  it("names a person who said yes, and groups, with their sector", () => {
    expect(publicLeadWords({ kind: "person", name: "Sam Patel", sector: "voluntary_community" })).toBe("Sam Patel (Voluntary and community sector)");
    expect(publicLeadWords({ kind: "group", name: "Compact Working Group", sector: "cross_sector" })).toBe("Compact Working Group (Cross-sector)");
    expect(publicLeadWords({ kind: "outside", name: "JSNA team" })).toBe("JSNA team");
    expect(publicLeadWords({ kind: "group", name: "Voluntary and community sector", sector: "voluntary_community" })).toBe("Voluntary and community sector");
  });

  it("knows its own addresses and no others", () => {
    expect(publicPlanPath("herts", "a1")).toBe("/public/herts/a1");
    expect(isPublicPath("/public")).toBe(true);
    expect(isPublicPath("/public/herts/a1/feed.atom")).toBe(true);
    expect(isPublicPath("/publications")).toBe(false);
    expect(isPublicPath("/p/herts")).toBe(false);
  });
});
