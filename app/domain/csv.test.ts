import { describe, expect, it } from "vitest";
import { csvCell } from "./csv";

describe("csvCell", () => {
  it.each([
    ["plain", '"plain"'],
    ['She said "done"', '"She said ""done"""'],
    ["line one\nline two", '"line one\nline two"'],
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["+44 23 9283 4000", '"\'+44 23 9283 4000"'],
    ["@SUM(A1)", '"\'@SUM(A1)"'],
    ["", '""'],
  ])("%j → %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
