import { describe, expect, it } from "vitest";
import { emailAddressesIn, personalDataFilename, withoutOthersAddresses } from "./personal-data";

describe("a person's data download", () => {
  const names = new Map([["jordan@demo.test", "Jordan Hughes"]]);

  it("keeps the person's own address and names whose each other address is, at any depth", () => {
    const event = {
      changes: { email: { before: null, after: "Jordan@demo.test" } },
      context: { to: ["stranger@example.org", "sam@demo.test"], attempts: 2, lastError: "550 jordan@demo.test: mailbox full", at: null },
    };
    expect(withoutOthersAddresses(event, "Sam@demo.test", names)).toEqual({
      changes: { email: { before: null, after: "Jordan Hughes" } },
      context: { to: ["another person", "sam@demo.test"], attempts: 2, lastError: "550 Jordan Hughes: mailbox full", at: null },
    });
  });

  it("finds each address once, lower-cased", () => {
    expect(emailAddressesIn([{ a: "Jordan@demo.test" }, "to jordan@demo.test and x@y.org.uk", 3]).sort()).toEqual(["jordan@demo.test", "x@y.org.uk"]);
  });

  it("names the file by the day, and an admin's by the person", () => {
    expect(personalDataFilename("2026-12-05")).toBe("partnership-board-my-data-2026-12-05.json");
    expect(personalDataFilename("2026-12-05", "Sam Patel")).toBe("partnership-board-data-of-sam-patel-2026-12-05.json");
    expect(personalDataFilename("2026-12-05", 'Zoë "; x')).toBe("partnership-board-data-of-zo-x-2026-12-05.json");
  });
});
