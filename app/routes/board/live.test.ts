import { describe, expect, it } from "vitest";
import { versionOf } from "./live";

describe("a live change's version", () => {
  it("is read from the event, or is null when it names none", () => {
    expect(versionOf('{"actionId":"a","version":12}')).toBe(12);
    expect(versionOf('{"actionId":null,"version":null}')).toBeNull();
    expect(versionOf("not json")).toBeNull();
  });
});
