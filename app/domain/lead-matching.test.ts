import { describe, expect, it } from "vitest";
import { leadMatcher } from "./lead-matching";

const match = leadMatcher({
  people: [{ id: "p1", name: "Mandy Lindley" }],
  groups: [
    { id: "g1", name: "Third Sector Leadership Group" },
    { id: "g2", name: "Providers Network" },
    { id: "g3", name: "Friends & Neighbours" },
  ],
});

describe("matching a table's leads to the partnership's people and groups", () => {
  it("ignores case, spacing, quote marks and & against and", () => {
    expect(match(["third  sector 'Leadership' group", "MANDY LINDLEY", "Friends and Neighbours"])).toEqual([
      { kind: "group", id: "g1", name: "Third Sector Leadership Group", wording: "third  sector 'Leadership' group" },
      { kind: "person", id: "p1", name: "Mandy Lindley", wording: "MANDY LINDLEY" },
      { kind: "group", id: "g3", name: "Friends & Neighbours", wording: "Friends and Neighbours" },
    ]);
  });

  it("splits 'and', '&' and commas only where a part is someone known", () => {
    expect(match(["Mandy Lindley and Providers Network & JSNA team"]).map((lead) => [lead.kind, lead.name])).toEqual([
      ["person", "Mandy Lindley"],
      ["group", "Providers Network"],
      ["outside", "JSNA team"],
    ]);
    expect(match(["Voluntary and Community Sector Forum"])).toEqual([
      { kind: "outside", name: "Voluntary and Community Sector Forum", wording: "Voluntary and Community Sector Forum" },
    ]);
  });

  it("names each lead once", () => {
    expect(match(["Mandy Lindley", "mandy lindley", "JSNA team", "jsna TEAM"]).map((lead) => lead.name)).toEqual(["Mandy Lindley", "JSNA team"]);
  });
});
