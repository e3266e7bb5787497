import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

describe("safeRedirectPath", () => {
  it.each([
    ["/p/portsmouth", "/p/portsmouth"],
    ["/p/portsmouth/plans/1?status=done#card", "/p/portsmouth/plans/1?status=done#card"],
    ["/", "/"],
    ["/p/portsmouth/../people", "/p/people"],
    ["/p/portsmouth/plans/1?q=a%0Ab", "/p/portsmouth/plans/1?q=a%0Ab"],
    ["/ /evil.example", "/%20/evil.example"],
  ])("keeps the same-site path %j", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  // The OWASP Unvalidated Redirects cheat sheet's cases and the ones found against this app.
  it.each([
    ["https://evil.example/"],
    ["http:evil.example"],
    ["//evil.example/"],
    ["///evil.example/"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["\\/evil.example"],
    ["/%2fevil.example"],
    ["/%2F%2Fevil.example"],
    ["/%5cevil.example"],
    ["/%5C/evil.example"],
    ["/.//evil.example"],
    ["/./\\evil.example"],
    ["/p/../..//evil.example"],
    ["/%2e%2e//evil.example"],
    ["/%2E/%2E%2E//evil.example"],
    ["/.%2e//evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["/\u0000/evil.example"],
    ["javascript:alert(1)"],
    [" /p/portsmouth"],
    ["p/portsmouth"],
    [""],
    [null],
    [undefined],
    [42],
  ])("refuses %j", (target) => {
    expect(safeRedirectPath(target)).toBe("/");
  });

  it("refuses an address longer than a Location header can carry, keeping one that fits", () => {
    const planPath = "/p/portsmouth/plans/96985a85-99de-43e3-a56c-43ee5ebb92e5";
    expect(safeRedirectPath(planPath.repeat(300))).toBe("/");
    expect(safeRedirectPath(planPath.repeat(30))).toBe(planPath.repeat(30));
  });

  it("uses the fallback it is given", () => {
    expect(safeRedirectPath("/.//evil.example", "/p/portsmouth")).toBe("/p/portsmouth");
  });
});
