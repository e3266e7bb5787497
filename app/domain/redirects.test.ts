import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirects";

describe("safeRedirectPath", () => {
  it.each([
    ["/p/portsmouth", "/p/portsmouth"],
    ["/p/portsmouth/plans/1?status=done#card", "/p/portsmouth/plans/1?status=done#card"],
    ["/", "/"],
  ])("keeps the same-site path %j", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it.each([
    ["https://evil.example/"],
    ["//evil.example/"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["javascript:alert(1)"],
    ["/\tevil"],
    ["p/portsmouth"],
    [""],
    [null],
    [undefined],
    [42],
  ])("refuses %j", (target) => {
    expect(safeRedirectPath(target)).toBe("/");
  });
});
